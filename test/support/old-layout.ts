import Database from 'better-sqlite3';
import { inflateSync } from 'node:zlib';

/**
 * An archive as chatproof wrote it before migrations/0003 (originals whole in `blobs.bytes`), made
 * from a current one by the reverse of that migration: the old table shape of migrations/0000 and
 * its triggers, the bookkeeping row of 0003 removed. Tests of the upgrade need no old binary.
 * By hand: `npx tsx test/support/old-layout.ts ARCHIVE.db` turns a current archive into the old layout.
 */
export function toLayoutBefore0003(path: string): void {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    const originals = db.prepare('SELECT sha256, size FROM blobs ORDER BY rowid').all() as { sha256: string; size: number }[];
    const parts = db.prepare('SELECT c.size, c.data FROM blob_chunks bc JOIN chunks c ON c.hash = bc.chunk_hash WHERE bc.blob_sha256 = ? ORDER BY bc.seq');
    db.transaction(() => {
      for (const t of ['blobs', 'chunks', 'blob_chunks']) db.exec(`DROP TRIGGER ${t}_no_update; DROP TRIGGER ${t}_no_delete;`);
      db.exec('CREATE TABLE blobs_old (`sha256` text PRIMARY KEY NOT NULL, `size` integer NOT NULL, `bytes` blob NOT NULL)');
      const put = db.prepare('INSERT INTO blobs_old (sha256, size, bytes) VALUES (?, ?, ?)');
      for (const { sha256, size } of originals) {
        const bytes = (parts.all(sha256) as { size: number; data: Buffer }[]).map((c) => (c.data.length === c.size ? c.data : inflateSync(c.data)));
        put.run(sha256, size, Buffer.concat(bytes));
      }
      db.exec(`
        DROP TABLE blob_chunks; DROP TABLE chunks; DROP TABLE blobs;
        ALTER TABLE blobs_old RENAME TO blobs;
        CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs BEGIN SELECT RAISE(ABORT, 'blobs is append-only: UPDATE forbidden'); END;
        CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs BEGIN SELECT RAISE(ABORT, 'blobs is append-only: DELETE forbidden'); END;
        DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations);
      `);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

if (process.argv[1]?.endsWith('old-layout.ts') && process.argv[2]) toLayoutBefore0003(process.argv[2]);
