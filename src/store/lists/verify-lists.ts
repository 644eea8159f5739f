import type Database from 'better-sqlite3';
import { sha256Hex } from '../../core/hash.js';
import { msg } from '../../i18n/message.js';
import type { Problem } from '../verify-types.js';
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
 *
 * Only a row whose capture id is text names a capture: every reader (`readList`) selects its row
 * by `capture_id = ?` with the id as text, and a BLOB of the same characters is another value to
 * SQLite. Keyed by its characters, such a row would stand in for the real one here while every
 * reader read the real one (a forged list behind a checked one): it is a finding, and not read.
 */
export function verifyLists(
  sqlite: Database.Database,
  nodes: CheckedNodes,
  listed: ListedHashes,
  keep: (captureId: string) => boolean,
  problems: Problem[],
): Map<string, StoredList | null> {
  const lists = new Map<string, StoredList | null>();
  const rows = sqlite.prepare('SELECT capture_id, levels, root, typeof(capture_id) FROM capture_list_roots').raw().iterate() as IterableIterator<
    [unknown, unknown, unknown, string]
  >;
  for (const [capture, levels, root, type] of rows) {
    const id = Buffer.isBuffer(capture) ? capture.toString('utf8') : String(capture);
    if (type !== 'text') {
      problems.push({
        kind: 'list-root-key',
        where: msg('vp.row-column', { table: 'capture_list_roots', id, column: 'capture_id' }),
        expected: msg('vp.root-key.expected'),
        actual: type,
      });
      continue;
    }
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
