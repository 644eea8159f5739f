import type { outEn } from '../en/out.js';

/** 日本語: コマンドが人に向けて表示するもの — 見出し、要約、凡例、確認。 */
export const outJa: typeof outEn = {
  'show.heading': (p) => `${p.title}（${p.id}、${p.source}）— 取り込み ${p.captures} 回`,
  'show.legend': '記号: （空白）残っている・M 編集・× 送信取消・- 削除（--verbose でハッシュも表示）',
  'show.before': '編集前',
  'show.note': 'メモ',
  'show.observation': '観察',
  'diff.heading': (p) => `${p.title}: 取り込み ${p.from}（${p.fromAt}）→ ${p.to}（${p.toAt}）`,
  'diff.none': '変化はありません。',
  'diff.legend': '記号: + 追加・- 削除・M 編集（編集前 → 編集後）・× 送信取消',
  'rooms.none': 'まだルームがありません。chatproof import FILE で取り込めます。',
  'rooms.line': (p) => `取り込み ${String(p.captures).padStart(3)} 回  ${String(p.messages).padStart(6)} 件  最終 ${p.last}`,
  'captures.line': (p) => `${String(p.messages).padStart(6)} 件  ${p.full ? '全体' : '期間'}`,
  'note.done': (p) => `記録しました: ログ #${p.seq} ${p.hash}`,
  'verify.counted': (p) => `確認したもの: ログ ${p.entries} 件、取り込み ${p.captures} 回、メッセージ ${p.messages} 件、保存ファイル ${p.blobs} 件`,
  'verify.problem': (p) => `✗ 不一致（${p.kind}）: ${p.where}\n    記録上の値: ${p.expected}\n    実際の値:   ${p.actual}`,
  'verify.ok': '✓ 問題は見つかりませんでした。すべてのハッシュとログの連鎖が一致します。',
  'verify.failed': (p) => `✗ ${p.problems} 件の問題があります。アーカイブが外部から変更されています。`,
  'backup.done': (p) => `バックアップを書きました: ${p.file}（chatproof verify --db ${p.file} で検証できます）`,
};
