import Database from 'better-sqlite3';
import { inflateSync } from 'node:zlib';
import { sha256Bytes } from '../../src/core/hash.js';
import { readChunkList } from '../../src/store/blobs/originals.js';
import { readList } from '../../src/store/lists/hash-lists.js';
import { legacyListCuts } from '../../src/store/lists/migrate-lists.js';
import { FORM_COLUMNS, formText } from '../../src/store/message-forms.js';

/**
 * An archive as chatproof wrote it before migrations/0003 (originals whole in `blobs.bytes`), made
 * from a current one by the reverse of that migration: the old table shape of migrations/0000 and
 * its triggers, the bookkeeping row of 0003 removed. Tests of the upgrade need no old binary.
 * By hand: `npx tsx test/support/old-layout.ts ARCHIVE.db` turns a current archive into the layout before 0003.
 */
export function toLayoutBefore0003(path: string): void {
  toLayoutBefore0004(path);
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

/**
 * An archive as chatproof wrote it before migrations/0004 (each capture's whole message list in
 * `captures.message_hashes`), made by the reverse of that migration. The column comes back with
 * `DEFAULT x''` (SQLite adds a NOT NULL column to a filled table only with a default); the
 * archives 0003 wrote have none, which no step of the upgrade reads.
 */
export function toLayoutBefore0004(path: string): void {
  toLayoutBefore0005(path);
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      const ids = db.prepare('SELECT id FROM captures').pluck().all() as string[];
      const pieces = db.prepare('SELECT l.data FROM capture_lists c JOIN list_chunks l ON l.hash = c.chunk_hash WHERE c.capture_id = ? ORDER BY c.seq').pluck();
      const lists = new Map(ids.map((id) => [id, Buffer.concat(pieces.all(id) as Buffer[])]));
      for (const t of ['captures', 'list_chunks', 'capture_lists']) db.exec(`DROP TRIGGER ${t}_no_update; DROP TRIGGER ${t}_no_delete;`);
      db.exec("ALTER TABLE captures ADD `message_hashes` blob NOT NULL DEFAULT x''");
      const put = db.prepare('UPDATE captures SET message_hashes = ? WHERE id = ?');
      for (const [id, list] of lists) put.run(list, id);
      db.exec(`
        DROP TABLE capture_lists; DROP TABLE list_chunks;
        CREATE TRIGGER captures_no_update BEFORE UPDATE ON captures BEGIN SELECT RAISE(ABORT, 'captures is append-only: UPDATE forbidden'); END;
        CREATE TRIGGER captures_no_delete BEFORE DELETE ON captures BEGIN SELECT RAISE(ABORT, 'captures is append-only: DELETE forbidden'); END;
        DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations);
      `);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * An archive as chatproof wrote it before migrations/0005 (each message's canonical JSON bytes in
 * `messages.canonical_json`, NOT NULL), made by the reverse of that migration: each row's form
 * re-made from its fields, in rowid order.
 */
export function toLayoutBefore0005(path: string): void {
  toLayoutBefore0006(path);
  const db = new Database(path);
  try {
    db.transaction(() => {
      const rows = db.prepare(`SELECT hash, ${FORM_COLUMNS} FROM messages ORDER BY rowid`).raw().all() as unknown[][];
      db.exec(`
        DROP TRIGGER messages_no_update; DROP TRIGGER messages_no_delete;
        DROP TABLE messages;
        CREATE TABLE messages (\`hash\` blob PRIMARY KEY NOT NULL, \`canonical_json\` blob NOT NULL);
      `);
      const put = db.prepare('INSERT INTO messages (hash, canonical_json) VALUES (?, ?)');
      for (const row of rows) put.run(row[0], Buffer.isBuffer(row[8]) ? row[8] : Buffer.from(formText(row, 1), 'utf8'));
      db.exec(`
        CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages BEGIN SELECT RAISE(ABORT, 'messages is append-only: UPDATE forbidden'); END;
        CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages BEGIN SELECT RAISE(ABORT, 'messages is append-only: DELETE forbidden'); END;
        DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations);
      `);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * An archive as chatproof wrote it before migrations/0006 (an original's chunks named one row each
 * in `blob_chunks`, a capture's message list as `capture_lists` rows naming `list_chunks` pieces
 * cut by 0004's rule), made by the reverse of that migration: the tables of 0003 and 0004 as they
 * created them, with their triggers. By hand: `npx tsx test/support/old-layout.ts ARCHIVE.db 0006`.
 */
export function toLayoutBefore0006(path: string): void {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      const captures = db.prepare('SELECT id FROM captures ORDER BY rowid').pluck().all() as string[];
      const lists = new Map(captures.map((id) => [id, readList(db, id)]));
      const blobs = db.prepare('SELECT sha256 FROM blobs ORDER BY rowid').pluck().all() as string[];
      const chunkLists = new Map(blobs.map((sha) => [sha, readChunkList(db, sha)]));
      for (const t of ['list_nodes', 'capture_list_roots', 'blob_chunk_roots'])
        db.exec(`DROP TRIGGER ${t}_no_update; DROP TRIGGER ${t}_no_delete; DROP TABLE ${t};`);
      db.exec(`
        CREATE TABLE \`blob_chunks\` (
        \t\`blob_sha256\` text NOT NULL,
        \t\`seq\` integer NOT NULL,
        \t\`chunk_hash\` blob NOT NULL,
        \tPRIMARY KEY(\`blob_sha256\`, \`seq\`),
        \tFOREIGN KEY (\`blob_sha256\`) REFERENCES \`blobs\`(\`sha256\`) ON UPDATE no action ON DELETE no action,
        \tFOREIGN KEY (\`chunk_hash\`) REFERENCES \`chunks\`(\`hash\`) ON UPDATE no action ON DELETE no action
        );
        CREATE TABLE \`list_chunks\` (
        \t\`hash\` blob PRIMARY KEY NOT NULL,
        \t\`data\` blob NOT NULL
        );
        CREATE TABLE \`capture_lists\` (
        \t\`capture_id\` text NOT NULL,
        \t\`seq\` integer NOT NULL,
        \t\`chunk_hash\` blob NOT NULL,
        \tPRIMARY KEY(\`capture_id\`, \`seq\`),
        \tFOREIGN KEY (\`capture_id\`) REFERENCES \`captures\`(\`id\`) ON UPDATE no action ON DELETE no action,
        \tFOREIGN KEY (\`chunk_hash\`) REFERENCES \`list_chunks\`(\`hash\`) ON UPDATE no action ON DELETE no action
        );
      `);
      const link = db.prepare('INSERT INTO blob_chunks (blob_sha256, seq, chunk_hash) VALUES (?, ?, ?)');
      for (const [sha, list] of chunkLists) for (let i = 0; i * 32 < list.length; i++) link.run(sha, i, list.subarray(i * 32, i * 32 + 32));
      const piece = db.prepare('INSERT OR IGNORE INTO list_chunks (hash, data) VALUES (?, ?)');
      const put = db.prepare('INSERT INTO capture_lists (capture_id, seq, chunk_hash) VALUES (?, ?, ?)');
      for (const [id, list] of lists) {
        let start = 0;
        for (const [seq, end] of legacyListCuts(list).entries()) {
          const bytes = list.subarray(start, end);
          const hash = sha256Bytes(bytes);
          piece.run(hash, bytes);
          put.run(id, seq, hash);
          start = end;
        }
      }
      for (const t of ['blob_chunks', 'list_chunks', 'capture_lists'])
        db.exec(`
          CREATE TRIGGER \`${t}_no_update\` BEFORE UPDATE ON \`${t}\` BEGIN SELECT RAISE(ABORT, '${t} is append-only: UPDATE forbidden'); END;
          CREATE TRIGGER \`${t}_no_delete\` BEFORE DELETE ON \`${t}\` BEGIN SELECT RAISE(ABORT, '${t} is append-only: DELETE forbidden'); END;
        `);
      db.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

if (process.argv[1]?.endsWith('old-layout.ts') && process.argv[2] && process.argv[3] === '0006') toLayoutBefore0006(process.argv[2]);
else if (process.argv[1]?.endsWith('old-layout.ts') && process.argv[2]) toLayoutBefore0003(process.argv[2]);
