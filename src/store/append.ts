import type Database from 'better-sqlite3';
import { canonicalJson } from '../core/canonical.js';
import { sha256Hex } from '../core/hash.js';
import { nowIso } from '../core/time.js';
import type { EntryKind, PayloadByKind } from '../core/entries/index.js';
import { putOriginal } from './blobs/originals.js';
import { entryHash } from './entry-hash.js';
import type { EntryRecord } from './records.js';

/**
 * Appends one entry to the chain. Must run inside the caller's IMMEDIATE transaction, so that
 * `seq` and `prev` are read and written under one write lock (docs/design/evidence-model.md P8: two writers land in order).
 */
export function appendEntry<K extends EntryKind>(
  sqlite: Database.Database,
  kind: K,
  roomId: string | null,
  payload: PayloadByKind[K],
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
  // Read back as any entry is: a payload is data once it is in the log.
  return { seq, kind, at, roomId, payload: JSON.parse(text) as Record<string, unknown>, prevHash, hash };
}

/** Stores bytes once under their SHA-256 (docs/design/evidence-model.md P1), as chunks (blobs/originals.ts); a second copy of the same bytes is not written. */
export function putBlob(sqlite: Database.Database, bytes: Uint8Array, sha256: string = sha256Hex(bytes)): string {
  return putOriginal(sqlite, bytes, sha256);
}
