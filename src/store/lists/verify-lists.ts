import type Database from 'better-sqlite3';
import { msg } from '../../i18n/message.js';
import { sha256Bytes } from '../../core/hash.js';
import type { Problem } from '../verify-types.js';

/**
 * `verify` of the stored message lists: every piece re-hashed once, every capture's list put
 * together from its pieces in order. What is damaged is reported once, where it is: a damaged
 * piece is one finding, not one per capture that holds it.
 *
 * Returns each capture's whole list by capture id, or null where a finding already explains why
 * it cannot be had (then its Merkle root is not compared again). A capture with no pieces has the
 * empty list.
 */
export function verifyLists(sqlite: Database.Database, problems: Problem[]): Map<string, Buffer | null> {
  const byKey = new Map<string, { data: Buffer; ok: boolean }>();
  const byContent = new Map<string, Buffer>();
  for (const [hash, data] of sqlite.prepare('SELECT hash, data FROM list_chunks').raw().iterate() as IterableIterator<[unknown, unknown]>) {
    const key = Buffer.isBuffer(hash) ? hash.toString('hex') : String(hash);
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(String(data), 'utf8');
    const actual = sha256Bytes(bytes).toString('hex');
    byKey.set(key, { data: bytes, ok: actual === key });
    byContent.set(actual, bytes);
    if (actual !== key) problems.push({ kind: 'list-chunk-hash-mismatch', where: msg('vp.row', { table: 'list_chunks', id: key }), expected: key, actual });
  }
  const lists = new Map<string, Buffer | null>();
  const links = sqlite.prepare('SELECT capture_id, seq, chunk_hash FROM capture_lists ORDER BY capture_id, seq').raw().iterate() as IterableIterator<
    [string, number, unknown]
  >;
  let id: string | null = null;
  let pieces: Buffer[] = [];
  let broken = false;
  const close = (): void => {
    if (id !== null) lists.set(id, broken ? null : joined(pieces));
  };
  for (const [capture, seq, hash] of links) {
    if (capture !== id) {
      close();
      id = capture;
      pieces = [];
      broken = false;
    }
    if (broken) continue;
    if (seq !== pieces.length) {
      problems.push({
        kind: 'capture-list-out-of-order',
        where: msg('vp.list-rows', { id: capture }),
        expected: msg('vp.piece-at', { n: pieces.length, position: pieces.length + 1 }),
        actual: msg('vp.piece', { n: seq }),
      });
      broken = true;
      continue;
    }
    const key = Buffer.isBuffer(hash) ? hash.toString('hex') : String(hash);
    const stored = byKey.get(key);
    // A piece whose key alone was changed is found by its content (and its row was reported above).
    const piece = stored === undefined ? byContent.get(key) : stored.ok ? stored.data : undefined;
    if (piece === undefined) {
      if (stored === undefined)
        problems.push({ kind: 'list-chunk-missing', where: msg('vp.list-piece', { id: capture, n: seq + 1 }), expected: key, actual: msg('vp.not-stored') });
      broken = true;
      continue;
    }
    pieces.push(piece);
  }
  close();
  return lists;
}

/**
 * The pieces as one list in shared memory: the thread that works out the lists' roots beside the
 * message pass (core/merkle-thread.ts) then reads these bytes rather than a copy (32 MB at 1M).
 */
function joined(pieces: readonly Buffer[]): Buffer {
  const out = Buffer.from(new SharedArrayBuffer(pieces.reduce((n, p) => n + p.length, 0)));
  let at = 0;
  for (const p of pieces) at += p.copy(out, at);
  return out;
}
