import type Database from 'better-sqlite3';
import { canonicalJson } from '../core/canonical.js';
import { sha256Hex } from '../core/hash.js';
import { nowIso } from '../core/time.js';
import { putOriginal } from './blobs/originals.js';
import { entryHash, type EntryKind } from './entry-hash.js';
import type { EntryRecord } from './records.js';

/**
 * Appends one entry to the chain. Must run inside the caller's IMMEDIATE transaction, so that
 * `seq` and `prev` are read and written under one write lock (P8: two writers land in order).
 */
export function appendEntry(
  sqlite: Database.Database,
  kind: EntryKind,
  roomId: string | null,
  payload: Record<string, unknown>,
  at: string = nowIso(),
): EntryRecord {
  const head = sqlite.prepare('SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? null;
  const text = canonicalJson(payload);
  const hash = entryHash({ seq, kind, at, roomId, prevHash, payload });
  sqlite
    .prepare('INSERT INTO log (seq, kind, at, room_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(seq, kind, at, roomId, text, prevHash, hash);
  return { seq, kind, at, roomId, payload, prevHash, hash };
}

/** Stores bytes once under their SHA-256 (P1), as chunks (blobs/originals.ts); a second copy of the same bytes is not written. */
export function putBlob(sqlite: Database.Database, bytes: Uint8Array, sha256: string = sha256Hex(bytes)): string {
  return putOriginal(sqlite, bytes, sha256);
}
