import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { compareCaptures, isReported } from '../../src/core/diff/index.js';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import { captureView } from '../../src/store/capture-view.js';
import { compareStoredCaptures } from '../../src/store/compare-sides.js';
import { HashIds } from '../../src/store/hash-ids.js';
import { tempArchive } from '../support/temp.js';

// Issue 21 item 4: `diff` of two stored captures by their hash lists (src/store/compare-sides.ts)
// reports what the comparison of their whole messages reports.

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

describe('hash numbers', () => {
  it('give equal hashes one number and each its bytes back, past every growth of the table', () => {
    const ids = new HashIds(1);
    const hashes = Array.from({ length: 3000 }, (_, i) =>
      createHash('sha256')
        .update(String(i % 2200))
        .digest(),
    );
    const numbers = hashes.map((h) => ids.id(h, 0));
    expect(ids.size).toBe(2200);
    hashes.forEach((h, i) => {
      expect(numbers[i]).toBe(numbers[i % 2200]);
      expect(ids.bytes(numbers[i]!).equals(h)).toBe(true);
    });
  });

  it('number an adopted list as a copied one, and the hashes copied after it, without copying the list', () => {
    const hash = (n: number): Buffer => createHash('sha256').update(String(n)).digest();
    // A list with repeats, then hashes of which half are in it: past the copies' growth and a rehash.
    const list = Buffer.concat(Array.from({ length: 1500 }, (_, i) => hash(i % 1100)));
    const later = Array.from({ length: 2000 }, (_, i) => hash(600 + i));
    const copied = new HashIds(1);
    const adopted = new HashIds(1, 1);
    const held = Buffer.from(list);
    expect(Array.from(adopted.adopt(held))).toEqual(Array.from(copied.ids(list)));
    expect(later.map((h) => adopted.id(h, 0))).toEqual(later.map((h) => copied.id(h, 0)));
    expect(adopted.size).toBe(copied.size);
    for (let id = 0; id < copied.size; id++) expect(adopted.hex(id)).toBe(copied.hex(id));
    // Read in place: the adopted list's bytes are the numbers' bytes.
    held.fill(0, 0, 32);
    expect(adopted.bytes(0).equals(Buffer.alloc(32))).toBe(true);
    expect(() => adopted.adopt(list)).toThrow(/first list/);
  });
});

const time = (minute: number): string => `2024-03-04T${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+09:00`;
const message = (minute: number, body: string, kind: Message['kind'] = 'text'): Message => ({
  kind,
  sender: minute % 3 === 0 ? '佐藤花子' : '山田太郎',
  senderId: null,
  sentAt: time(minute),
  body,
  externalId: null,
  editedAt: null,
});

/** What happens to each message of the first export in the second: kept, edited, unsent, dropped, repeated. */
const scripts = fc.array(fc.constantFrom('keep', 'keep', 'keep', 'edit', 'unsend', 'drop', 'repeat'), { minLength: 1, maxLength: 60 });

describe('diff by hash lists', () => {
  it('reports what the comparison of whole messages reports', () => {
    fc.assert(
      fc.property(scripts, fc.nat(5), (ops, added) => {
        tmp.cleanup();
        tmp = tempArchive();
        const first = ops.map((_, i) => message(Math.floor(i / 2), `第${i}の連絡です`));
        const second = ops.flatMap((op, i) => {
          const m = first[i]!;
          if (op === 'edit') return [{ ...m, body: `${m.body}（訂正）` }];
          if (op === 'unsend') return [{ ...m, kind: 'unsent' as const, body: 'メッセージの送信を取り消しました' }];
          if (op === 'drop') return [];
          return op === 'repeat' ? [m, m] : [m];
        });
        for (let k = 0; k < added; k++) second.push(message(40 + k, `新しい連絡${k}`));
        const archive = Archive.open(tmp.db);
        try {
          const ids = [first, second].map((messages, n) => {
            const room = n === 0 ? { source: 'line' as const, externalId: null, title: 'チーム' } : { id: archive.rooms()[0]!.id };
            const spec = { room, raw: Buffer.from(JSON.stringify(messages)), format: 'line', variant: 'test', parserVersion: 'test/1', tz: 'Asia/Tokyo' };
            return archive.recordCapture({ ...spec, coverageKind: 'full', messages }).capture.id;
          });
          const [from, to] = ids.map((id) => archive.capture(id!));
          const whole = compareCaptures(captureView(archive, from!), captureView(archive, to!)).filter((c) => isReported(c.type));
          expect(compareStoredCaptures(archive.sqlite, from!, to!, isReported)).toEqual(whole);
        } finally {
          archive.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
