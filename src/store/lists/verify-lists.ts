import type Database from 'better-sqlite3';
import { sha256Hex } from '../../core/hash.js';
import type { ListedHashes } from '../listed-hashes.js';
import { readList } from './hash-lists.js';
import type { CheckedNodes } from './verify-trees.js';

/**
 * A capture's message list as `verify` put it together from its tree: the SHA-256 of its bytes
 * (the key its facts are kept under), its length, and the bytes where they are kept. A list not
 * kept is read again from the archive, in the same read transaction, when a check needs it
 * (`bytesOf`): a room of 365 daily captures held 365 lists of ~118k hashes (1.4 GB) otherwise.
 */
export interface StoredList {
  /** The capture id its tree is stored under. */
  readonly id: string;
  readonly digest: string;
  readonly length: number;
  readonly kept: Buffer | null;
}

/**
 * `verify` of the stored message lists: every capture's list put together from its tree
 * (verify-trees.ts re-hashes each node once and reports a damaged one once, where it is), its
 * whole hashes indexed in `listed`, and let go unless `keep` says a check will want it soon.
 *
 * Returns each capture's list by capture id, or null where a finding already explains why it
 * cannot be had (then its Merkle root is not compared again). A capture with no root row is not
 * in the map (its list is then taken as empty).
 */
export function verifyLists(
  sqlite: Database.Database,
  nodes: CheckedNodes,
  listed: ListedHashes,
  keep: (captureId: string) => boolean,
): Map<string, StoredList | null> {
  const lists = new Map<string, StoredList | null>();
  const rows = sqlite.prepare('SELECT capture_id, levels, root FROM capture_list_roots').raw().iterate() as IterableIterator<[unknown, unknown, unknown]>;
  for (const [capture, levels, root] of rows) {
    const id = String(capture);
    const irregular = nodes.irregularNodes;
    const wanted = keep(id);
    const list = nodes.assemble({ table: 'capture_list_roots', id }, { levels, root }, wanted ? joined : undefined);
    if (list === null) {
      lists.set(id, null);
      continue;
    }
    // A list whose tree was not read as stored (a node found by its content) cannot be read again: it is kept.
    const kept = wanted || nodes.irregularNodes !== irregular ? list : null;
    if (list.length % 32 === 0) listed.add(list, kept !== null);
    lists.set(id, { id, digest: sha256Hex(list), length: list.length, kept });
  }
  return lists;
}

/** The list's bytes: as kept, or read again (inside the read transaction the checks began). */
export function bytesOf(sqlite: Database.Database, list: StoredList): Buffer {
  return list.kept ?? readList(sqlite, list.id);
}

/**
 * The pieces as one list in shared memory: the thread that works out the lists' roots beside the
 * message pass (store/merkle-thread.ts) then reads these bytes rather than a copy (32 MB at 1M).
 */
function joined(pieces: readonly Buffer[]): Buffer {
  const out = Buffer.from(new SharedArrayBuffer(pieces.reduce((n, p) => n + p.length, 0)));
  let at = 0;
  for (const p of pieces) at += p.copy(out, at);
  return out;
}
