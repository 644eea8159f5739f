import type { appEn } from '../en/app.js';

/** 日本語: ユースケース（src/app）の文言。キーは en/app.ts と同じ。 */
export const appJa: typeof appEn = {
  'usage.room-unknown': (p) => `ルーム「${p.arg}」はアーカイブにありません。ルーム:\n${p.rooms}`,
  'usage.room-unknown.short-prefix': (p) =>
    `ルーム「${p.arg}」はアーカイブにありません。ID の先頭部分で指定するには ${p.min} 文字以上が必要です。ルーム:\n${p.rooms}`,
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
  'interrupted.report': 'レポートの作成を中止しました。何も書き出していません。',
  // Stored bytes that no longer match their hashes on read (src/store/archive.ts, src/report/collect.ts).
  'integrity.blob-changed': (p) => `保存されたファイル ${p.sha256} が変わっています（現在のハッシュは ${p.actual}）。何も書き込んでいません。`,
  'integrity.message-changed': (p) =>
    `取り込み ${p.capture} のメッセージ ${p.hash} が変わっています（保存された内容のハッシュは ${p.actual}）。何も書き込んでいません。`,
  'integrity.list-changed': (p) =>
    `取り込み ${p.capture} のメッセージ一覧が変わっています（記録: ${p.expected}、保存された一覧: ${p.actual}）。何も書き込んでいません。`,
  'integrity.original-disagrees': (p) =>
    `保存されたメッセージが元データの内容と合いません（${p.where}）。記録: ${p.expected}、実際: ${p.actual}。何も書き込んでいません。`,
  'integrity.capture-row-changed': (p) =>
    `取り込み ${p.capture} がログの記録と合いません（ログ: ルート ${p.expected}、取り込みの行: ${p.actual}）。何も書き込んでいません。`,
  'hint.run-verify': '`chatproof verify` を実行すると、アーカイブの問題がすべて表示されます。損傷が見つかったらバックアップから戻してください。',
  'integrity.state-message-changed': (p) =>
    `ルーム ${p.room} のメッセージ ${p.hash} が変わっています（保存された内容のハッシュは ${p.actual}）。何も書き込んでいません。`,
  'integrity.state-disagrees': (p) =>
    `ルーム ${p.room} の保持している状態が取り込みと合いません（メッセージ ${p.hash}）: ${p.detail}。何も書き込んでいません。`,
  'hint.state-disagrees':
    '保持している状態は取り込みから作ったもので、証拠ではありません。`chatproof verify` を実行すると状態を取り込みと照らし合わせ、違えば破棄します。次のレポートで取り込みから作り直します。',
  'state-check.unlisted': (p) => `状態では取り込み #${p.capture} にあったとしていますが、その取り込みのメッセージ一覧にありません`,
  'state-check.left-out': (p) => `取り込み #${p.capture} には範囲内のメッセージ（一覧の ${p.place} 番目）がありますが、状態には含まれていません`,
  'state-check.content': (p) => `状態が示す本文は、取り込み #${p.first} から #${p.last} のどれにもありません`,
  'state-check.earlier': (p) => `取り込み #${p.capture} に、状態での最初の確認（#${p.first}）より前からあります`,
  'state-check.later': (p) => `取り込み #${p.capture} に、状態での最後の確認（#${p.last}）より後にもあります`,
  'state-check.status': (p) => `状態では取り込み #${p.asOf} 時点で ${p.status} ですが、取り込みからは ${p.expectedAsOf} 時点で ${p.expected} になります`,
};
