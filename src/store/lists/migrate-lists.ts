import type Database from 'better-sqlite3';
import { sha256Bytes } from '../../core/hash.js';
import { putChunkList } from '../blobs/originals.js';
import { putList } from './hash-lists.js';

/**
 * How migration 0004 cut a list into `list_chunks` pieces (a cut after a hash whose first byte is
 * 0, once a piece holds 64, always at 1024): kept as it was, because an archive older than 0004 is
 * upgraded through 0004's layout before 0006 turns it into trees (tree.ts).
 */
export function legacyListCuts(list: Buffer): number[] {
  const cuts: number[] = [];
  let start = 0;
  for (let at = 0; at + 32 <= list.length; at += 32) {
    const items = (at + 32 - start) / 32;
    if ((items >= 64 && list[at] === 0) || items === 1024) {
      cuts.push(at + 32);
      start = at + 32;
    }
  }
  if (start < list.length) cuts.push(list.length);
  return cuts;
}

/**
 * Migration 0004's own step: every capture's whole list (`captures.message_hashes`) cut into
 * pieces, inside the migrations' one transaction. A damaged list is kept byte for byte, so
 * `verify` reports afterwards what it reported before.
 */
export function cutLegacyLists(sqlite: Database.Database): void {
  const ids = sqlite.prepare('SELECT id FROM captures ORDER BY rowid').pluck().all() as string[];
  const read = sqlite.prepare('SELECT message_hashes FROM captures WHERE id = ?').pluck();
  const exists = sqlite.prepare('SELECT 1 FROM list_chunks WHERE hash = ?').pluck();
  const insert = sqlite.prepare('INSERT INTO list_chunks (hash, data) VALUES (?, ?)');
  const link = sqlite.prepare('INSERT INTO capture_lists (capture_id, seq, chunk_hash) VALUES (?, ?, ?)');
  for (const id of ids) {
    const stored = read.get(id);
    const list = Buffer.isBuffer(stored) ? stored : Buffer.from(String(stored), 'utf8');
    let start = 0;
    let seq = 0;
    for (const end of legacyListCuts(list)) {
      const piece = list.subarray(start, end);
      const hash = sha256Bytes(piece);
      if (exists.get(hash) === undefined) insert.run(hash, piece);
      link.run(id, seq++, hash);
      start = end;
    }
  }
}

/**
 * Migration 0006's own step, between the SQL that makes the tree tables and the SQL that drops the
 * rows of pieces: every capture's message list (its `capture_lists` pieces joined in `seq` order)
 * and every original's chunk list (its `blob_chunks` hashes in `seq` order) stored again as a tree
 * (tree.ts). Inside the migrations' one transaction. A list is moved as it reads, byte for byte:
 * a piece whose bytes were changed moves changed, and `verify` finds it by the capture's root.
 */
export function treeLegacyLists(sqlite: Database.Database): void {
  const pieces = sqlite.prepare('SELECT l.data FROM capture_lists c JOIN list_chunks l ON l.hash = c.chunk_hash WHERE c.capture_id = ? ORDER BY c.seq').pluck();
  for (const id of sqlite.prepare('SELECT id FROM captures ORDER BY rowid').pluck().all() as string[]) {
    putList(sqlite, id, Buffer.concat((pieces.all(id) as unknown[]).map(asBytes)));
  }
  const chunks = sqlite.prepare('SELECT chunk_hash FROM blob_chunks WHERE blob_sha256 = ? ORDER BY seq').pluck();
  for (const sha256 of sqlite.prepare('SELECT sha256 FROM blobs ORDER BY rowid').pluck().all() as string[]) {
    putChunkList(sqlite, sha256, Buffer.concat((chunks.all(sha256) as unknown[]).map(asBytes)));
  }
}

/** A stored value as bytes: a damaged row may hold text where bytes belong. */
function asBytes(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
}
