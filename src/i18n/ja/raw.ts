import type { rawEn } from '../en/raw.js';

/** 日本語: `import --raw`（読めない書式の入力を、そのまま証拠として保存する）。キーは en/raw.ts と同じ。 */
export const rawJa: typeof rawEn = {
  'help.import.raw': '入力を読まずにそのまま証拠として保存する（chatproof がまだ読めない書式のとき。--room を指定）',
  'usage.raw-needs-room': 'import --raw は入力を読まずに保存するため、どのルームの記録か分かりません。--room "ルーム名" で指定してください。',
  'usage.raw-needs-format': (p) =>
    `「${p.room}」は新しいルームですが、入力からどのサービスのものか分かりません。--format（line, chatwork-json, chatwork-text, crowdworks, lancers）で指定してください。`,
  'usage.raw-with-options': 'import --raw はメッセージを読まないため、--coverage・--member・--yes は使えません。',
  'hint.or-keep-raw': (p) =>
    `${p.hint} それでも証拠として残すには、そのままの形で保存できます（ハッシュ・ログ・レポートに残り、メッセージは読みません）: chatproof import --raw "${p.where}" --room "ルーム名"`,
  'import.raw-stored': (p) =>
    `${p.size} バイトをそのまま「${p.title}」に保存しました（生の記録: メッセージは読んでいません。レポートには本文がそのまま載ります）。`,
};
