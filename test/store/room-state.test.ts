import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { changesForCapture } from '../../src/app/changes.js';
import { verifyArchiveFully } from '../../src/app/verify-archive.js';
import { buildArchiveView, type ViewMessage } from '../../src/core/diff/index.js';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import { captureView } from '../../src/store/capture-view.js';
import { stateView } from '../../src/store/room-state/read.js';
import { STATE_ROW_COLUMNS } from '../../src/store/room-state/rows.js';
import { ROOM_KEY, STATE_ROWS, T } from '../../src/store/room-state/tables.js';
import { placeOrds, stateCaptures } from '../../src/store/room-state/update.js';
import { render } from '../../src/i18n/message.js';
import { roomStateFindings, verifyRoomStates } from '../../src/store/verify-state.js';
import { foldInThread } from '../../src/store/verify-state-thread.js';
import { rebuildStateInThread } from '../../src/store/state-rebuild-thread.js';
import type { Problem } from '../../src/store/verify-types.js';
import { tempArchive } from '../support/temp.js';

// Issue 21 item 3: the kept room state (src/store/room-state/) is what a fold of every capture in
// "as of" order gives, kept up to date one capture at a time, and verify finds it edited.

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

const ROOM = { source: 'line' as const, externalId: null, title: '佐藤花子' };

function message(minute: number, body: string, kind: Message['kind'] = 'text'): Message {
  const at = `2024-03-04T${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+09:00`;
  return { kind, sender: minute % 2 === 0 ? '佐藤花子' : '山田太郎', senderId: null, sentAt: at, body, externalId: null, editedAt: null };
}

/** Stores one capture and brings the room's state up to date, as `import` does. */
function capture(archive: Archive, messages: readonly Message[], opts: { savedAt?: string; coverageKind?: 'full' | 'window' } = {}): string {
  const existing = archive.rooms()[0];
  const recorded = archive.recordCapture({
    room: existing === undefined ? ROOM : { id: existing.id },
    raw: Buffer.from(JSON.stringify(messages)),
    format: 'line',
    variant: 'test',
    parserVersion: 'test/1',
    tz: 'Asia/Tokyo',
    coverageKind: opts.coverageKind ?? 'full',
    messages,
    ...(opts.savedAt === undefined ? {} : { sourceSavedAt: opts.savedAt }),
  });
  // A new room's capture hands back no list: its state was written with it, and there is nothing to compare.
  const hashes = recorded.messageHashes;
  changesForCapture(archive, recorded.room.id, recorded.capture.id, hashes === null ? undefined : { messages, hashes });
  return recorded.capture.id;
}

/** The fold of every capture in the room's order: what the state must equal. */
function folded(archive: Archive, roomId: string): readonly ViewMessage[] {
  return buildArchiveView(archive.captures(roomId).map((c) => captureView(archive, c))).messages;
}

