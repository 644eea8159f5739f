import { createHash } from 'node:crypto';

/**
 * RFC 6962 §2.1 Merkle tree over message hashes (32-byte leaves' data):
 * leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), empty tree = SHA-256("").
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** Largest power of two strictly less than n (n ≥ 2), the RFC's split point k. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Incremental root: feed leaves in order, O(log n) memory. Equal to the RFC's recursive
 * definition because the tree of n leaves is the perfect subtrees of n's binary digits, folded
 * right to left.
 */
export class MerkleBuilder {
  private readonly stack: { hash: Buffer; size: number }[] = [];
  private count = 0;

  push(data: Uint8Array): void {
    let node = { hash: leafHash(data), size: 1 };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { hash: nodeHash(left.hash, node.hash), size: left.size * 2 };
    }
    this.stack.push(node);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  rootHex(): string {
    if (this.stack.length === 0) return createHash('sha256').digest('hex');
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i]!.hash, acc);
    return acc.toString('hex');
  }
}

export function merkleRootHex(leaves: readonly Uint8Array[]): string {
  const b = new MerkleBuilder();
  for (const l of leaves) b.push(l);
  return b.rootHex();
}

/** RFC 6962 §2.1.1 PATH(m, D[n]): sibling hashes from the leaf up, hex. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): string[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} outside 0..${leaves.length - 1}`);
  const path: Buffer[] = [];
  const rec = (lo: number, hi: number, m: number): void => {
    const n = hi - lo;
    if (n <= 1) return;
    const k = split(n);
    if (m < k) {
      rec(lo, lo + k, m);
      path.push(subtreeRoot(leaves, lo + k, hi));
    } else {
      rec(lo + k, hi, m - k);
      path.push(subtreeRoot(leaves, lo, lo + k));
    }
  };
  rec(0, leaves.length, index);
  return path.map((p) => p.toString('hex'));
}

function subtreeRoot(leaves: readonly Uint8Array[], lo: number, hi: number): Buffer {
  if (hi - lo === 1) return leafHash(leaves[lo]!);
  const k = split(hi - lo);
  return nodeHash(subtreeRoot(leaves, lo, lo + k), subtreeRoot(leaves, lo + k, hi));
}

/** RFC 9162 §2.1.3.2 inclusion verification, the iterative form of RFC 6962's PATH. */
export function verifyInclusion(data: Uint8Array, index: number, size: number, proofHex: readonly string[], rootHex: string): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(data);
  for (const hex of proofHex) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHex;
}
