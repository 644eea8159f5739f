import type { coverageEn } from '../en/coverage.js';

/** 日本語：取り込みが記録する対象範囲（coverage.from/to）と、原本から導ける範囲（src/core/entries/coverage.ts）。 */
export const coverageJa: typeof coverageEn = {
  'cov.where.from': (p) => `取り込み ${p.id}（ログ項目 ${p.seq}）の対象範囲の始まり（coverage.from）`,
  'cov.where.to': (p) => `取り込み ${p.id}（ログ項目 ${p.seq}）の対象範囲の終わり（coverage.to）`,
  'cov.none': 'なし（原本を読み直してもメッセージがなく、終わりの時刻も書かれていません）',
  'cov.from.first': (p) => `${p.at}（原本を読み直した最も古いメッセージ）`,
  'cov.to.newest': (p) => `${p.at}（原本を読み直した最も新しいメッセージ）`,
  'cov.to.saved': (p) => `${p.at}（原本に書かれた保存日時。書き出しはこの時点まで欠けなく含みます）`,
  'cov.to.server': (p) => `${p.at}（取り込みと一緒に残したサーバーの Date。範囲はこの時点まで及びます）`,
  'cov.entry.states': (p) => `取り込みのログ項目には ${p.at} とあります`,
  'cov.entry.none': '取り込みのログ項目には何も書かれていません',
  'integrity.coverage-disagrees': (p) =>
    `取り込みに記録された対象範囲が、原本から導ける範囲と合いません（${p.where}）。あるべき値: ${p.expected}、実際: ${p.actual}。対象範囲は、見当たらないメッセージが削除されたのか範囲外なのかを決めます。何も書き込んでいません。`,
  'cov.name': (p) => `取り込み ${p.id} の対象範囲`,
  'cov.ok': (p) => `${p.from} から ${p.to} までと記録され、原本を読み直して得られる範囲と同じです`,
  'cov.rests': 'chatproof と同じようにメッセージの時刻と保存日時を読む取り込み処理。同期した取り込みの終わりは、一緒に残したサーバーの Date に拠ります',
  'cov.finding.from': (p) => `始まり（coverage.from）：${p.expected} のはずが、${p.actual}`,
  'cov.finding.to': (p) => `終わり（coverage.to）：${p.expected} のはずが、${p.actual}`,
};
