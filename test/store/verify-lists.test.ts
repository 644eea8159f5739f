/**
 * `verify` of an archive with many listed messages works out the lists' Merkle roots in a second
 * thread (src/store/merkle-thread.ts). Its findings must be the same as with the roots computed in
 * line: nothing in a sound archive, exactly the changed capture's list in a tampered one.
 */
import { problemInEnglish } from '../../src/store/verify-types.js';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import type { NewCapture } from '../../src/store/capture-write.js';
import { msg, verifyAt } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';
import { rewriteList, storedList } from '../support/lists.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());

/** Two 60k captures that differ in one message: 120k listed hashes, past the thread's threshold. */
const N = 60_000;
let captureIds: string[] = [];

function capture(ms: readonly Message[], room: NewCapture['room']): NewCapture {
  return {
    room,
    raw: Buffer.from(`raw ${ms.length}`),
    format: 'line',
    variant: 'line/test',
    parserVersion: 'line@1',
    tz: 'Asia/Tokyo',
    coverageKind: 'full',
    messages: ms,
  };
}

beforeAll(() => {
  const first = Array.from({ length: N }, (_, i) => msg(`2024-03-01T09:${String(i % 60).padStart(2, '0')}:00+09:00`, `送信者${i % 5}`, `本文 ${i}`));
  const second = first.map((m, i) => (i === 123 ? { ...m, body: `${m.body} (edited)` } : m));
  const a = Archive.open(tmp.db);
  const c1 = a.recordCapture(capture(first, { source: 'line', externalId: null, title: 'room' }));
  const c2 = a.recordCapture(capture(second, { id: c1.room.id }));
  captureIds = [c1.capture.id, c2.capture.id];
  a.close();
});

describe('verify with the lists checked in a second thread', () => {
  it('finds nothing in a sound archive', () => {
    const report = verifyAt(tmp.db);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, captures: 2, messages: N + 1 });
  });

  it('names exactly the capture whose stored list was changed behind its back', () => {
    const db = new Database(tmp.db);
    db.exec('DROP TRIGGER capture_list_roots_no_delete');
    const row = storedList(db, captureIds[1]!);
    // Two listed messages swap places: every hash is still stored, only the order (the root) changes.
    const swapped = Buffer.from(row);
    row.copy(swapped, 32 * 5000, 32 * 5001, 32 * 5002);
    row.copy(swapped, 32 * 5001, 32 * 5000, 32 * 5001);
    rewriteList(db, captureIds[1]!, swapped);
    db.close();
    const report = verifyAt(tmp.db);
    expect(report.problems).toHaveLength(1);
    expect(problemInEnglish(report.problems[0]!)).toMatchObject({
      kind: 'capture-messages-changed',
      where: `captures row ${captureIds[1]}, its message list (its capture_list_roots row and the list_nodes under it)`,
    });
  });
});

describe('verify of a room of many captures, whose lists are let go once indexed', () => {
  it('names a message row gone in every capture that lists it, at its place (the lists read again to say where)', () => {
    const t = tempArchive();
    try {
      const base = Array.from({ length: 40 }, (_, i) => msg(`2024-03-01T09:${String(i).padStart(2, '0')}:00+09:00`, '佐藤花子', `本文 ${i}`));
      const a = Archive.open(t.db);
      const ids: string[] = [];
      let room: string | undefined;
      for (let day = 0; day < 3; day++) {
        const ms = [...base, ...Array.from({ length: day }, (_, i) => msg(`2024-03-02T09:0${i}:00+09:00`, '山田太郎', `追加 ${i}`))];
        const c = a.recordCapture(capture(ms, room === undefined ? { source: 'line', externalId: null, title: 'room' } : { id: room }));
        room = c.room.id;
        ids.push(c.capture.id);
      }
      a.close();
      const db = new Database(t.db);
      const gone = storedList(db, ids[0]!).toString('hex', 7 * 32, 8 * 32);
      db.exec('DROP TRIGGER messages_no_delete');
      db.prepare('DELETE FROM messages WHERE lower(hex(hash)) = ?').run(gone);
      db.close();
      const found = verifyAt(t.db).problems.map(problemInEnglish);
      expect(found.map((p) => [p.kind, p.expected])).toEqual(ids.map(() => ['message-missing', gone]));
      expect(found.map((p) => p.where)).toEqual(ids.map((id) => `capture ${id}, message 8`));
    } finally {
      t.cleanup();
    }
  });
});

describe('a list root row keyed by a BLOB of a capture id', () => {
  it('is a finding and never stands in for the row every reader selects (review: a forged list behind a checked one)', () => {
    const t = tempArchive();
    try {
      const base = Array.from({ length: 30 }, (_, i) => msg(`2024-03-01T09:${String(i).padStart(2, '0')}:00+09:00`, '佐藤花子', `本文 ${i}`));
      const a = Archive.open(t.db);
      const c1 = a.recordCapture(capture(base, { source: 'line', externalId: null, title: 'room' }));
      const c2 = a.recordCapture(capture([...base, msg('2024-03-02T09:00:00+09:00', '山田太郎', '追加')], { id: c1.room.id }));
      a.close();
      const db = new Database(t.db);
      db.pragma('foreign_keys = OFF');
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'capture_list_roots'").pluck().all() as string[];
      for (const name of triggers) db.exec(`DROP TRIGGER ${name}`);
      const roots = db.prepare('SELECT levels, root FROM capture_list_roots WHERE capture_id = ?');
      const real = roots.get(c2.capture.id) as { levels: number; root: Buffer };
      const older = roots.get(c1.capture.id) as { levels: number; root: Buffer };
      // Capture 2's row, which every reader selects, now names capture 1's list; its real root hides under a BLOB key.
      db.prepare('UPDATE capture_list_roots SET levels = ?, root = ? WHERE capture_id = ?').run(older.levels, older.root, c2.capture.id);
      db.prepare('INSERT INTO capture_list_roots (capture_id, levels, root) VALUES (?, ?, ?)').run(Buffer.from(c2.capture.id, 'utf8'), real.levels, real.root);
      db.close();
      const found = verifyAt(t.db).problems.map(problemInEnglish);
      expect(found.map((p) => p.kind).sort()).toEqual(['capture-messages-changed', 'list-root-key']);
      expect(found.find((p) => p.kind === 'list-root-key')).toMatchObject({
        where: `capture_list_roots row ${c2.capture.id}, column capture_id`,
        actual: 'blob',
      });
      expect(found.find((p) => p.kind === 'capture-messages-changed')?.where).toContain(c2.capture.id);
    } finally {
      t.cleanup();
    }
  });
});
