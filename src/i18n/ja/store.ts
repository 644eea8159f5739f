import type { storeEn } from '../en/store.js';

/** 日本語: 保存した原本とアーカイブの形式について。キーは en/store.ts と同じ。 */
export const storeJa: typeof storeEn = {
  'archive.original-missing': (p) => `保存したファイル ${p.sha256} がアーカイブにありません。`,
  'integrity.original-damaged': (p) => `保存したファイル ${p.sha256} が壊れています: ${p.what}。`,
  'integrity.chunk-missing': (p) => `${p.n} 番目のチャンク（${p.hash}）がありません`,
  'integrity.chunk-unreadable': (p) => `${p.n} 番目のチャンク（${p.hash}）を展開できません`,
  'integrity.chunk-hash': (p) => `${p.n} 番目のチャンクのハッシュが ${p.hash} になりません`,
};
