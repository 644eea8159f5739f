import type { sniffEn } from '../en/sniff.js';

/** 日本語: 読み取り処理が入力を引き受ける・断る理由。 */
export const sniffJa: typeof sniffEn = {
  'sniff.empty': '入力が空',
  'sniff.line.header': (p) => `LINE の見出し「${p.header}」で始まる`,
  'sniff.line.date-line': (p) => `LINE の日付の行（「${p.line}」）とメッセージの行で始まる。見出しがないので、トークの一部かデスクトップ版の書き出し`,
  'sniff.line.dated-lines': '各行の前に日付があるメッセージの行（未確認の LINE の形式）',
  'sniff.line.none': '「[LINE]」の見出しも、先頭に「2024/03/01(金)」のような LINE の日付の行もない',
  'sniff.json.not-json': 'JSON ではない（JSON の配列やオブジェクトで始まらない）',
  'sniff.json.empty-file': '空の .json ファイル（新しいものがないと API は本文なしの 204 を返す）',
  'sniff.json.chatwork': 'Chatwork API のメッセージの項目「message_id」と「send_time」を持つ JSON',
  'sniff.json.empty-list': '空の JSON 配列（動きのないルームで API が返すもの）',
  'sniff.json.error-answer': 'Chatwork API のエラー応答（{"errors": [...]}）',
  'sniff.json.other': 'Chatwork のメッセージの項目「message_id」「send_time」がない JSON',
};
