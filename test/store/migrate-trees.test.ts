/**
 * migrations/0006: an original's chunk list and a capture's message list move from one row per
 * piece (`blob_chunks`, `capture_lists` + `list_chunks`) to content-defined trees
 * (src/store/lists/tree.ts). The archive of the old layout is made from a current one by the
 * reverse of the migration (test/support/old-layout.ts, `toLayoutBefore0006`).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import type { Message } from '../../src/core/types.js';
import { migrationsDir } from '../../src/paths.js';
import { Archive } from '../../src/store/archive.js';
import { readChunkList } from '../../src/store/blobs/originals.js';
import { readList } from '../../src/store/lists/hash-lists.js';
import { verifyArchive } from '../../src/store/verify.js';
import { lineExport } from '../reliability/support/line-export.js';
import { toLayoutBefore0006 } from '../support/old-layout.js';
import { msg } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

const day1: Message[] = Array.from({ length: 3_000 }, (_, i) => msg('2024-03-01T09:00:00+09:00', '佐藤花子', `本文 ${i}`));
const day2 = [...day1, ...Array.from({ length: 100 }, (_, i) => msg('2024-03-02T09:00:00+09:00', '山田太郎', `新しい ${i}`))];
/** Two originals of many chunks that share all but their ends, as two exports of a growing chat do. */
const export1 = Buffer.from(lineExport({ title: '移行', messages: 20_000, tag: 'a' }));
const export2 = Buffer.concat([export1, Buffer.from(lineExport({ title: '移行', messages: 50, tag: 'b' }))]);

interface Before {
  readonly log: unknown[];
  readonly lists: Map<string, string>;
  readonly chunkLists: Map<string, string>;
}

/** A current archive of two captures, turned into the layout before 0006; what it holds, read in that layout. */
function oldArchive(): Before {
  const a = Archive.open(tmp.db);
  const base = { format: 'line', variant: 'line/test', parserVersion: 'line@1', tz: 'Asia/Tokyo', coverageKind: 'full' } as const;
  const first = a.recordCapture({ ...base, room: { source: 'line', externalId: null, title: '移行' }, raw: export1, messages: day1 });
  a.recordCapture({ ...base, room: { id: first.room.id }, raw: export2, messages: day2 });
  a.close();
  toLayoutBefore0006(tmp.db);
  const db = new Database(tmp.db, { readonly: true });
  try {
    const pieces = db.prepare('SELECT l.data FROM capture_lists c JOIN list_chunks l ON l.hash = c.chunk_hash WHERE c.capture_id = ? ORDER BY c.seq').pluck();
    const chunks = db.prepare('SELECT chunk_hash FROM blob_chunks WHERE blob_sha256 = ? ORDER BY seq').pluck();
    const ids = db.prepare('SELECT id FROM captures').pluck().all() as string[];
    const shas = db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[];
    return {
      log: db.prepare('SELECT * FROM log ORDER BY seq').all(),
      lists: new Map(ids.map((id) => [id, Buffer.concat(pieces.all(id) as Buffer[]).toString('hex')])),
      chunkLists: new Map(shas.map((sha) => [sha, Buffer.concat(chunks.all(sha) as Buffer[]).toString('hex')])),
    };
  } finally {
    db.close();
  }
}

const tables = (db: Database.Database): string[] => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('migration 0006: lists of pieces as trees', () => {
  it('keeps every list, original and log entry; drops the old pieces; the archive verifies', () => {
    const before = oldArchive();
    expect([...before.lists.values()].map((l) => l.length / 64).sort()).toEqual([3_000, 3_100]);
    expect(before.chunkLists.get(sha256Hex(export1))!.length / 64).toBeGreaterThan(50);
    const a = Archive.open(tmp.db);
    try {
      expect(verifyArchive(a.sqlite).problems).toEqual([]);
      expect(a.sqlite.prepare('SELECT * FROM log ORDER BY seq').all()).toEqual(before.log);
      for (const [id, list] of before.lists) expect(readList(a.sqlite, id).toString('hex')).toBe(list);
      for (const [sha, list] of before.chunkLists) expect(readChunkList(a.sqlite, sha).toString('hex')).toBe(list);
      expect(a.blob(sha256Hex(export1)).equals(export1)).toBe(true);
      expect(a.blob(sha256Hex(export2)).equals(export2)).toBe(true);
      // Both kinds of list are trees now, not only inline roots.
      expect(a.sqlite.prepare('SELECT min(levels) FROM blob_chunk_roots WHERE blob_sha256 = ?').pluck().get(sha256Hex(export1))).toBeGreaterThan(0);
      expect(a.sqlite.prepare('SELECT min(levels) FROM capture_list_roots').pluck().get()).toBeGreaterThan(1);
      const names = tables(a.sqlite);
      for (const gone of ['blob_chunks', 'capture_lists', 'list_chunks']) expect(names).not.toContain(gone);
      // Every node stored is reached from a root: nothing of the old pieces, nor of a tree, lingers unreferenced.
      expect(reachable(a.sqlite)).toBe(a.sqlite.prepare('SELECT COUNT(*) FROM list_nodes').pluck().get());
    } finally {
      a.close();
    }
  });

  it('leaves the new tables append-only', () => {
    oldArchive();
    Archive.open(tmp.db).close();
    const db = new Database(tmp.db);
    try {
      for (const t of ['list_nodes', 'capture_list_roots', 'blob_chunk_roots']) {
        expect(() => db.exec(`DELETE FROM ${t}`)).toThrow(/append-only/);
        expect(() => db.exec(`UPDATE ${t} SET rowid = rowid`)).toThrow(/append-only/);
      }
    } finally {
      db.close();
    }
  });

  it("stops drizzle-kit's own migrator before it drops a piece: the archive keeps the old layout", () => {
    const before = oldArchive();
    const db = new Database(tmp.db);
    try {
      expect(() => migrate(drizzle(db), { migrationsFolder: migrationsDir })).toThrow(/lists not moved to trees/);
      expect(tables(db)).toEqual(expect.arrayContaining(['blob_chunks', 'capture_lists', 'list_chunks']));
      expect(tables(db)).not.toContain('list_nodes');
      expect(db.prepare('SELECT * FROM log ORDER BY seq').all()).toEqual(before.log);
    } finally {
      db.close();
    }
    const a = Archive.open(tmp.db);
    try {
      expect(verifyArchive(a.sqlite).problems).toEqual([]);
    } finally {
      a.close();
    }
  });
});

/** How many distinct nodes the roots reach, every level down. */
function reachable(db: Database.Database): number {
  const get = db.prepare('SELECT data FROM list_nodes WHERE hash = ?').pluck();
  const seen = new Set<string>();
  const roots = db.prepare('SELECT levels, root FROM capture_list_roots UNION ALL SELECT levels, root FROM blob_chunk_roots').all() as {
    levels: number;
    root: Buffer;
  }[];
  for (const { levels, root } of roots) {
    let level = [root];
    for (let l = levels; l > 0; l--) {
      const next: Buffer[] = [];
      for (const node of level)
        for (let at = 0; at < node.length; at += 32) {
          const key = node.toString('hex', at, at + 32);
          seen.add(key);
          next.push(get.get(node.subarray(at, at + 32)) as Buffer);
        }
      level = next;
    }
  }
  return seen.size;
}
