import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MerkleBuilder } from '../../src/core/merkle.js';
import { RootsThread } from '../../src/store/merkle-thread.js';

function rootHere(list: Buffer): string {
  const tree = new MerkleBuilder();
  tree.pushList(list);
  return tree.rootHex();
}

describe('Merkle roots computed in a second thread', () => {
  it('equal the roots computed here, list by list and in order (empty and one-leaf lists too)', () => {
    const lists = fc.sample(fc.integer({ min: 0, max: 3000 }), { numRuns: 6, seed: 7 }).map((n) => randomBytes(32 * n));
    lists.push(Buffer.alloc(0), randomBytes(32));
    expect(RootsThread.start(lists).roots()).toEqual(lists.map(rootHere));
  });

  it('can be collected after this thread was busy for a while, and only once needed', () => {
    const lists = [randomBytes(32 * 50_000), randomBytes(32 * 7)];
    const thread = RootsThread.start(lists);
    const busyUntil = Date.now() + 100;
    while (Date.now() < busyUntil);
    expect(thread.roots()).toEqual(lists.map(rootHere));
  });
});
