import type Database from 'better-sqlite3';
import { sha256Bytes } from '../../core/hash.js';

/**
 * A capture's ordered message-hash list (32 raw bytes per message) kept as pieces cut at
 * content-defined points, each piece stored once across captures (docs/hashing.md §1).
 *
 * Why cut the list by content rather than store it as a change to the capture before it: the
 * items are already uniform SHA-256 values, so a hash's own first byte is as good a cut decision
 * as a rolling hash, and costs nothing. An edit, unsend, deletion or new message changes only the
 * piece it falls in (and, through the minimum, at most the next), wherever it is in the list; a
 * list that shares most of its messages with any earlier capture of any room, not only the one
 * just before it, then adds about its new entries. A delta against the predecessor would make
 * reading capture N depend on every capture before it, and a capture imported out of order (an
 * older export arriving late) would have no sensible predecessor. This is the record-level form
 * of CDC used by prolly trees.
 *
 * A cut falls after a hash whose first byte is 0 (1 in 256), once a piece holds MIN_ITEMS, and
 * always at MAX_ITEMS: pieces of ~320 hashes (~10 KB). Pieces are stored as they are: random
 * hashes do not compress. The Merkle root still covers the whole list (docs/hashing.md §3).
 */
export const MIN_ITEMS = 64;
export const MAX_ITEMS = 1024;
const ITEM = 32;

/** Where the pieces of `list` end (exclusive byte offsets); bytes past the last whole hash (a damaged row) end the last piece. */
export function listCuts(list: Buffer): number[] {
  const cuts: number[] = [];
  let start = 0;
  for (let at = 0; at + ITEM <= list.length; at += ITEM) {
    const items = (at + ITEM - start) / ITEM;
    if ((items >= MIN_ITEMS && list[at] === 0) || items === MAX_ITEMS) {
      cuts.push(at + ITEM);
      start = at + ITEM;
    }
  }
  if (start < list.length) cuts.push(list.length);
  return cuts;
}

/** Stores the capture's list as pieces; inside the caller's write transaction. */
export function putList(sqlite: Database.Database, captureId: string, list: Buffer): void {
  const exists = sqlite.prepare('SELECT 1 FROM list_chunks WHERE hash = ?').pluck();
  const insert = sqlite.prepare('INSERT INTO list_chunks (hash, data) VALUES (?, ?)');
  const link = sqlite.prepare('INSERT INTO capture_lists (capture_id, seq, chunk_hash) VALUES (?, ?, ?)');
  let start = 0;
  let seq = 0;
  for (const end of listCuts(list)) {
    const piece = list.subarray(start, end);
    const hash = sha256Bytes(piece);
    if (exists.get(hash) === undefined) insert.run(hash, piece);
    link.run(captureId, seq++, hash);
    start = end;
  }
}

/**
 * The capture's whole list, its pieces joined in order. Not checked here: a reader that needs it
 * checked compares the list's Merkle root with the capture's (archive.ts, verify.ts).
 */
export function readList(sqlite: Database.Database, captureId: string): Buffer {
  const pieces = sqlite
    .prepare('SELECT l.data FROM capture_lists c JOIN list_chunks l ON l.hash = c.chunk_hash WHERE c.capture_id = ? ORDER BY c.seq')
    .pluck()
    .all(captureId) as Buffer[];
  return Buffer.concat(pieces);
}
