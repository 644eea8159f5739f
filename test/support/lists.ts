import type Database from 'better-sqlite3';
import { putList, readList } from '../../src/store/lists/hash-lists.js';

/** A capture's stored message list, its pieces joined (src/store/lists/hash-lists.ts). */
export function storedList(db: Database.Database, captureId: string): Buffer {
  return readList(db, captureId);
}

/** Replaces a capture's list behind the tool's back, as someone with the file could: the capture_lists triggers must be dropped first. */
export function rewriteList(db: Database.Database, captureId: string, list: Buffer): void {
  db.prepare('DELETE FROM capture_lists WHERE capture_id = ?').run(captureId);
  putList(db, captureId, list);
}
