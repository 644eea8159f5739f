import type Database from 'better-sqlite3';
import { readChunkList } from '../../src/store/blobs/originals.js';
import { putList, readList } from '../../src/store/lists/hash-lists.js';

/** A capture's stored message list, read from its tree (src/store/lists/hash-lists.ts). */
export function storedList(db: Database.Database, captureId: string): Buffer {
  return readList(db, captureId);
}

/** Replaces a capture's list behind the tool's back, as someone with the file could: the capture_list_roots triggers must be dropped first. */
export function rewriteList(db: Database.Database, captureId: string, list: Buffer): void {
  db.prepare('DELETE FROM capture_list_roots WHERE capture_id = ?').run(captureId);
  putList(db, captureId, list);
}

/** An original's chunk hashes in order, read from its tree (src/store/blobs/originals.ts). */
export function chunkHashes(db: Database.Database, sha256: string): Buffer[] {
  const list = readChunkList(db, sha256);
  return Array.from({ length: list.length / 32 }, (_, i) => list.subarray(i * 32, i * 32 + 32));
}

/** The stored row of an original's last chunk. */
export function lastChunk(db: Database.Database, sha256: string): { hash: Buffer; size: number; data: Buffer } {
  const hash = chunkHashes(db, sha256).at(-1)!;
  return { hash, ...(db.prepare('SELECT size, data FROM chunks WHERE hash = ?').get(hash) as { size: number; data: Buffer }) };
}
