import { leafHash, leafHashInto, nodeHash } from '../core/merkle.js';
import { levelAuditPaths } from '../core/merkle-paths.js';
import type { ManifestProof } from './manifest.js';

/**
 * RFC 6962 §2.1.1 audit paths for many leaves of one tree. core/merkle's inclusionProof
 * recomputes every subtree per proof (O(n) each); a private report of a large capture may need
 * thousands, so subtree roots are memoised here (O(n) in all). Same paths, same order.
 */
export function auditPaths(leaves: readonly Uint8Array[], indices: Iterable<number>): Map<number, ManifestProof> {
  const memo = new Map<string, Buffer>();
  const root = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return leafHash(leaves[lo]!);
    const key = `${lo}:${hi}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const k = split(hi - lo);
    const h = nodeHash(root(lo, lo + k), root(lo + k, hi));
    memo.set(key, h);
    return h;
  };
  const out = new Map<number, ManifestProof>();
  for (const index of indices) {
    if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} outside 0..${leaves.length - 1}`);
    const path: string[] = [];
    let lo = 0;
    let hi = leaves.length;
    const siblings: Buffer[] = [];
    while (hi - lo > 1) {
      const k = split(hi - lo);
      if (index < lo + k) {
        siblings.push(root(lo + k, hi));
        hi = lo + k;
      } else {
        siblings.push(root(lo, lo + k));
        lo = lo + k;
      }
    }
    // Collected top-down; the RFC's PATH lists siblings from the leaf up.
    for (let i = siblings.length - 1; i >= 0; i--) path.push(siblings[i]!.toString('hex'));
    out.set(index, { index, path });
  }
  return out;
}

/** Largest power of two strictly less than n (n ≥ 2): the RFC's split point. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The same audit paths over a capture's stored list (32 bytes a leaf's data), and the tree's root
 * (hex). See `levelAuditPaths`; `listAuditPaths` makes the level from a list held whole.
 */
export function listAuditPaths(list: Buffer, indices: Iterable<number>): { root: string; paths: Map<number, ManifestProof> } {
  const size = Math.floor(list.length / 32);
  const level = Buffer.allocUnsafe(size * 32);
  for (let i = 0; i < size; i++) leafHashInto(list, i * 32, level, i * 32);
  return levelAuditPaths(level, size, indices);
}
