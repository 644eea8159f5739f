import type Database from 'better-sqlite3';
import { IntegrityError } from '../../core/errors.js';
import { msg } from '../../i18n/message.js';
import { levelsOk, loadTree, MissingNode, nodeStore, storeTree, TreeBuilder, type ListTree, treeOf } from './tree.js';

/**
 * A capture's ordered message-hash list (32 raw bytes per message), kept as a content-defined
 * tree of pieces (tree.ts, docs/hashing.md §1): its nodes in `list_nodes`, once across captures
 * and rooms, its root in the capture's `capture_list_roots` row.
 *
 * Why cut the list by content rather than store it as a change to the capture before it: an
 * edit, unsend, deletion or new message changes only the pieces it falls in, up each level,
 * wherever it is in the list; a list that shares most of its messages with any earlier capture of
 * any room, not only the one just before it, then adds about its new entries. A delta against the
 * predecessor would make reading capture N depend on every capture before it, and a capture
 * imported out of order (an older export arriving late) would have no sensible predecessor.
 * The Merkle root still covers the whole list (docs/hashing.md §3).
 */

/** Stores the capture's list; inside the caller's write transaction. */
export function putList(sqlite: Database.Database, captureId: string, list: Buffer): void {
  putRoot(sqlite, captureId, storeTree(sqlite, list, 'messages'));
}

/** putList as the hashes come, none of them held: a capture's list stored while its rows are written (store/message-rows.ts). */
export class ListWriter {
  private readonly tree: TreeBuilder;

  constructor(private readonly sqlite: Database.Database) {
    this.tree = new TreeBuilder(nodeStore(sqlite), 'messages');
  }

  push(hashes: Uint8Array): void {
    this.tree.push(hashes);
  }

  finish(captureId: string): void {
    putRoot(this.sqlite, captureId, this.tree.finish());
  }
}

function putRoot(sqlite: Database.Database, captureId: string, { levels, root }: ListTree): void {
  sqlite.prepare('INSERT INTO capture_list_roots (capture_id, levels, root) VALUES (?, ?, ?)').run(captureId, levels, root);
}

/**
 * The capture's whole list. Not checked here beyond its nodes being stored (a tree that names a
 * node not kept is an IntegrityError): a reader that needs it checked compares the list's Merkle
 * root with the capture's (archive.ts, verify.ts).
 */
export function readList(sqlite: Database.Database, captureId: string): Buffer {
  // No root row: the empty list (a capture of no messages has one; verify names a row that went missing).
  const tree = treeOf(
    sqlite.prepare('SELECT levels, root FROM capture_list_roots WHERE capture_id = ?').get(captureId) as { levels: unknown; root: unknown } | undefined,
  );
  const where = `capture_list_roots row ${captureId}`;
  if (!levelsOk(tree.levels)) throw new IntegrityError(msg('integrity.list-levels', { levels: String(tree.levels) }), { where, hint: msg('hint.run-verify') });
  try {
    return loadTree(sqlite, tree);
  } catch (e) {
    if (!(e instanceof MissingNode)) throw e;
    throw new IntegrityError(msg('integrity.list-node-missing', { level: e.level, n: e.n, hash: e.hash }), { where, hint: msg('hint.run-verify') });
  }
}

/**
 * The capture's list as its level-0 pieces, in order: the levels above are read whole (the
 * pieces' hashes, ~1 MB for a list of a million), then each piece is read as it is asked for, so a
 * reader that goes through the list once holds one piece of it at a time, not 32 MB.
 */
export function* listPieces(sqlite: Database.Database, captureId: string): Generator<Buffer> {
  const tree = treeOf(
    sqlite.prepare('SELECT levels, root FROM capture_list_roots WHERE capture_id = ?').get(captureId) as { levels: unknown; root: unknown } | undefined,
  );
  const where = `capture_list_roots row ${captureId}`;
  if (!levelsOk(tree.levels)) throw new IntegrityError(msg('integrity.list-levels', { levels: String(tree.levels) }), { where, hint: msg('hint.run-verify') });
  if (tree.levels === 0) {
    yield tree.root;
    return;
  }
  let above: Buffer;
  try {
    above = loadTree(sqlite, { levels: tree.levels - 1, root: tree.root });
  } catch (e) {
    if (!(e instanceof MissingNode)) throw e;
    throw new IntegrityError(msg('integrity.list-node-missing', { level: e.level + 1, n: e.n, hash: e.hash }), { where, hint: msg('hint.run-verify') });
  }
  const get = sqlite.prepare('SELECT data FROM list_nodes WHERE hash = ?').pluck();
  for (let at = 0; at + 32 <= above.length; at += 32) {
    const data = get.get(above.subarray(at, at + 32)) as Buffer | undefined;
    if (data === undefined)
      throw new IntegrityError(msg('integrity.list-node-missing', { level: 0, n: at / 32 + 1, hash: above.toString('hex', at, at + 32) }), {
        where,
        hint: msg('hint.run-verify'),
      });
    yield data;
  }
}
