/**
 * The store contract (docs/design/layout.md, "the archive facade"): what any store of chatproof's
 * evidence must do, whatever keeps the bytes — SQLite today (test/store/conformance.test.ts), a
 * server database or a chunked store later. It is written against the archive's public methods
 * only; the storage-specific part is how the test changes stored bytes behind the store's back.
 *
 * - Append-only: entries get consecutive numbers, each links to the one before by its hash, they
 *   read back the same after a reopen, and the storage itself refuses to change or remove one.
 * - A capture is stored whole or not at all: when making its messages fails half-way, no room, no
 *   original, no capture and no entry is left.
 * - Identical bytes are stored once, under their SHA-256.
 * - Re-hash on read: an original or a message list changed behind the store's back is never handed
 *   on; it is an IntegrityError, and `verify` says so.
 */
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../src/core/errors.js';
import { sha256Hex } from '../../src/core/hash.js';
import type { Message } from '../../src/core/types.js';
import type { Archive } from '../../src/store/archive.js';
import type { NewCapture } from '../../src/store/capture-write.js';
import { entryHash } from '../../src/store/entry-hash.js';

/** What the suite uses of a store: the archive facade's public methods. */
export type StoreContract = Pick<
  Archive,
  'recordCapture' | 'appendAll' | 'entries' | 'blob' | 'hasBlob' | 'rooms' | 'captures' | 'checkedCaptureMessages' | 'verify' | 'close'
>;

export interface StoreUnderTest<S extends StoreContract> {
  /** A new, empty store; the suite closes it. */
  readonly create: () => S;
  /** The same store opened again, as the next command would. */
  readonly reopen: (store: S) => S;
  /** Changes or removes entry `seq` through the storage itself, as a careless or hostile program would: must throw. */
  readonly rewriteEntry: (store: S, seq: number, how: 'change' | 'remove') => void;
  /** Changes one byte of a stored original behind the store's back (its checks bypassed, as someone with the file could). */
  readonly damageOriginal: (store: S, sha256: string) => void;
  /** Changes a capture's stored message list behind the store's back. */
  readonly damageList: (store: S, captureId: string) => void;
}

const message = (n: number): Message => ({
  kind: 'text',
  sender: n % 2 === 0 ? '佐藤花子' : '山田太郎',
  senderId: null,
  sentAt: `2024-03-01T09:${String(n).padStart(2, '0')}:00+09:00`,
  body: `メッセージ ${n}`,
  externalId: null,
  editedAt: null,
});

const capture = (raw: string, messages: NewCapture['messages']): NewCapture => ({
  room: { source: 'line', externalId: null, title: '佐藤花子' },
  raw: Buffer.from(raw),
  format: 'line',
  variant: 'line/test',
  parserVersion: 'test-1',
  tz: 'Asia/Tokyo',
  coverageKind: 'window',
  messages,
});

/** Messages that fail while the store takes them: after `n`, the parse "breaks". */
function failingAfter(n: number): Iterable<Message> & { readonly max: number } {
  return {
    max: n + 1,
    *[Symbol.iterator]() {
      for (let i = 0; i < n; i++) yield message(i);
      throw new Error('the parse broke half-way');
    },
  };
}

export function storeConformance<S extends StoreContract>(name: string, store: StoreUnderTest<S>): void {
  const using = <T>(run: (s: S) => T): T => {
    const s = store.create();
    try {
      return run(s);
    } finally {
      s.close();
    }
  };

  describe(`${name}: store conformance`, () => {
    it('appends entries in order, each linked to the one before, and reads them back the same after a reopen', () => {
      using((s) => {
        s.recordCapture(capture('one', [message(1)]));
        s.appendAll([1, 2, 3].map((n) => ({ kind: 'note', roomId: null, payload: { note: { text: `note ${n}` } }, blobs: [] })));
        const entries = s.entries();
        expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
        entries.forEach((e, i) => {
          expect(e.prevHash).toBe(i === 0 ? null : entries[i - 1]!.hash);
          expect(entryHash(e)).toBe(e.hash);
        });
        const again = store.reopen(s);
        try {
          expect(again.entries()).toEqual(entries);
        } finally {
          again.close();
        }
      });
    });

    it('refuses to change or remove an entry it holds', () => {
      using((s) => {
        s.appendAll([{ kind: 'note', roomId: null, payload: { note: { text: '見積書を受け取った' } }, blobs: [] }]);
        const before = s.entries();
        expect(() => store.rewriteEntry(s, 1, 'change')).toThrow();
        expect(() => store.rewriteEntry(s, 1, 'remove')).toThrow();
        expect(s.entries()).toEqual(before);
        expect(s.verify().ok).toBe(true);
      });
    });

    it('stores a capture whole or not at all', () => {
      using((s) => {
        const raw = 'a paste that breaks';
        expect(() => s.recordCapture(capture(raw, failingAfter(3)))).toThrow('half-way');
        expect(s.entries()).toEqual([]);
        expect(s.rooms()).toEqual([]);
        expect(s.hasBlob(sha256Hex(Buffer.from(raw)))).toBe(false);

        const messages = [message(1), message(2), message(3)];
        const recorded = s.recordCapture(capture(raw, messages));
        expect(s.entries().map((e) => e.kind)).toEqual(['room', 'capture']);
        expect(s.captures(recorded.room.id).map((c) => c.id)).toEqual([recorded.capture.id]);
        expect(s.blob(recorded.capture.rawSha256).toString()).toBe(raw);
        expect(s.checkedCaptureMessages(recorded.capture.id).map((m) => m.body)).toEqual(messages.map((m) => m.body));
      });
    });

    it('stores identical bytes once, under their SHA-256', () => {
      using((s) => {
        const a = s.recordCapture(capture('the same export', [message(1)]));
        const b = s.recordCapture(capture('the same export', [message(1)]));
        expect(b.capture.id).not.toBe(a.capture.id);
        expect(a.capture.rawSha256).toBe(sha256Hex(Buffer.from('the same export')));
        expect(b.capture.rawSha256).toBe(a.capture.rawSha256);
        expect(s.verify()).toMatchObject({ ok: true, captures: 2, blobs: 1 });
      });
    });

    it('re-hashes an original on read: changed behind its back, it is an IntegrityError and verify finds it', () => {
      using((s) => {
        const { capture: c } = s.recordCapture(capture('the original export, as the client sent it', [message(1)]));
        store.damageOriginal(s, c.rawSha256);
        expect(() => s.blob(c.rawSha256)).toThrow(IntegrityError);
        expect(s.verify().ok).toBe(false);
      });
    });

    it('re-hashes a message list on read: changed behind its back, it is an IntegrityError and verify finds it', () => {
      using((s) => {
        const { capture: c } = s.recordCapture(capture('an export of three', [message(1), message(2), message(3)]));
        store.damageList(s, c.id);
        expect(() => s.checkedCaptureMessages(c.id)).toThrow(IntegrityError);
        expect(s.verify().ok).toBe(false);
      });
    });
  });
}
