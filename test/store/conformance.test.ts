/**
 * The store contract (test/support/store-conformance.ts) run against the SQLite archive. What is
 * SQLite's own here is how stored bytes are changed behind the archive's back: through a second
 * connection to the same file, its triggers dropped where a hostile program would drop them.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { encodeChunk } from '../../src/store/blobs/chunk-store.js';
import { lastChunk, rewriteList, storedList } from '../support/lists.js';
import { storeConformance } from '../support/store-conformance.js';
import { tempArchive } from '../support/temp.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());
let n = 0;

/** A second connection to the archive's file, closed after `run`; `unguarded` drops the triggers first. */
function behindItsBack(archive: Archive, run: (db: Database.Database) => void, unguarded = true): void {
  const db = new Database(archive.path);
  try {
    if (unguarded)
      for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${name}"`);
    run(db);
  } finally {
    db.close();
  }
}

storeConformance('SQLite archive', {
  create: () => Archive.open(join(tmp.dir, `store-${++n}.db`)),
  reopen: (archive) => Archive.open(archive.path),
  // With the triggers in place, as any program that opens the file finds them.
  rewriteEntry: (archive, seq, how) =>
    behindItsBack(
      archive,
      (db) => {
        if (how === 'change') db.prepare(`UPDATE log SET payload = '{"note":{"text":"changed"}}' WHERE seq = ?`).run(seq);
        else db.prepare('DELETE FROM log WHERE seq = ?').run(seq);
      },
      false,
    ),
  // One byte of the original's last chunk, stored as chatproof stores chunks, so that it still decompresses.
  damageOriginal: (archive, sha256) =>
    behindItsBack(archive, (db) => {
      const { hash, size, data } = lastChunk(db, sha256);
      const bytes = Buffer.from(data.length === size ? data : inflateSync(data));
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
      db.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(encodeChunk(bytes), hash);
    }),
  // The list's first two hashes swapped: the same messages in another order, which the capture's Merkle root does not allow.
  damageList: (archive, captureId) =>
    behindItsBack(archive, (db) => {
      const list = Buffer.from(storedList(db, captureId));
      const first = Buffer.from(list.subarray(0, 32));
      list.copy(list, 0, 32, 64);
      first.copy(list, 32);
      rewriteList(db, captureId, list);
    }),
});
