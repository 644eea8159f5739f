/**
 * migrations/0003: originals move from whole rows (`blobs.bytes`) to chunks. The archive of the
 * old layout is made from a current one by the reverse of the migration (test/support/old-layout.ts).
 */
import { render } from '../../src/i18n/message.js';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { migrationsDir } from '../../src/paths.js';
import { Archive } from '../../src/store/archive.js';
import { verifyArchive } from '../../src/store/verify.js';
import { lineExport } from '../reliability/support/line-export.js';
import { chunkHashes } from '../support/lists.js';
import { toLayoutBefore0003 } from '../support/old-layout.js';
import { seedArchive } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';
import type { AttachmentPayload } from '../../src/core/entries/attachment.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

const big = Buffer.from(lineExport({ title: '大きい', messages: 3000, tag: 'm' }));

/** The seeded archive plus a many-chunk original, in the layout before 0003; its log and originals as they were. */
function oldArchive(damage = ''): { log: unknown[]; originals: Map<string, Buffer> } {
  seedArchive(tmp.db);
  const a = Archive.open(tmp.db);
  // Only the bytes matter here, not a whole attachment entry.
  a.append('attachment', null, { attachment: { name: 'big.txt', sha256: sha256Hex(big) }, blobs: [sha256Hex(big)] } as unknown as AttachmentPayload, [big]);
  a.close();
  toLayoutBefore0003(tmp.db);
  const db = new Database(tmp.db);
  try {
    if (damage) db.exec(`DROP TRIGGER blobs_no_update; ${damage}`);
    expect(db.prepare("SELECT COUNT(*) FROM pragma_table_info('blobs') WHERE name = 'bytes'").pluck().get()).toBe(1);
    const originals = new Map((db.prepare('SELECT sha256, bytes FROM blobs').all() as { sha256: string; bytes: Buffer }[]).map((r) => [r.sha256, r.bytes]));
    return { log: db.prepare('SELECT * FROM log ORDER BY seq').all(), originals };
  } finally {
    db.close();
  }
}

describe('migration 0003: originals as chunks', () => {
  it('keeps every original byte for byte and every log entry, and the archive verifies', () => {
    const before = oldArchive();
    expect(before.originals.size).toBe(5);
    const a = Archive.open(tmp.db);
    try {
      expect(verifyArchive(a.sqlite).problems).toEqual([]);
      expect(a.sqlite.prepare('SELECT * FROM log ORDER BY seq').all()).toEqual(before.log);
      for (const [sha, bytes] of before.originals) expect(a.blob(sha).equals(bytes)).toBe(true);
      expect(a.sqlite.prepare("SELECT COUNT(*) FROM pragma_table_info('blobs') WHERE name = 'bytes'").pluck().get()).toBe(0);
      expect(chunkHashes(a.sqlite, sha256Hex(big)).length).toBeGreaterThan(1);
    } finally {
      a.close();
    }
  });

  it('leaves every table append-only', () => {
    oldArchive();
    Archive.open(tmp.db).close();
    const db = new Database(tmp.db);
    try {
      for (const t of ['blobs', 'chunks', 'blob_chunk_roots']) {
        expect(() => db.exec(`DELETE FROM ${t}`)).toThrow(/append-only/);
        expect(() => db.exec(`UPDATE ${t} SET rowid = rowid`)).toThrow(/append-only/);
      }
    } finally {
      db.close();
    }
  });

  it('is done by a reading command too', () => {
    oldArchive();
    const a = Archive.open(tmp.db, { readonly: true });
    try {
      expect(verifyArchive(a.sqlite).ok).toBe(true);
    } finally {
      a.close();
    }
  });

  it('carries a damaged original through, so verify reports it instead of the upgrade failing', () => {
    const { originals } = oldArchive();
    const key = [...originals.keys()].find((k) => originals.get(k)!.toString() === 'raw-2')!;
    tmp.cleanup();
    tmp = tempArchive();
    oldArchive(`UPDATE blobs SET bytes = CAST('raw-X' AS BLOB) WHERE sha256 = '${key}'`);
    const a = Archive.open(tmp.db);
    try {
      const report = verifyArchive(a.sqlite);
      expect(report.problems.map((p) => [p.kind, render('en', p.where).split(',')[0]])).toEqual([['blob-hash-mismatch', `blobs row ${key}`]]);
    } finally {
      a.close();
    }
  });

  it("stops under drizzle-kit's own migrator, which would drop the bytes, and changes nothing", () => {
    const before = oldArchive();
    const db = new Database(tmp.db);
    try {
      expect(() => migrate(drizzle(db), { migrationsFolder: migrationsDir })).toThrow(/originals not chunked/);
      const after = new Map((db.prepare('SELECT sha256, bytes FROM blobs').all() as { sha256: string; bytes: Buffer }[]).map((r) => [r.sha256, r.bytes]));
      expect(after).toEqual(before.originals);
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'chunks'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
