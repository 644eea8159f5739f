import Database from 'better-sqlite3';
import { render } from '../../src/i18n/message.js';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { verifyArchive } from '../../src/store/verify.js';
import { tempArchive } from '../support/temp.js';
import { msg, seedArchive } from '../support/seed.js';

const TABLES = ['blobs', 'chunks', 'blob_chunk_roots', 'rooms', 'messages', 'captures', 'list_nodes', 'capture_list_roots', 'log'] as const;
const tmp = tempArchive();
const pristine = join(tmp.dir, 'pristine.db');

/** A capture long enough that its message list is a tree of stored nodes, not only an inline root. */
function longCapture(a: Archive, n: number, roomId?: string): string {
  const c = a.recordCapture({
    room: roomId === undefined ? { source: 'line', externalId: null, title: '長いルーム' } : { id: roomId },
    raw: Buffer.from(`raw-long-${n}`),
    format: 'line',
    variant: 'line/test',
    parserVersion: 'line@1',
    tz: 'Asia/Tokyo',
    coverageKind: 'full',
    messages: Array.from({ length: n }, (_, i) => msg('2024-03-03T09:00:00+09:00', '佐藤花子', `本文 ${i}`)),
  });
  return c.room.id;
}

beforeAll(() => {
  // The long room's three entries sit around the seed's so that the middle log entry, which the
  // log's cases change, is still the seed's second room entry.
  const a = Archive.open(tmp.db);
  const room = longCapture(a, 300);
  a.close();
  seedArchive(tmp.db);
  const b = Archive.open(tmp.db);
  longCapture(b, 301, room);
  b.close();
  const db = new Database(tmp.db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  copyFileSync(tmp.db, pristine);
});
afterAll(() => tmp.cleanup());

/** A different value of the same type: hex keeps its format, numbers stay unique, blobs flip a byte. */
function altered(v: unknown): unknown {
  if (typeof v === 'number') return v + 1000;
  if (Buffer.isBuffer(v)) {
    const b = Buffer.from(v);
    b[b.length - 1] = b[b.length - 1]! ^ 0x01;
    return b;
  }
  if (v === null) return 'a'.repeat(64);
  const s = String(v);
  if (/^[0-9a-f]+$/.test(s)) return s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
  return s + 'x';
}

/** Copies the pristine archive, drops the triggers behind the tool's back, changes one value. */
function tamper(table: string, column: string): string {
  const file = join(tmp.dir, `${table}-${column}.db`);
  copyFileSync(pristine, file);
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) db.exec(`DROP TRIGGER "${name}"`);
  const rows = db.prepare(`SELECT rowid AS rid, "${column}" AS v FROM "${table}" ORDER BY rowid`).all() as { rid: number; v: unknown }[];
  const row = rows[Math.floor(rows.length / 2)]!;
  db.prepare(`UPDATE "${table}" SET "${column}" = ? WHERE rowid = ?`).run(altered(row.v), row.rid);
  db.close();
  return file;
}

const columns = (() => {
  const a = Archive.open(join(tempArchive().dir, 'schema.db'));
  const out = TABLES.flatMap((t) => (a.sqlite.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => [t, c.name] as const));
  a.close();
  return out;
})();

function storedNodes(): number {
  const db = new Database(pristine, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM list_nodes').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('verify', () => {
  it('finds nothing in an untouched archive', () => {
    const a = Archive.open(pristine, { readonly: true });
    const report = verifyArchive(a.sqlite);
    a.close();
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, captures: 5, blobs: 6 });
    expect(storedNodes()).toBeGreaterThan(2);
  });

  it.each(columns)('one changed %s.%s gives exactly one finding', (table, column) => {
    const a = Archive.open(tamper(table, column), { readonly: true });
    const report = verifyArchive(a.sqlite);
    a.close();
    expect(report.ok).toBe(false);
    expect(report.problems, JSON.stringify(report.problems, null, 1)).toHaveLength(1);
    const where = render('en', report.problems[0]!.where);
    // Said in the user's language too: the Japanese names the place in Japanese words around the table name.
    expect(render('ja', report.problems[0]!.where)).toMatch(table === 'log' ? /ログ項目/ : new RegExp(`${table} (テーブルの行|の行)`));
    expect(where).toMatch(table === 'log' ? /log entr/ : new RegExp(`${table} row`));
  });
});