/** A sequence of exports of one conversation: each keeps, edits, unsends or drops earlier messages and adds new ones. */
const exportsArb = fc
  .array(
    fc.record({
      ops: fc.array(fc.constantFrom('keep', 'keep', 'keep', 'edit', 'unsend', 'drop'), { maxLength: 14 }),
      added: fc.nat({ max: 4 }),
      window: fc.boolean(),
      savedAtDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((steps) => {
    let current: Message[] = [];
    let minute = 0;
    return steps.map((s) => {
      const next: Message[] = [];
      current.forEach((m, i) => {
        const op = s.ops[i] ?? 'keep';
        if (op === 'drop') return;
        if (op === 'edit' && m.kind === 'text') next.push({ ...m, body: `${m.body}（訂正）` });
        else if (op === 'unsend' && m.kind === 'text') next.push({ ...m, kind: 'unsent', body: `${m.sender}がメッセージの送信を取り消しました` });
        else next.push(m);
      });
      for (let k = 0; k < s.added; k++) next.push(message(minute++, `本文${minute}`));
      current = next;
      // A window shows only its last few messages, as a paste of the newest part would.
      const shown = s.window ? next.slice(-3) : next;
      return {
        messages: shown,
        coverageKind: s.window ? ('window' as const) : ('full' as const),
        savedAt: s.savedAtDay === undefined ? undefined : `2024-03-${String(s.savedAtDay).padStart(2, '0')}T12:00:00+09:00`,
      };
    });
  });

describe('the kept room state', () => {
  it('equals the fold of every capture in "as of" order after each import, exports arriving in any order', () => {
    fc.assert(
      fc.property(exportsArb, (exports) => {
        const t = tempArchive();
        const archive = Archive.open(t.db);
        try {
          for (const e of exports) {
            capture(archive, e.messages, { coverageKind: e.coverageKind, ...(e.savedAt === undefined ? {} : { savedAt: e.savedAt }) });
            const roomId = archive.rooms()[0]!.id;
            expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
          }
        } finally {
          archive.close();
          t.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a capture that changes a few messages of a room writes about that many rows, not the room', () => {
    const archive = Archive.open(tmp.db);
    try {
      const base = Array.from({ length: 300 }, (_, i) => message(i, `本文${i}`));
      capture(archive, base);
      capture(archive, base);
      const changed = base.map((m, i) => (i === 100 ? { ...m, body: '訂正しました' } : m));
      changed.splice(200, 1);
      changed.push(message(400, '新しい本文'));
      const before = archive.sqlite.prepare(`SELECT COUNT(*) FROM ${T.messages}`).pluck().get() as number;
      const writes = archive.sqlite.prepare('SELECT total_changes()').pluck();
      const id = archive.recordCapture({
        room: { id: archive.rooms()[0]!.id },
        raw: Buffer.from('third'),
        format: 'line',
        variant: 'test',
        parserVersion: 'test/1',
        tz: 'Asia/Tokyo',
        coverageKind: 'full',
        messages: changed,
      });
      const start = writes.get() as number;
      const changes = changesForCapture(archive, id.room.id, id.capture.id);
      const written = (writes.get() as number) - start;
      expect(changes).toMatchObject({ added: 1, edited: 1, deleted: 1, unchanged: 298 });
      // One row added, one edited, one deleted, the capture's row, the room's row.
      expect(written).toBeLessThanOrEqual(6);
      expect(archive.sqlite.prepare(`SELECT COUNT(*) FROM ${T.messages}`).pluck().get()).toBe(before + 1);
      expect(stateView(archive, id.room.id)!.messages).toEqual(folded(archive, id.room.id));
    } finally {
      archive.close();
    }
  });

  it('an older export imported late rebuilds the state from the captures, the newer one still deciding it', () => {
    const archive = Archive.open(tmp.db);
    try {
      const first = [message(0, 'お願いします'), message(1, '承知しました'), message(2, '追加もお願いします')];
      const later = [first[0]!, { ...first[1]!, kind: 'unsent' as const, body: '山田太郎がメッセージの送信を取り消しました' }, message(3, '納品しました')];
      capture(archive, later, { savedAt: '2024-03-12T22:00:00+09:00' });
      capture(archive, later, { savedAt: '2024-03-13T22:00:00+09:00' });
      capture(archive, first, { savedAt: '2024-03-05T20:00:00+09:00' });
      const roomId = archive.rooms()[0]!.id;
      const view = stateView(archive, roomId)!;
      expect(view.messages.map((m) => [m.body, m.status])).toEqual([
        ['お願いします', 'present'],
        ['承知しました', 'unsent'],
        ['追加もお願いします', 'deleted'],
        ['納品しました', 'present'],
      ]);
      expect(view.messages).toEqual(folded(archive, roomId));
    } finally {
      archive.close();
    }
  });
});

describe('the kept room state is built whole or not at all', () => {
  it('an update that fails part-way (a message gone from under it) leaves the state as it was, and the next read brings it up to date', () => {
    const archive = Archive.open(tmp.db);
    try {
      // Triggers dropped, as a damaged archive could be, before the state is written: dropped later,
      // the schema change alone would make the state one to build again (room-state/tables.ts SCHEMA_NOW).
      for (const name of archive.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[])
        archive.sqlite.exec(`DROP TRIGGER ${name}`);
      const base = Array.from({ length: 50 }, (_, i) => message(i, `本文${i}`));
      const first = capture(archive, base);
      const id = archive.recordCapture({
        room: { id: archive.rooms()[0]!.id },
        raw: Buffer.from('second'),
        format: 'line',
        variant: 'test',
        parserVersion: 'test/1',
        tz: 'Asia/Tokyo',
        coverageKind: 'full',
        messages: [...base, message(60, '最後の本文')],
        // Saved before the first: the state is built again from both, its old rows cleared first.
        sourceSavedAt: '2024-01-01T00:00:00+09:00',
      });
      const roomId = id.room.id;
      // The last message's row taken away: the rebuild fails after clearing the old rows.
      const last = id.messageHashes!.subarray(id.messageHashes!.length - 32);
      const rows = archive.sqlite.prepare('SELECT * FROM messages WHERE hash = ?').get(last) as Record<string, unknown>;
      archive.sqlite.prepare('DELETE FROM messages WHERE hash = ?').run(last);
      expect(() => stateView(archive, roomId)).toThrow();
      expect(stateCaptures(archive.sqlite, roomId)).toEqual([first]);
      expect(archive.sqlite.prepare(`SELECT COUNT(*) FROM ${T.messages}`).pluck().get()).toBe(50);
      const columns = Object.keys(rows);
      archive.sqlite.prepare(`INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => rows[c]));
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
      expect(stateCaptures(archive.sqlite, roomId)).toHaveLength(2);
    } finally {
      archive.close();
    }
  });
});

describe('verify recomputes the kept state from the captures', () => {
  /**
   * The findings beyond those a seeded capture must give: its original is not an export and its
   * parser version (test/1) one chatproof never had, so each of the two captures is exactly one
   * `capture-parser-unknown`, which verify reports rather than skipping the comparison.
   */
  async function stateFindings(archive: Archive): Promise<readonly Problem[]> {
    const { problems } = await verifyArchiveFully(archive);
    expect(problems.filter((p) => p.kind === 'capture-parser-unknown')).toHaveLength(2);
    return problems.filter((p) => p.kind !== 'capture-parser-unknown');
  }

  function seeded(): string {
    const archive = Archive.open(tmp.db);
    try {
      const base = [message(0, 'お願いします'), message(1, '承知しました'), message(2, '追加もお願いします')];
      capture(archive, base);
      capture(archive, [...base.slice(0, 2), message(3, '納品しました')]);
      return archive.rooms()[0]!.id;
    } finally {
      archive.close();
    }
  }

  it('holds for a state chatproof kept', async () => {
    seeded();
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      expect(await stateFindings(archive)).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it('tells its progress capture by capture', async () => {
    const roomId = seeded();
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const heard: [number, number][] = [];
      expect(await verifyRoomStates(archive, Infinity, null, (phase, done, total) => phase === 'states' && heard.push([done, total]))).toEqual([]);
      expect(archive.captures(roomId)).toHaveLength(2);
      expect(heard).toEqual([
        [1, 2],
        [2, 2],
        [2, 2],
      ]);
    } finally {
      archive.close();
    }
  });

  it('finds an edited state row, says it is derived and discarded, and the next read builds it again from the captures', async () => {
    const roomId = seeded();
    // The deleted message made to look present: the kind of edit that would mislead `show`.
    const db = new Database(tmp.db);
    expect(db.prepare(`UPDATE ${T.messages} SET status = 0 WHERE room = ${ROOM_KEY} AND status = 2`).run(roomId).changes).toBe(1);
    db.close();
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const found = (await stateFindings(archive)).filter((p) => p.kind === 'room-state-differs');
      expect(found.length).toBeGreaterThanOrEqual(1);
      const [first] = found.map((p) => ({ where: render('en', p.where), expected: render('en', p.expected), actual: render('en', p.actual) }));
      expect(first!.where).toMatch(/kept state: room_state_v\d+_messages, message 3 in view order/);
      expect(first!.expected).toMatch(/^deleted [0-9a-f]{64}, first seen in capture #0, last in #0, status as of newest$/);
      expect(first!.actual).toMatch(
        /^present [0-9a-f]{64}, first seen in capture #0, last in #0, status as of newest — the kept state is derived from the captures, not evidence: it was discarded/,
      );
      expect(render('ja', found[0]!.actual)).toContain('ルームの現在の状態は取り込みから作る派生データで、証拠ではありません');
      expect(archive.sqlite.prepare(`SELECT COUNT(*) FROM ${T.messages}`).pluck().get()).toBe(0);
      const rebuilt = stateView(archive, roomId)!;
      expect(rebuilt.messages.find((m) => m.body === '追加もお願いします')?.status).toBe('deleted');
      expect(await stateFindings(archive)).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it.each([
    ['a row removed (a message hidden from show)', 'removed'],
    ['a row added (a message that no capture holds)', 'added'],
  ] as const)('finds %s: the stored rows are compared as they are read, to the end of the longer side', async (_, how) => {
    const roomId = seeded();
    const db = new Database(tmp.db);
    const last = db.prepare(`SELECT ord FROM ${T.messages} WHERE room = ${ROOM_KEY} ORDER BY ord DESC LIMIT 1`).pluck().get(roomId) as number;
    const sql =
      how === 'removed'
        ? `DELETE FROM ${T.messages} WHERE room = ${ROOM_KEY} AND ord = ?`
        : `INSERT INTO ${T.messages} (room, ord, msg, cur, status, first, last, as_of, history)
           SELECT room, ord + 1, msg, cur, status, first, last, as_of, history FROM ${T.messages} WHERE room = ${ROOM_KEY} AND ord = ?`;
    expect(db.prepare(sql).run(roomId, last).changes).toBe(1);
    db.close();
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const report = await verifyArchiveFully(archive);
      expect(report.ok).toBe(false);
      const row = report.problems
        .filter((p) => p.kind === 'room-state-differs')
        .map((p) => ({ where: render('en', p.where), expected: render('en', p.expected), actual: render('en', p.actual) }))
        .find((p) => p.where.includes(`message ${how === 'removed' ? 4 : 5} in view order`));
      expect(row).toBeDefined();
      if (how === 'removed') {
        expect(row!.where).toMatch(/\(ord -\)$/);
        expect(row!.actual).toMatch(/^none — /);
        expect(row!.expected).toMatch(/^present [0-9a-f]{64}, first seen in capture #1/);
      } else {
        expect(row!.where).toMatch(new RegExp(`\\(ord ${last + 1}\\)$`));
        expect(row!.expected).toBe('none');
      }
    } finally {
      archive.close();
    }
  });
});

describe('placeOrds: new messages between their neighbours, known ones where they were', () => {
  const rows = (ords: number[]) => ords;
  it('keeps known places, spreads new ones in the gaps and past the ends, and gives up when there is no room', () => {
    expect(placeOrds(rows([1024, 2048]), [null, 0, null, null, 1, null])).toEqual([0, 1024, 1365, 1706, 2048, 3072]);
    expect(placeOrds(rows([10, 11]), [0, null, 1])).toBeNull();
    expect(placeOrds(rows([10, 12]), [0, null, null, 1])).toBeNull();
    expect(placeOrds(rows([1024, 2048]), [1, 0])).toBeNull();
  });
});

describe('verify folds a large room in a second thread, its old generation capped', () => {
  it('answers what the main thread finds, a tampered row included, and every room is checked when the thread is used for all', async () => {
    const archive0 = Archive.open(tmp.db);
    let roomId: string;
    try {
      const base = [message(0, 'お願いします'), message(1, '承知しました'), message(2, '追加もお願いします')];
      capture(archive0, base);
      capture(archive0, [...base.slice(0, 2), message(3, '納品しました')]);
      roomId = archive0.rooms()[0]!.id;
    } finally {
      archive0.close();
    }
    const db = new Database(tmp.db);
    expect(db.prepare(`UPDATE ${T.messages} SET status = 0 WHERE room = ${ROOM_KEY} AND status = 2`).run(roomId).changes).toBe(1);
    db.close();
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const words = (ps: readonly Problem[]) => ps.map((p) => [p.kind, render('ja', p.where), render('en', p.expected), render('en', p.actual)]);
      const inline = roomStateFindings(archive, roomId);
      expect(inline.length).toBeGreaterThanOrEqual(1);
      const threaded = await foldInThread({ path: tmp.db, roomId }, 4);
      expect(threaded).not.toBeNull();
      expect(words(threaded!)).toEqual(words(inline));
      // A thread that cannot fold answers nothing, and the caller folds on its own thread.
      expect(await foldInThread({ path: `${tmp.db}.missing`, roomId }, 4)).toBeNull();
      const all = await verifyRoomStates(archive, 0);
      expect(words(all).map(([kind, where]) => [kind, where])).toEqual(words(inline).map(([kind, where]) => [kind, where]));
      expect(archive.sqlite.prepare(`SELECT COUNT(*) FROM ${T.messages}`).pluck().get()).toBe(0);
    } finally {
      archive.close();
    }
  });
});

describe("a report's rebuild of the state in a second thread", () => {
  it('writes the rows a fold of the captures gives, over a tampered state, and a thread that cannot answers false', async () => {
    const archive0 = Archive.open(tmp.db);
    let roomId: string;
    let kept: unknown[];
    const rows = (a: Archive): unknown[] => a.sqlite.prepare(`SELECT ${STATE_ROW_COLUMNS} FROM ${STATE_ROWS} ORDER BY s.ord`).raw().all();
    try {
      const base = [message(0, 'お願いします'), message(1, '承知しました'), message(2, '追加もお願いします')];
      capture(archive0, base);
      capture(archive0, [message(0, 'お願いします（訂正）'), base[1]!, message(3, '納品しました')]);
      roomId = archive0.rooms()[0]!.id;
      kept = rows(archive0);
    } finally {
      archive0.close();
    }
    // The deleted message made to look present, as an edit to the derived rows would.
    const db = new Database(tmp.db);
    expect(db.prepare(`UPDATE ${T.messages} SET status = 0 WHERE room = ${ROOM_KEY} AND status = 2`).run(roomId).changes).toBe(1);
    db.close();
    expect(await rebuildStateInThread({ path: tmp.db, roomId })).toBe(true);
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      expect(rows(archive)).toEqual(kept);
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
    } finally {
      archive.close();
    }
    expect(await rebuildStateInThread({ path: `${tmp.db}.missing`, roomId })).toBe(false);
  });
});
