import { leafHash, leafHashInto, merkleRootHex, nodeHash, nodeHashInto } from '../core/merkle.js';
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
 * The same audit paths over a capture's stored list (32 bytes a leaf's data), level by level, and
 * the tree's root (hex): the RFC's tree of n leaves is the pairwise one whose odd last node at any
 * level is carried up unchanged (the largest-power-of-two split gives exactly that). One level is
 * held at a time, in one buffer (32 MB for a million leaves), not a memo of every subtree root
 * (~200 bytes a node).
 */
export function listAuditPaths(list: Buffer, indices: Iterable<number>): { root: string; paths: Map<number, ManifestProof> } {
  let size = Math.floor(list.length / 32);
  const wanted = [...new Set(indices)];
  for (const index of wanted) if (index < 0 || index >= size) throw new RangeError(`leaf ${index} outside 0..${size - 1}`);
  if (size === 0) return { root: merkleRootHex([]), paths: new Map() };
  const at = [...wanted];
  const paths = wanted.map((): string[] => []);
  let level = Buffer.allocUnsafe(size * 32);
  for (let i = 0; i < size; i++) leafHashInto(list.subarray(i * 32, i * 32 + 32), level, i * 32);
  while (size > 1) {
    at.forEach((p, k) => {
      const sibling = p ^ 1;
      if (sibling < size) paths[k]!.push(level.toString('hex', sibling * 32, sibling * 32 + 32));
      at[k] = p >> 1;
    });
    const half = size >> 1;
    const next = Buffer.allocUnsafe((size - half) * 32);
    for (let i = 0; i < half; i++) nodeHashInto(level, i * 64, next, i * 32);
    if (size % 2 === 1) level.copy(next, half * 32, (size - 1) * 32, size * 32);
    level = next;
    size -= half;
  }
  return { root: level.toString('hex', 0, 32), paths: new Map(wanted.map((index, k) => [index, { index, path: paths[k]! }])) };
}
