import type { errorsEn } from '../en/errors.js';

/** 日本語: エラーとヒント。キーは en/errors.ts と同じ（エラーの code）。 */
export const errorsJa: typeof errorsEn = {
  'usage.unknown-zone': (p) => `タイムゾーン「${p.zone}」は分かりません。`,
  'usage.unknown-zone.hint': 'Asia/Tokyo や Europe/London のような IANA のゾーン名を指定してください。',
  'usage.file-and-clipboard': 'FILE（または -）と --clipboard は、どちらか一方だけを指定してください。',
  'usage.unknown-format': (p) => `--format「${p.format}」は分かりません。次のどれかを指定してください: ${p.formats}`,
  'usage.coverage': (p) => `--coverage には full か window を指定してください（「${p.value}」は使えません）。`,
  'input.empty': '入力が空です。取り込むものがありません。',
  'input.empty.hint': 'チャットを書き出した（またはコピーした）ことを確かめてから取り込んでください。',
  'hint.complete-or-format': 'ファイルが途中で切れていないか、編集されていないかを確かめるか、--format で形式を指定してください。',
  'usage.room-not-named': 'この入力にはルーム名がありません。--room "ルーム名" で、どのルームの記録か指定してください。',
  'usage.capture-other-room': (p) => `取り込み ${p.capture} は別のルームのものです。`,
  'usage.capture-other-room.hint': (p) => `このルームの取り込みは chatproof captures ${p.room} で一覧できます。`,
  'usage.diff-one-capture': (p) => `ルーム「${p.title}」の取り込みが 2 回未満なので、比べられません。`,
  'usage.diff-one-capture.hint': '同じトークを後日もう一度書き出して取り込んでから比べてください。',
  'usage.note-empty': 'メモが空です。観察したことを引用符で囲んで書いてください。',
  'usage.attach-note-empty': '--note が空です。メモを引用符で囲んで書くか、--note を外してください。',
};
