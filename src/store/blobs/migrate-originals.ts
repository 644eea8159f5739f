import type Database from 'better-sqlite3';
import { ARCHIVE_CHUNKING } from '../../core/chunking/archive-chunking.js';
import { ChunkWriter } from './chunk-store.js';

/**
 * Migration 0003's own step: every original of an older archive, whole in `blobs.bytes`, cut into
 * chunks. Runs inside the migrations' one transaction, between the SQL that makes the new tables
 * and the SQL that drops the bytes. Each row keeps its key and size as they were, even where they
 * do not match its bytes (a damaged archive), so `verify` reports afterwards what it reported before.
 */
export function chunkLegacyOriginals(sqlite: Database.Database): void {
  // Rows are read one by one (an original may be large), by rowid: better-sqlite3 cannot write
  // while a query is being iterated.
  const rowids = sqlite.prepare('SELECT rowid FROM blobs ORDER BY rowid').pluck().all() as number[];
  const read = sqlite.prepare('SELECT sha256, bytes FROM blobs WHERE rowid = ?');
  const link = sqlite.prepare('INSERT INTO blob_chunks (blob_sha256, seq, chunk_hash) VALUES (?, ?, ?)');
  const name = sqlite.prepare('UPDATE blobs SET chunker = ? WHERE rowid = ?');
  const writer = new ChunkWriter(sqlite);
  for (const rowid of rowids) {
    const { sha256, bytes } = read.get(rowid) as { sha256: string; bytes: unknown };
    // A damaged row may hold text where bytes belong: its bytes are what SQLite stored.
    const raw = Buffer.isBuffer(bytes) ? bytes : Buffer.from(String(bytes), 'utf8');
    let seq = 0;
    for (const chunk of ARCHIVE_CHUNKING.chunks(raw)) link.run(sha256, seq++, writer.put(chunk));
    name.run(ARCHIVE_CHUNKING.name, rowid);
  }
}
