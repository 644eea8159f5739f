/**
 * `verify` of a room state holding one capture is streamed (src/store/verify-state-first.ts): it
 * may only ever say "agrees" where the fold says nothing, and it must say so for every sound state
 * whose capture is in time order (else the streamed path is never taken and 1M rooms fold again).
 * Any changed row makes it step aside, and the fold's findings are `verify`'s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import type { NewCapture } from '../../src/store/capture-write.js';
import { ROOM_KEY, T } from '../../src/store/room-state/tables.js';
import { roomStateFindings, verifyRoomStates } from '../../src/store/verify-state.js';
import { problemInEnglish } from '../../src/store/verify-types.js';
import { checkStore } from '../../src/store/verify.js';
import { lineCapture } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

const specsArb = fc.array(
  fc.record({
    minute: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    kind: fc.constantFrom('text', 'text', 'unsent', 'deleted', 'edited'),
  }),
  { minLength: 1, maxLength: 25 },
);

function messagesOf(specs: readonly { minute: number | null; kind: string }[]): Message[] {
  return specs.map(({ minute, kind }, i) => ({
    kind: kind === 'unsent' || kind === 'deleted' ? 'unsent' : 'text',
    sender: '佐藤花子',
    senderId: null,
    sentAt: minute === null ? '不明な日時' : `2024-03-04T10:${String(minute).padStart(2, '0')}:00+09:00`,
    body: kind === 'unsent' ? '佐藤花子がメッセージの送信を取り消しました' : kind === 'deleted' ? '[deleted]' : `本文 ${i}`,
    externalId: null,
    editedAt: kind === 'edited' ? '2024-03-05T09:00:00+09:00' : null,
  }));
}

const capture = (messages: readonly Message[]): NewCapture => lineCapture(messages);

/** Whether the capture's times, an unreadable one taking the one before it, never go back (the fold then keeps its order). */
function inTimeOrder(messages: readonly Message[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const m of messages) {
    const t = Number.isNaN(Date.parse(m.sentAt)) ? previous : Date.parse(m.sentAt);
    if (t < previous) return false;
    previous = t;
  }
  return true;
}

/** Ways one row of the state can be changed behind the tool's back. */
const TAMPERS = [`status = (status + 1) % 4`, `first = 1`, `last = 0`, `cur = msg`, `history = '[[0,"00"]]'`, `msg = 0`, `msg = msg + 1`] as const;

describe('verify of a state holding one capture, streamed', () => {
  it('agrees with every sound state whose capture is in time order, and a changed row is the fold’s finding', async () => {
    await fc.assert(
      fc.asyncProperty(specsArb, fc.nat(), fc.constantFrom(...TAMPERS), async (specs, at, tamper) => {
        const t = tempArchive();
        const archive = Archive.open(t.db);
        try {
          const messages = messagesOf(specs);
          const { room, capture: c } = archive.recordCapture(capture(messages));
          const changes = archive.sqlite.prepare(`SELECT changes FROM ${T.captures} WHERE room = ${ROOM_KEY}`).pluck().get(room.id) as string;
          expect(roomStateFindings(archive, room.id)).toEqual([]);
          const checks = checkStore(archive.sqlite, { rootsThread: false });
          // The store's checks done and sound: the state is checked against the list they put together (not read again).
          expect(checks.finish(new Map()).problems).toEqual([]);
          const { sightings } = checks;
          expect(sightings!.agree(archive.sqlite, room.id, c.id, changes)).toBe(inTimeOrder(messages) ? true : undefined);

          const ord = archive.sqlite
            .prepare(`SELECT ord FROM ${T.messages} WHERE room = ${ROOM_KEY} ORDER BY ord LIMIT 1 OFFSET ?`)
            .pluck()
            .get(room.id, at % messages.length) as number;
          archive.sqlite.prepare(`UPDATE ${T.messages} SET ${tamper} WHERE room = ${ROOM_KEY} AND ord = ?`).run(room.id, ord);
          const folded = roomStateFindings(archive, room.id);
          if (folded.length > 0) expect(sightings!.agree(archive.sqlite, room.id, c.id, changes)).toBeUndefined();
          // `verify` says what the fold says (and discards the state it finds differing).
          const said = (await verifyRoomStates(archive, Infinity, sightings)).map(problemInEnglish);
          expect(said.map(({ actual: _a, ...p }) => p)).toEqual(folded.map(problemInEnglish).map(({ actual: _a, ...p }) => p));
        } finally {
          archive.close();
          t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('a state of one capture whose times go back', () => {
  it('kept in the order listed rather than in time order: not agreed, the fold’s finding', async () => {
    const t = tempArchive();
    const archive = Archive.open(t.db);
    try {
      const messages = messagesOf([
        { minute: 5, kind: 'text' },
        { minute: 1, kind: 'edited' },
      ]);
      const { room, capture: c } = archive.recordCapture(capture(messages));
      const rows = () =>
        archive.sqlite.prepare(`SELECT ord, msg, status FROM ${T.messages} WHERE room = ${ROOM_KEY} ORDER BY ord`).all(room.id) as {
          ord: number;
          msg: number;
          status: number;
        }[];
      const [a, b] = rows();
      // The rows' contents swapped: the state now lists them as the capture does, not as the fold sorts them.
      const set = archive.sqlite.prepare(`UPDATE ${T.messages} SET msg = ?, status = ? WHERE room = ${ROOM_KEY} AND ord = ?`);
      set.run(b!.msg, b!.status, room.id, a!.ord);
      set.run(a!.msg, a!.status, room.id, b!.ord);
      const changes = archive.sqlite.prepare(`SELECT changes FROM ${T.captures} WHERE room = ${ROOM_KEY}`).pluck().get(room.id) as string;
      const { sightings } = checkStore(archive.sqlite, { rootsThread: false });
      expect(sightings!.agree(archive.sqlite, room.id, c.id, changes)).toBeUndefined();
      const folded = roomStateFindings(archive, room.id);
      expect(folded.length).toBeGreaterThan(0);
      const said = (await verifyRoomStates(archive, Infinity, sightings)).map(problemInEnglish);
      expect(said.map(({ actual: _a, ...p }) => p)).toEqual(folded.map(problemInEnglish).map(({ actual: _a, ...p }) => p));
    } finally {
      archive.close();
      t.cleanup();
    }
  });
});
