/**
 * Issue 21: the capture that makes a room writes the room's kept state with its message rows
 * (src/store/room-state/first.ts), so the archive after capture #1 already holds it. It must be
 * exactly the state a fold of that one capture gives (what `verify` recomputes), on one thread and
 * on the writer thread, whatever the order of the capture's times, and it is written whole with
 * the capture or not at all.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { buildArchiveView } from '../../src/core/diff/index.js';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import { WriterThread } from '../../src/store/capture-thread.js';
import { captureView } from '../../src/store/capture-view.js';
import type { NewCapture } from '../../src/store/capture-write.js';
import { stateChanges, stateView } from '../../src/store/room-state/read.js';
import { stateTablesExist, T } from '../../src/store/room-state/tables.js';
import { stateCaptures } from '../../src/store/room-state/update.js';
import { roomStateFindings } from '../../src/store/verify-state.js';
import { lineCapture } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

const capture = (messages: readonly Message[]): NewCapture => lineCapture(messages);

/** Messages of every status a first sighting can give, at times in any order (some unreadable: they sort with the one before). */
const messagesArb = fc.array(
  fc.record({
    minute: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    kind: fc.constantFrom('text', 'text', 'text', 'unsent', 'deleted', 'edited', 'media'),
    body: fc.constantFrom('お願いします', '承知しました', '納品しました'),
  }),
  { maxLength: 30 },
);

function asMessages(specs: readonly { minute: number | null; kind: string; body: string }[]): Message[] {
  return specs.map(({ minute, kind, body }) => ({
    kind: kind === 'unsent' || kind === 'deleted' ? 'unsent' : kind === 'media' ? 'media' : 'text',
    sender: '佐藤花子',
    senderId: null,
    sentAt: minute === null ? '不明な日時' : `2024-03-04T10:${String(minute).padStart(2, '0')}:00+09:00`,
    body: kind === 'unsent' ? '佐藤花子がメッセージの送信を取り消しました' : kind === 'deleted' ? '[deleted]' : body,
    externalId: null,
    editedAt: kind === 'edited' ? '2024-03-05T09:00:00+09:00' : null,
  }));
}

/** The state the import wrote equals the fold of the room's one capture, and verify finds nothing. */
function expectFoldedState(archive: Archive, roomId: string, captureId: string, count: number): void {
  // Read before anything could bring the state up to date: the import itself wrote it.
  expect(stateCaptures(archive.sqlite, roomId)).toEqual([captureId]);
  const folded = buildArchiveView(archive.captures(roomId).map((c) => captureView(archive, c))).messages;
  expect(stateView(archive, roomId)!.messages).toEqual(folded);
  expect(stateChanges(archive, roomId, captureId)).toEqual({ added: count, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 });
  expect(roomStateFindings(archive, roomId)).toEqual([]);
}

describe("a new room's kept state, written by its first capture", () => {
  it('is the fold of that capture, whatever the order of its times, on one thread', () => {
    fc.assert(
      fc.property(messagesArb, (specs) => {
        const t = tempArchive();
        const archive = Archive.open(t.db);
        try {
          const messages = asMessages(specs);
          const recorded = archive.recordCapture(capture(messages));
          expect(recorded.roomCreated).toBe(true);
          expectFoldedState(archive, recorded.room.id, recorded.capture.id, messages.length);
        } finally {
          archive.close();
          t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('is the same state from the writer thread, with times out of order across its batches', async () => {
    // Several 512 KiB batches, the times running backwards every 997 messages.
    const messages = asMessages(
      Array.from({ length: 12_000 }, (_, i) => ({ minute: i % 41, kind: i % 50 === 0 ? 'edited' : 'text', body: `本文${i}`.repeat(1 + (i % 9)) })),
    ).map((m, i) => ({ ...m, sentAt: new Date(Date.UTC(2024, 0, 1) + (i % 997) * 60_000).toISOString().replace('Z', '+00:00') }));
    const sorted = [...messages].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    for (const ms of [messages, sorted]) {
      const t = tempArchive();
      try {
        const recorded = await WriterThread.start().record({ path: t.db, busyTimeoutMs: 1000 }, capture(ms));
        const archive = Archive.open(t.db, { readonly: true });
        try {
          expectFoldedState(archive, recorded.room.id, recorded.capture.id, ms.length);
        } finally {
          archive.close();
        }
      } finally {
        t.cleanup();
      }
    }
  });

  it('is not written when the capture fails part-way: no room, no state', async () => {
    const bad = asMessages(Array.from({ length: 5000 }, (_, i) => ({ minute: i % 41, kind: 'text', body: `本文${i}` })));
    bad[4000] = { ...bad[4000]!, body: 'lone \ud800 surrogate' };
    await expect(WriterThread.start().record({ path: tmp.db, busyTimeoutMs: 1000 }, capture(bad))).rejects.toThrow();
    const writer = Archive.open(tmp.db);
    try {
      expect(() => writer.recordCapture(capture(bad))).toThrow();
    } finally {
      writer.close();
    }
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      expect(archive.rooms()).toEqual([]);
      if (stateTablesExist(archive.sqlite)) expect(archive.sqlite.prepare(`SELECT COUNT(*) FROM ${T.messages}`).pluck().get()).toBe(0);
    } finally {
      archive.close();
    }
  });
});
