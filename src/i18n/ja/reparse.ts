import type { reparseEn } from '../en/reparse.js';

/** 日本語: `reparse CAPTURE`（import --raw で読まずに保存した記録を、読めるようになってから読み直す）。キーは en/reparse.ts と同じ。 */
export const reparseJa: typeof reparseEn = {
  'help.reparse':
    'import --raw で読まずに保存した記録を、chatproof が書式を読めるようになってから読み直す（メッセージは同じ元データの新しい取り込みになり、保存した時点のものとして扱う）',
  'help.reparse.tz': '元データに時差の書かれていない時刻は、--tz で別のタイムゾーンを指定しない限り、保存したときのタイムゾーンで読みます。',
  'help.reparse.format': (p) => `入力の形式: ${p.formats}（auto: 自動判定）`,
  'help.reparse.member': 'ルームのメンバー名（LINE デスクトップ版の行から送信者名を切り分けるため）',
  'help.reparse.yes': '推定した貼り付けや途中で切れた入力の確認に「はい」と答える',
  'usage.reparse-not-raw': (p) =>
    `取り込み ${p.capture} は取り込んだときに読んでいます（${p.format} として）。読み直せるのは import --raw で読まずに保存した記録だけです。`,
  'usage.reparse-not-raw.hint': 'chatproof captures ルーム名 で確認してください。import --raw で保存した記録には「読まずに保存」と表示されます。',
  'hint.reparse-still-raw': (p) =>
    `${p.hint} 取り込み ${p.capture} は元のまま保存されています（ハッシュ・ログ・レポートに残っています）。何も保存していません。別の --format を試すか、chatproof を更新してからもう一度 chatproof reparse ${p.capture} を実行してください。`,
  'usage.reparse-other-source': (p) =>
    `取り込み ${p.capture} の保存先「${p.title}」は ${p.source} のルームです。${p.format} として読んだメッセージはそのルームに入れられません。何も読まず、保存もしていません。`,
  'usage.reparse-other-source.hint': 'ルームのサービスの形式を --format で指定してください（Chatwork なら chatwork-json か chatwork-text）。',
  'usage.reparse-done': (p) =>
    `取り込み ${p.capture} はこの読み取り方式・このタイムゾーンで読み直し済みです（メッセージは取り込み ${p.reparse}）。もう一度読んでも同じメッセージが記録されるだけです。`,
  'usage.reparse-done.hint': 'chatproof show ルーム名 --capture ID で確認できます。',
  'reparse.read': (p) =>
    `取り込み ${p.capture} を ${p.format} として読み直しました: メッセージ ${p.messages} 件。今ではなく ${p.at} の時点の記録として扱います（保存した日時、または本文に書かれた保存日時）。`,
  'captures.reparse-of': (p) => `（${p.capture} の読み直し: その時点の記録）`,
  'integrity.reparse-of-wrong': (p) =>
    `読み直しとされる取り込みが、名指しする元の記録と合いません（${p.where}）。記録: ${p.expected}、実際: ${p.actual}。メッセージが別の記録の日時で扱われてしまうため、何も書き込んでいません。`,
  'captures.raw': '（読まずに保存: 書式を読めるようになったら chatproof reparse ID で読み直せます）',
};
