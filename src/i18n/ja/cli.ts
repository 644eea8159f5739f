import type { cliEn } from '../en/cli.js';

/** 日本語: CLI そのものの言葉 — 枠組み、commander の文言、終了コード表。 */
export const cliJa: typeof cliEn = {
  'cli.description': 'チャット（LINE・Chatwork・クラウドワークス・ランサーズ）を、誰でも検証できる証拠として保存します。',
  'cli.help-after-error': '（使い方は --help で表示できます）',
  'cli.help-option': 'コマンドの使い方を表示',
  'cli.help-command': 'コマンドの使い方を表示',
  'cli.version-option': 'バージョンを表示',
  'cli.heading.usage': '使い方:',
  'cli.heading.arguments': '引数:',
  'cli.heading.options': 'オプション:',
  'cli.heading.commands': 'コマンド:',
  'cli.heading.global-options': '共通オプション:',
  'cli.help.default': (p) => `（既定: ${p.value}）`,
  'cli.help.choices': (p) => `（選択肢: ${p.choices}）`,
  'cli.exit-table': [
    '終了コード:',
    '  0    成功（verify: 問題なし）',
    '  1    内部エラー（chatproof の不具合です。報告してください）',
    '  2    使い方の誤り: オプションや引数の誤り、ルームが見つからない・特定できない',
    '  3    入力: ファイルを読めない・形式が分からない・解析できない',
    '  4    アーカイブ: 開けない、ロックが長く続く、新しい版で作られている',
    '  5    完全性: verify または verify-report が問題を検出',
    '  6    外部サービス: Chatwork API や TSA に接続できない・拒否された・回数制限',
    '  130  中断（Ctrl-C）: 書きかけのものは残りません',
  ].join('\n'),
  'cli.error.unknown-option': (p) => `不明なオプションです: ${p.flag}`,
  'cli.error.unknown-command': (p) => `不明なコマンドです: ${p.name}`,
  'cli.error.did-you-mean': (p) => `（もしかして: ${p.names}）`,
  'cli.error.missing-argument': (p) => `引数 ${p.name} がありません`,
  'cli.error.option-missing-value': (p) => `オプション ${p.flags} に値がありません`,
  'cli.error.too-many-arguments': (p) => `引数が多すぎます: ${p.expected} 個のところ ${p.got} 個あります`,
  'cli.error.invalid-choice': (p) => `オプション ${p.flags} に「${p.value}」は指定できません。指定できるのは ${p.choices} です`,
  'cli.error.other': (p) => `コマンドラインを解釈できません: ${p.text}`,
  'cli.internal-error': (p) =>
    'chatproof: 内部エラー — chatproof の不具合で、あなたの操作の誤りではありません。失敗した処理でアーカイブは変更されていません。\n' +
    `  下の内容を添えて報告してください（個人的な情報は消してください）:\n${p.detail}`,
};
