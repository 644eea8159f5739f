/**
 * Lists of hashes kept as content-defined trees (src/store/lists/tree.ts): the tree gives back the
 * list byte for byte, a change touches only the pieces around it on each level, and a daily capture
 * of a growing room stores about its new entries.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import { buildTree, cutBelow, MAX_ITEMS, pieceEnds, TreeBuilder, type ListKind, type ListTree } from '../../src/store/lists/tree.js';
import { verifyArchive } from '../../src/store/verify.js';
import { msg } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

const hashes = (from: number, n: number): Buffer =>
  Buffer.concat(
    Array.from({ length: n }, (_, i) =>
      createHash('sha256')
        .update(`m${from + i}`)
        .digest(),
    ),
  );

/** Every node of the list's tree, by hex of its bytes, and its root. */
function tree(list: Buffer, kind: ListKind = 'messages'): { nodes: Map<string, Buffer>; root: ListTree } {
  const nodes = new Map<string, Buffer>();
  const root = buildTree(list, (hash, bytes) => nodes.set(hash.toString('hex'), Buffer.from(bytes)), kind);
  return { nodes, root };
}

function unfold({ nodes, root }: ReturnType<typeof tree>): Buffer {
  let list = root.root;
  for (let level = root.levels - 1; level >= 0; level--) {
    const parts: Buffer[] = [];
    for (let at = 0; at < list.length; at += 32) parts.push(nodes.get(list.toString('hex', at, at + 32))!);
    list = Buffer.concat(parts);
  }
  return list;
}

describe('buildTree', () => {
  it('gives back any list byte for byte, with a root of one piece', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 31 }), fc.constantFrom<ListKind>('messages', 'chunks'), (n, tail, kind) => {
        const list = Buffer.concat([hashes(0, n), Buffer.alloc(tail, 7)]);
        const t = tree(list, kind);
        expect(unfold(t).equals(list)).toBe(true);
        expect(pieceEnds(t.root.root, cutBelow(kind, t.root.levels)).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });

  it('a list of 100k hashes is four levels under a small root, and appending 100 stores a few KB', () => {
    const day1 = tree(hashes(0, 100_000));
    // Level 0 in pieces of ~35 hashes, the levels above in pieces of ~11: 100,000 → ~2,900 → ~260 → ~24 → a root of a few.
    expect(day1.root.levels).toBe(4);
    const day2 = tree(hashes(0, 100_100));
    const added = [...day2.nodes].filter(([k]) => !day1.nodes.has(k)).reduce((n, [, v]) => n + v.length, 0);
    // The 100 new hashes (3.2 KB) and the pieces from the last cut before the old end, up each level.
    expect(added).toBeGreaterThanOrEqual(3_200);
    expect(added + day2.root.root.length).toBeLessThan(12_000);
  });
});

describe('TreeBuilder: the tree of a list fed in parts', () => {
  it('puts the same nodes and gives the same root as buildTree of the whole list, however the list is split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 20 }), (n, cuts) => {
        const list = hashes(n, n);
        const whole = tree(list);
        const nodes = new Map<string, Buffer>();
        const builder = new TreeBuilder((hash, bytes) => nodes.set(hash.toString('hex'), Buffer.from(bytes)), 'messages');
        let at = 0;
        for (const c of cuts) {
          const end = Math.min(n, at + c);
          builder.push(list.subarray(at * 32, end * 32));
          at = end;
        }
        builder.push(list.subarray(at * 32));
        const root = builder.finish();
        expect(root.levels).toBe(whole.root.levels);
        expect(root.root.equals(whole.root.root)).toBe(true);
        expect(new Map([...nodes].sort())).toEqual(new Map([...whole.nodes].sort()));
      }),
      { numRuns: 60 },
    );
  });
});

describe('pieceEnds', () => {
  it('covers any list exactly, in pieces of at most MAX_ITEMS whole hashes (a damaged tail stays with the last)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 31 }), (n, tail) => {
        const list = Buffer.concat([hashes(0, n), Buffer.alloc(tail, 7)]);
        const cuts = pieceEnds(list, cutBelow('messages', 0));
        expect(cuts.at(-1) ?? 0).toBe(list.length);
        let start = 0;
        for (const end of cuts) {
          expect(end).toBeGreaterThan(start);
          if (end !== list.length) expect((end - start) % 32).toBe(0);
          expect(end - start).toBeLessThanOrEqual(MAX_ITEMS * 32 + 31);
          start = end;
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is content-defined: one hash inserted, changed or removed anywhere leaves all but the nodes around it on each level', () => {
    const base = hashes(0, 20_000);
    const known = tree(base).nodes;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_999 }), fc.constantFrom('insert', 'change', 'remove'), (at, how) => {
        const one = hashes(1_000_000 + at, 1);
        const edited = Buffer.concat([
          base.subarray(0, at * 32),
          how === 'remove' ? Buffer.alloc(0) : one,
          base.subarray((how === 'insert' ? at : at + 1) * 32),
        ]);
        const fresh = [...tree(edited).nodes.keys()].filter((p) => !known.has(p));
        // Three levels of nodes above 20k hashes (~570 → ~52 → ~5 pieces): at most three new pieces on each.
        expect(fresh.length).toBeLessThanOrEqual(9);
      }),
      { numRuns: 100 },
    );
  });
});

describe('lists in the archive', () => {
  it('a second capture with 100 new messages and one edited adds about its new entries, not the whole list', () => {
    const tmp = tempArchive();
    try {
      const day1: Message[] = Array.from({ length: 20_000 }, (_, i) => msg('2024-03-01T09:00:00+09:00', '佐藤花子', `本文 ${i}`));
      const day2 = [
        ...day1.map((m, i) => (i === 7_000 ? { ...m, body: `${m.body}（修正済み）` } : m)),
        ...Array.from({ length: 100 }, (_, i) => msg('2024-03-02T09:00:00+09:00', '山田太郎', `新しい ${i}`)),
      ];
      const a = Archive.open(tmp.db);
      const listBytes = (): number =>
        a.sqlite
          .prepare('SELECT (SELECT COALESCE(SUM(length(data)), 0) FROM list_nodes) + (SELECT COALESCE(SUM(length(root)), 0) FROM capture_list_roots)')
          .pluck()
          .get() as number;
      const first = a.recordCapture({
        room: { source: 'line', externalId: null, title: 'r' },
        raw: Buffer.from('1'),
        format: 'line',
        variant: 'line/test',
        parserVersion: 'line@1',
        tz: 'Asia/Tokyo',
        coverageKind: 'full',
        messages: day1,
      });
      const after1 = listBytes();
      // The list once, and the levels above it (~1/35 of it each).
      expect(after1).toBeGreaterThan(20_000 * 32);
      expect(after1).toBeLessThan(20_000 * 32 * 1.05);
      const second = a.recordCapture({
        room: { id: first.room.id },
        raw: Buffer.from('2'),
        format: 'line',
        variant: 'line/test',
        parserVersion: 'line@1',
        tz: 'Asia/Tokyo',
        coverageKind: 'full',
        messages: day2,
      });
      const added = listBytes() - after1;
      // The 100 new hashes, the piece with the edit and the pieces above both: ~14 KB, not 20,100 hashes again.
      expect(added).toBeLessThan(500 * 32);
      expect(a.captureMessages(second.capture.id).map((m) => m.body)).toEqual(day2.map((m) => m.body));
      expect(verifyArchive(a.sqlite).problems).toEqual([]);
      a.close();
    } finally {
      tmp.cleanup();
    }
  });
});
