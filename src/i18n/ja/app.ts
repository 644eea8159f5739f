import type { appEn } from '../en/app.js';

/** 日本語: ユースケース（src/app）の文言。キーは en/app.ts と同じ。 */
export const appJa: typeof appEn = {
  'usage.room-unknown': (p) => `ルーム「${p.arg}」はアーカイブにありません。ルーム:\n${p.rooms}`,
  'usage.room-unknown.short-prefix': (p) => `ルーム「${p.arg}」はアーカイブにありません。ID の先頭部分で指定するには ${p.min} 文字以上が必要です。ルーム:\n${p.rooms}`,
  'usage.room-unknown.none': (p) => `ルーム「${p.arg}」はアーカイブにありません（まだルームがありません）。`,
  'usage.room-unknown.hint': '`chatproof rooms` でルームの一覧を表示できます。',
  'usage.room-ambiguous': (p) => `「${p.arg}」に当てはまるルームが複数あります:\n${p.rooms}`,
  'usage.room-ambiguous.hint': 'ルームの ID（または長めの ID の先頭部分）か、ルーム名全体で指定してください。',
  'input.truncated-refused': (p) => `入力が途中で終わっています（${p.line} 行目: ${p.reason}）。${p.next}`,
  'usage.inferred-refused': (p) => `貼り付けの構造を推定しました。${p.next}`,
  'import.not-stored.no-terminal': '確認できる端末がないため保存しませんでした。内容が正しければ --yes を付けて実行してください。',
  'import.not-stored': '保存しませんでした。',
  'interrupted.import': '中断しました。何も保存していません。',
  'interrupted.attach': '中断しました。何も添付していません。',
};
