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
 * The same audit paths over a capture's stored list (32 bytes a leaf's data), and the tree's root
 * (hex). See `levelAuditPaths`; `listAuditPaths` makes the level from a list held whole.
 */
export function listAuditPaths(list: Buffer, indices: Iterable<number>): { root: string; paths: Map<number, ManifestProof> } {
  const size = Math.floor(list.length / 32);
  const level = Buffer.allocUnsafe(size * 32);
  for (let i = 0; i < size; i++) leafHashInto(list, i * 32, level, i * 32);
  return levelAuditPaths(level, size, indices);
}

/**
 * Audit paths and root from the tree's leaf hashes (`leafHashInto`), the first `size` × 32 bytes
 * of `level`, level by level: the RFC's tree of n leaves is the pairwise one whose odd last node
 * at any level is carried up unchanged (the largest-power-of-two split gives exactly that). Each
 * level is written over the one below it in `level` (node i of the next level over nodes 2i and
 * 2i + 1, read before they are overwritten), so a tree of a million leaves needs its 32 MB and no
 * more, and a caller proving several lists reuses one buffer. `level` is overwritten.
 */
export function levelAuditPaths(level: Buffer, leaves: number, indices: Iterable<number>): { root: string; paths: Map<number, ManifestProof> } {
  let size = leaves;
  const wanted = [...new Set(indices)];
  for (const index of wanted) if (index < 0 || index >= size) throw new RangeError(`leaf ${index} outside 0..${size - 1}`);
  if (size === 0) return { root: merkleRootHex([]), paths: new Map() };
  const at = [...wanted];
  const paths = wanted.map((): string[] => []);
  while (size > 1) {
    at.forEach((p, k) => {
      const sibling = p ^ 1;
      if (sibling < size) paths[k]!.push(level.toString('hex', sibling * 32, sibling * 32 + 32));
      at[k] = p >> 1;
    });
    const half = size >> 1;
    for (let i = 0; i < half; i++) nodeHashInto(level, i * 64, level, i * 32);
    if (size % 2 === 1) level.copy(level, half * 32, (size - 1) * 32, size * 32);
    size -= half;
  }
  return { root: level.toString('hex', 0, 32), paths: new Map(wanted.map((index, k) => [index, { index, path: paths[k]! }])) };
}
