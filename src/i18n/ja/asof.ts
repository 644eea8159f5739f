import type { asofEn } from '../en/asof.js';

/** 日本語：取り込みが記録する保存日時（sourceSavedAt）と、それを導ける元（src/core/entries/saved-at.ts）。 */
export const asofJa: typeof asofEn = {
  'asof.original.states': (p) => `原本に書かれた保存日時：${p.at}`,
  'asof.original.none': '保存日時なし（原本に保存日時が書かれていません）',
  'asof.server.states': (p) => `取り込みと一緒に残したサーバーの Date（${p.date}）をその取り込みのタイムゾーンで表した時刻：${p.at}`,
  'asof.entry.states': (p) => `取り込みのログ項目には ${p.at} とあります`,
  'asof.entry.none': '取り込みのログ項目には保存日時がありません',
  'asof.bound.by-import': (p) => `取り込み時刻 ${p.capturedAt} より後でないサーバー時刻（二つの時計の差として ${p.hours} 時間まで許容）`,
  'asof.bound.after-newest': (p) => `取り込みの最も新しいメッセージ（${p.newest}）より前でないサーバー時刻`,
  'asof.bound.server-says': (p) => `一緒に残したサーバーの Date は ${p.at} です`,
  'asof.where': (p) => `取り込み ${p.id}（ログ項目 ${p.seq}）の保存日時（sourceSavedAt）`,
  'asof.ok.original': (p) => `${p.at} と記録され、原本に書かれた保存日時と同じです`,
  'asof.ok.none': '保存日時は記録されておらず、原本にも書かれていません',
  'asof.ok.server': (p) =>
    `${p.at} と記録され、一緒に残したサーバーの Date と同じで、取り込み時刻（${p.hours} 時間の許容つき）より後でなく、最も新しいメッセージより前でもありません`,
  'asof.ok.server-private': (p) =>
    `${p.at} と記録され、一緒に残したサーバーの Date と同じで、取り込み時刻（${p.hours} 時間の許容つき）より後ではありません。この非公開版レポートにはメッセージが含まれないため、最も新しいメッセージとは比べていません`,
  'asof.rests': 'chatproof と同じように保存日時を読む取り込み処理。サーバー時刻はサーバーと、一緒に残したログ項目に拠ります',
  'asof.finding': (p) => `${p.expected} のはずが、${p.actual}`,
  'integrity.saved-at-disagrees': (p) =>
    `取り込みに記録された保存日時が、それを導ける元と合いません（${p.where}）。あるべき値: ${p.expected}、実際: ${p.actual}。何も書き込んでいません。`,
  'asof.name': (p) => `取り込み ${p.id} の保存日時`,
};
