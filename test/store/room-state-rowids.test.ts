import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { changesForCapture } from '../../src/app/changes.js';
import { buildArchiveView, type ChangeCounts, type ViewMessage } from '../../src/core/diff/index.js';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import { captureView } from '../../src/store/capture-view.js';
import { stateBatches, stateView } from '../../src/store/room-state/read.js';
import { ROOM_KEY, STATE_ROWS } from '../../src/store/room-state/tables.js';
import { stateCaptures } from '../../src/store/room-state/update.js';
import { verifyRoomStates } from '../../src/store/verify-state.js';
import { lineCapture } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

// The kept state names messages by their rowid in `messages` (src/store/room-state/tables.ts),
// which SQLite may renumber: a state whose rowids no longer name its messages must never be read
// as the room's view, nor become an import's changes.

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

function message(minute: number, body: string): Message {
  const at = `2024-03-04T${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+09:00`;
  return { kind: 'text', sender: minute % 2 === 0 ? '佐藤花子' : '山田太郎', senderId: null, sentAt: at, body, externalId: null, editedAt: null };
}

/** Stores one capture and brings the room's state up to date, as `import` does; its changes as `import` reports them. */
function capture(archive: Archive, messages: readonly Message[]): ChangeCounts | null {
  const existing = archive.rooms()[0];
  const recorded = archive.recordCapture({
    ...lineCapture(messages),
    ...(existing === undefined ? {} : { room: { id: existing.id } }),
    raw: Buffer.from(JSON.stringify(messages)),
  });
  const hashes = recorded.messageHashes;
  return changesForCapture(archive, recorded.room.id, recorded.capture.id, hashes === null ? undefined : { messages, hashes });
}

function folded(archive: Archive, roomId: string): readonly ViewMessage[] {
  return buildArchiveView(archive.captures(roomId).map((c) => captureView(archive, c))).messages;
}

const first = Array.from({ length: 40 }, (_, i) => message(i, `本文${i}`));
// The second export: two messages gone, one edited, two new.
const second = [
  ...first.slice(0, 10),
  { ...message(10, '本文10（修正）'), editedAt: '2024-03-05T09:00:00+09:00' },
  ...first.slice(13),
  message(50, '追加1'),
  message(51, '追加2'),
];
const third = [...second, message(52, '追加3')];

/** An archive of the room's first two captures, its state kept; the room's id. */
function seeded(path: string): string {
  const archive = Archive.open(path);
  try {
    capture(archive, first);
    capture(archive, second);
    const roomId = archive.rooms()[0]!.id;
    expect(stateCaptures(archive.sqlite, roomId)).toHaveLength(2);
    archive.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return roomId;
  } finally {
    archive.close();
  }
}

/** The messages table's rowids reversed by hand, its triggers dropped for it and made again, as a tool could. */
function renumber(path: string): void {
  const db = new Database(path);
  try {
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages'").all() as {
      name: string;
      sql: string;
    }[];
    expect(triggers.length).toBeGreaterThan(0);
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    const n = db.prepare('SELECT max(rowid) FROM messages').pluck().get() as number;
    db.exec('UPDATE messages SET rowid = -rowid');
    db.prepare('UPDATE messages SET rowid = ? + rowid').run(n + 1);
    for (const t of triggers) db.exec(t.sql);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The content hashes the state's rows name through their rowids, read as the tables stand (no check). */
function namedHashes(archive: Archive, roomId: string): string[] {
  return archive.sqlite.prepare(`SELECT lower(hex(m.hash)) FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} ORDER BY s.ord`).pluck().all(roomId) as string[];
}

const schemaCookie = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('schema_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('a new room’s state, written as its messages are stored', () => {
  it('names each message by the rowid it has, whether new, stored before by another room, or listed twice', async () => {
    const archive = Archive.open(tmp.db);
    try {
      capture(archive, first);
      // 100 messages (statements of 64 and single rows both): some the first room's, one listed twice, the rest new.
      const mixed = [...first.slice(5, 25), ...Array.from({ length: 79 }, (_, i) => message(60 + i, `別の本文${i}`)), first[30]!];
      mixed.push(mixed[40]!);
      const other = archive.recordCapture(lineCapture(mixed, '山田太郎'));
      const roomId = other.room.id;
      expect(archive.rooms()).toHaveLength(2);
      expect(namedHashes(archive, roomId)).toEqual(folded(archive, roomId).map((m) => m.hash));
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
      expect(await verifyRoomStates(archive, Infinity)).toEqual([]);
    } finally {
      archive.close();
    }
  });
});

describe('show’s batches, each row’s content read through its rowid', () => {
  it('are the fold’s messages: edited, deleted and unreadably dated ones, across batch edges', () => {
    const odd = { ...message(45, '日時の読めない本文'), sentAt: '不明な日時' };
    const archive = Archive.open(tmp.db);
    try {
      capture(archive, [...first, odd]);
      capture(archive, [...second, odd]);
      const roomId = archive.rooms()[0]!.id;
      const captures = stateCaptures(archive.sqlite, roomId)!;
      const shown = [...stateBatches(archive, roomId, captures, 7)].flat();
      expect(shown).toEqual(folded(archive, roomId));
      expect(shown.map((m) => m.status)).toEqual(expect.arrayContaining(['edited', 'deleted']));
    } finally {
      archive.close();
    }
  });
});

