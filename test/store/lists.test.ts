/**
 * Message lists kept as content-defined pieces (src/store/lists/hash-lists.ts): the pieces give
 * back the list byte for byte, a change touches only the pieces around it, and a daily capture of
 * a growing room stores about its new entries.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import { listCuts, MAX_ITEMS } from '../../src/store/lists/hash-lists.js';
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

function pieces(list: Buffer): Set<string> {
  let start = 0;
  return new Set(listCuts(list).map((end) => list.subarray(start, (start = end)).toString('hex')));
}

describe('listCuts', () => {
  it('covers any list exactly, in pieces of at most MAX_ITEMS whole hashes (a damaged tail stays with the last)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 31 }), (n, tail) => {
        const list = Buffer.concat([hashes(0, n), Buffer.alloc(tail, 7)]);
        const cuts = listCuts(list);
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

  it('is content-defined: one hash inserted, changed or removed anywhere leaves all but the pieces around it', () => {
    const base = hashes(0, 20_000);
    const known = pieces(base);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_999 }), fc.constantFrom('insert', 'change', 'remove'), (at, how) => {
        const one = hashes(1_000_000 + at, 1);
        const edited = Buffer.concat([
          base.subarray(0, at * 32),
          how === 'remove' ? Buffer.alloc(0) : one,
          base.subarray((how === 'insert' ? at : at + 1) * 32),
        ]);
        const fresh = [...pieces(edited)].filter((p) => !known.has(p));
        expect(fresh.length).toBeLessThanOrEqual(3);
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
      const listBytes = (): number => a.sqlite.prepare('SELECT COALESCE(SUM(length(data)), 0) FROM list_chunks').pluck().get() as number;
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
      expect(after1).toBe(20_000 * 32);
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
      // The 100 new hashes and the piece with the edit (and its neighbour): ~3 pieces of ~320, not 20,100 hashes again.
      expect(added).toBeLessThan(2_000 * 32);
      expect(a.captureMessages(second.capture.id).map((m) => m.body)).toEqual(day2.map((m) => m.body));
      expect(verifyArchive(a.sqlite).problems).toEqual([]);
      a.close();
    } finally {
      tmp.cleanup();
    }
  });
});
