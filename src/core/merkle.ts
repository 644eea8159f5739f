import { createHash, hash as oneShot } from 'node:crypto';

/**
 * RFC 6962 §2.1 Merkle tree over message hashes (32-byte leaves' data):
 * leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), empty tree = SHA-256("").
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/*
 * Every leaf and node of our trees is 32 bytes, so the prefixed preimage fits a fixed scratch
 * buffer hashed in one shot: about twice as fast as a Hash object with three updates, and a tree
 * costs two hashes per message (docs/performance.md). Safe to share: hashing is synchronous.
 */
const leafScratch = Buffer.alloc(33, 0);
const nodeScratch = Buffer.alloc(65, 1);

export function leafHash(data: Uint8Array): Buffer {
  if (data.length !== 32) return createHash('sha256').update(LEAF).update(data).digest();
  leafScratch.set(data, 1);
  return oneShot('sha256', leafScratch, 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(NODE).update(left).update(right).digest();
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 33);
  return oneShot('sha256', nodeScratch, 'buffer');
}

/**
 * leafHash of the 32 bytes at `at` of `from`, or nodeHash of the 64 (two nodes side by side),
 * written into `out` at `offset`: a tree's level of a million nodes is one buffer, not a million
 * 32-byte Buffers, and nothing is made per node but the digest (src/report/proofs.ts).
 */
export function leafHashInto(from: Buffer, at: number, out: Buffer, offset: number): void {
  from.copy(leafScratch, 1, at, at + 32);
  out.write(oneShot('sha256', leafScratch, 'binary'), offset, 'latin1');
}

export function nodeHashInto(from: Buffer, at: number, out: Buffer, offset: number): void {
  from.copy(nodeScratch, 1, at, at + 64);
  out.write(oneShot('sha256', nodeScratch, 'binary'), offset, 'latin1');
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
 *
 * Hashes inside the builder are 32-character binary strings (`latin1`, one character a byte),
 * written into fixed scratch buffers and hashed in one shot (`binary` is Node's name for `latin1`): Node 20's `crypto.hash` takes
 * ~0.25 µs with a string result and ~1 µs with a Buffer one, and a tree costs two hashes per
 * message (docs/performance.md).
 */
export class MerkleBuilder {
  private readonly roots: string[] = [];
  private readonly sizes: number[] = [];
  private count = 0;

  push(data: Uint8Array): void {
    if (data.length !== 32) {
      this.pushLeaf(leafHash(data).toString('latin1'));
      return;
    }
    leafScratch.set(data, 1);
    this.pushLeaf(oneShot('sha256', leafScratch, 'binary'));
  }

  /** A 32-byte leaf as a binary string (`latin1`): the same as `push` of its bytes. */
  pushBinary(data: string): void {
    if (leafScratch.write(data, 1, 'latin1') !== 32 || data.length !== 32) throw new TypeError('a Merkle leaf here is 32 bytes');
    this.pushLeaf(oneShot('sha256', leafScratch, 'binary'));
  }

  /** Every 32-byte hash of a capture's stored list, in order. */
  pushList(hashes: Buffer): void {
    for (let i = 0; i + 32 <= hashes.length; i += 32) {
      hashes.copy(leafScratch, 1, i, i + 32);
      this.pushLeaf(oneShot('sha256', leafScratch, 'binary'));
    }
  }

  private pushLeaf(leaf: string): void {
    let node = leaf;
    let size = 1;
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === size) {
      node = nodeBinary(this.roots.pop()!, node);
      this.sizes.pop();
      size *= 2;
    }
    this.roots.push(node);
    this.sizes.push(size);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  rootHex(): string {
    if (this.roots.length === 0) return createHash('sha256').digest('hex');
    let acc = this.roots[this.roots.length - 1]!;
    for (let i = this.roots.length - 2; i >= 0; i--) acc = nodeBinary(this.roots[i]!, acc);
    return Buffer.from(acc, 'latin1').toString('hex');
  }
}

function nodeBinary(left: string, right: string): string {
  nodeScratch.write(left, 1, 'latin1');
  nodeScratch.write(right, 33, 'latin1');
  return oneShot('sha256', nodeScratch, 'binary');
}

/** The root of a capture's stored list: its 32-byte hashes back to back, in order. */
export function listRootHex(hashes: Buffer): string {
  const tree = new MerkleBuilder();
  tree.pushList(hashes);
  return tree.rootHex();
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