describe('a kept state whose rowids may no longer name its messages', () => {
  it('renumbered by hand: not read, built again; show and the next import say what an untouched archive says', () => {
    const roomId = seeded(tmp.db);
    const untouched = `${tmp.dir}/untouched.db`;
    copyFileSync(tmp.db, untouched);
    renumber(tmp.db);
    const archive = Archive.open(tmp.db);
    const control = Archive.open(untouched);
    try {
      // The rows as they stand now name other messages: read as they are, they would be a wrong view.
      expect(namedHashes(archive, roomId)).not.toEqual(folded(archive, roomId).map((m) => m.hash));
      expect(stateCaptures(archive.sqlite, roomId)).toBeNull();
      // `show` (and the web app) read the state: built again first, it is the fold.
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
      expect(namedHashes(archive, roomId)).toEqual(folded(archive, roomId).map((m) => m.hash));
      // The next import's changes are those of the untouched archive.
      const changes = capture(archive, third);
      expect(changes).toEqual(capture(control, third));
      expect(changes).toMatchObject({ added: 1, unchanged: 40 });
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
    } finally {
      archive.close();
      control.close();
    }
  });

  it('after VACUUM (which may renumber them): the state is built again before it is read', () => {
    const roomId = seeded(tmp.db);
    const db = new Database(tmp.db);
    db.exec('VACUUM');
    db.close();
    const archive = Archive.open(tmp.db);
    try {
      expect(stateCaptures(archive.sqlite, roomId)).toBeNull();
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
      expect(stateCaptures(archive.sqlite, roomId)).toHaveLength(2);
    } finally {
      archive.close();
    }
  });

  it('renumbered with the schema cookie forged back: verify finds the state differs and discards it, and the next read is the fold', async () => {
    const roomId = seeded(tmp.db);
    const cookie = schemaCookie(tmp.db);
    renumber(tmp.db);
    expect(schemaCookie(tmp.db)).not.toBe(cookie);
    // The cookie is 4 big-endian bytes at offset 40 of the file's header (sqlite.org/fileformat.html).
    const fd = openSync(tmp.db, 'r+');
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(cookie);
    writeSync(fd, bytes, 0, 4, 40);
    closeSync(fd);
    const archive = Archive.open(tmp.db);
    try {
      expect(stateCaptures(archive.sqlite, roomId)).toHaveLength(2);
      // A forged derived table reads wrong (a report never reads it unbuilt: update.ts rebuildRoomState)…
      expect(stateView(archive, roomId)!.messages).not.toEqual(folded(archive, roomId));
      // …and verify, which recomputes every state from the captures, says so and discards it.
      const problems = await verifyRoomStates(archive, Infinity);
      expect(problems.map((p) => p.kind)).toContain('room-state-differs');
      expect(stateCaptures(archive.sqlite, roomId)).toBeNull();
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
    } finally {
      archive.close();
    }
  });

  it('stamped with a schema cookie the archive has not reached: verify drops it, so no VACUUM later makes it current unchecked', async () => {
    const roomId = seeded(tmp.db);
    const db = new Database(tmp.db);
    const now = db.pragma('schema_version', { simple: true }) as number;
    // A forged state, written to become "current" at the next VACUUM or migration (each adds one to the cookie).
    db.prepare('UPDATE room_state_v3 SET schema = ? WHERE room_id = ?').run(now + 1, roomId);
    db.prepare('DELETE FROM room_state_v3_messages WHERE ord = 0').run();
    db.close();
    const archive = Archive.open(tmp.db);
    try {
      // Not a finding: a backup's copy starts its cookie again from 1, below what its states state.
      expect(await verifyRoomStates(archive, Infinity)).toEqual([]);
      expect(archive.sqlite.prepare('SELECT COUNT(*) FROM room_state_v3_messages').pluck().get()).toBe(0);
      archive.sqlite.exec('VACUUM');
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
    } finally {
      archive.close();
    }
  });

  it('written under an earlier cookie: verify leaves nothing unchecked behind (it is dropped, to be built again), and says nothing', async () => {
    const roomId = seeded(tmp.db);
    const db = new Database(tmp.db);
    db.prepare('UPDATE room_state_v3 SET schema = schema - 1 WHERE room_id = ?').run(roomId);
    db.close();
    const archive = Archive.open(tmp.db);
    try {
      expect(await verifyRoomStates(archive, Infinity)).toEqual([]);
      expect(
        archive.sqlite.prepare('SELECT COUNT(*) FROM room_state_v3_messages WHERE room = (SELECT k FROM room_state_v3 WHERE room_id = ?)').pluck().get(roomId),
      ).toBe(0);
      expect(stateView(archive, roomId)!.messages).toEqual(folded(archive, roomId));
    } finally {
      archive.close();
    }
  });
});
