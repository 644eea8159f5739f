import type Database from 'better-sqlite3';
import type { CheckedNodes } from './verify-trees.js';

/**
 * `verify` of the stored message lists: every capture's list put together from its tree
 * (verify-trees.ts re-hashes each node once and reports a damaged one once, where it is).
 *
 * Returns each capture's whole list by capture id, or null where a finding already explains why
 * it cannot be had (then its Merkle root is not compared again). A capture with no root row is
 * not in the map (its list is then taken as empty).
 */
export function verifyLists(sqlite: Database.Database, nodes: CheckedNodes): Map<string, Buffer | null> {
  const lists = new Map<string, Buffer | null>();
  const rows = sqlite.prepare('SELECT capture_id, levels, root FROM capture_list_roots').raw().iterate() as IterableIterator<[unknown, unknown, unknown]>;
  for (const [capture, levels, root] of rows) {
    const id = String(capture);
    lists.set(id, nodes.assemble({ table: 'capture_list_roots', id }, { levels, root }, joined));
  }
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
