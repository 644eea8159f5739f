import type Database from 'better-sqlite3';
import { sha256Bytes } from '../../core/hash.js';
import { msg, type Phrase } from '../../i18n/message.js';
import type { Problem } from '../verify-types.js';
import { cutBelow, cutsAfter, ITEM, levelsOk, LOOSEST_BELOW, MAX_ITEMS, treeOf, type ListKind } from './tree.js';

/** Where a tree is rooted: the table and key of its owner's row (a capture's, an original's). */
export interface TreeOwner {
  readonly table: 'capture_list_roots' | 'blob_chunk_roots';
  readonly id: string;
}

interface Node {
  readonly data: Buffer;
  /** Its bytes hash to its key, and are whole hashes as a piece is cut (MAX_ITEMS at most, no cut before its end). */
  readonly ok: boolean;
  /** Its key and bytes are stored as blobs: reading the tree by its keys (hash-lists.ts `readList`) gives these bytes. */
  readonly plain: boolean;
}

/**
 * `verify` of the nodes of every list kept as a tree (tree.ts): every `list_nodes` row re-hashed
 * once, whichever lists hold it, and every list put together from its root. One finding per
 * damaged node, where it is — not one per list that holds it: a node whose bytes do not hash to
 * its key, a node that is not a piece the cut rule makes, a node a tree names but nobody stored,
 * a piece that ends where the rule does not cut while more follow it, and a root whose level count
 * or shape no tree has. Whether the list is the right one is its owner's check (a capture's Merkle
 * root, an original's SHA-256), made by the caller.
 */
export class CheckedNodes {
  private readonly byKey = new Map<string, Node>();
  /** Nodes by the hash of their bytes: a node whose key alone was changed is still found (its row is reported). */
  private readonly byContent = new Map<string, Buffer>();
  private readonly reported = new Set<string>();
  /** Nodes given that a read of the tree by its keys would not give as they are (`plain` false, or found by content). */
  private irregular = 0;

  constructor(
    sqlite: Database.Database,
    private readonly problems: Problem[],
  ) {
    for (const [hash, data] of sqlite.prepare('SELECT hash, data FROM list_nodes').raw().iterate() as IterableIterator<[unknown, unknown]>) {
      const key = Buffer.isBuffer(hash) ? hash.toString('hex') : String(hash);
      const bytes = Buffer.isBuffer(data) ? data : Buffer.from(String(data), 'utf8');
      const actual = sha256Bytes(bytes).toString('hex');
      this.byContent.set(actual, bytes);
      const plain = Buffer.isBuffer(hash) && Buffer.isBuffer(data);
      if (actual !== key) {
        problems.push({ kind: 'list-node-hash-mismatch', where: msg('vp.row', { table: 'list_nodes', id: key }), expected: key, actual });
        this.byKey.set(key, { data: bytes, ok: false, plain });
        continue;
      }
      const shape = pieceShape(bytes);
      if (shape !== null)
        problems.push({
          kind: 'list-node-shape',
          where: msg('vp.row-column', { table: 'list_nodes', id: key, column: 'data' }),
          expected: msg('vp.node.expected'),
          actual: shape,
        });
      this.byKey.set(key, { data: bytes, ok: shape === null, plain });
    }
  }

  /**
   * How many nodes assembled so far a read of their trees by key would not give as they were
   * given here: a list assembled with none can be read again from the archive (`verify` lets the
   * lists of a room's many captures go and reads each again when it is needed).
   */
  get irregularNodes(): number {
    return this.irregular;
  }

  /**
   * The whole list under the owner's root row, or null where a finding already explains why it
   * cannot be had. `join` makes the bottom level's buffer (verify-lists.ts puts it in shared memory).
   */
  assemble(owner: TreeOwner, row: { levels: unknown; root: unknown }, join: (parts: readonly Buffer[]) => Buffer = (p) => Buffer.concat(p)): Buffer | null {
    const tree = treeOf(row);
    const kind: ListKind = owner.table === 'capture_list_roots' ? 'messages' : 'chunks';
    const rootShape = !levelsOk(tree.levels)
      ? 'levels'
      : hasInnerCut(tree.root, cutBelow(kind, tree.levels)) || (tree.levels > 0 && (tree.root.length % ITEM !== 0 || tree.root.length < 2 * ITEM))
        ? 'root'
        : null;
    if (rootShape !== null) {
      this.problems.push({
        kind: 'list-root-shape',
        where: msg('vp.row-column', { table: owner.table, id: owner.id, column: rootShape }),
        expected: msg('vp.root.expected'),
        actual: rootShape === 'levels' ? String(row.levels) : msg('vp.root.actual', { bytes: tree.root.length }),
      });
      return null;
    }
    let list = tree.root;
    for (let level = tree.levels - 1; level >= 0; level--) {
      const parts: Buffer[] = [];
      const count = list.length / ITEM;
      for (let i = 0; i < count; i++) {
        const key = list.toString('hex', i * ITEM, i * ITEM + ITEM);
        const node = this.nodeAt(owner, key, level, i + 1);
        if (node === null) return null;
        // A piece holds no cut of its level's rule before its end (the row's own check was the loosest rule's), and one with more
        // after it ends where the rule cuts: else the list was cut otherwise than chatproof cuts it.
        const below = cutBelow(kind, level);
        if (hasInnerCut(node, below)) {
          this.report(key, {
            kind: 'list-node-shape',
            where: msg('vp.list-node', { table: owner.table, id: owner.id, level, n: i + 1 }),
            expected: msg('vp.node.expected'),
            actual: msg('vp.node.inner-cut', { items: node.length / ITEM }),
          });
          return null;
        }
        if (i < count - 1 && !endsAtCut(node, below)) {
          this.report(key, {
            kind: 'list-node-shape',
            where: msg('vp.list-node', { table: owner.table, id: owner.id, level, n: i + 1 }),
            expected: msg('vp.node.cut'),
            actual: key,
          });
          return null;
        }
        parts.push(node);
      }
      list = level === 0 ? join(parts) : Buffer.concat(parts);
    }
    return tree.levels === 0 ? join([list]) : list;
  }

  /** The node's bytes, or null when it is missing or damaged (then reported once, here or when read). */
  private nodeAt(owner: TreeOwner, key: string, level: number, n: number): Buffer | null {
    const stored = this.byKey.get(key);
    if (stored !== undefined) {
      if (!stored.plain) this.irregular++;
      return stored.ok ? stored.data : null;
    }
    const moved = this.byContent.get(key);
    this.irregular++;
    if (moved !== undefined) return pieceShape(moved) === null ? moved : null;
    this.report(key, {
      kind: 'list-node-missing',
      where: msg('vp.list-node', { table: owner.table, id: owner.id, level, n }),
      expected: key,
      actual: msg('vp.not-stored'),
    });
    return null;
  }

  private report(key: string, problem: Problem): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push(problem);
  }
}

/** What is wrong with the node's bytes as a piece, in words, or null when nothing is. */
function pieceShape(bytes: Buffer): Phrase | null {
  if (bytes.length === 0 || bytes.length % ITEM !== 0) return msg('vp.node.bytes', { bytes: bytes.length });
  if (bytes.length > MAX_ITEMS * ITEM || hasInnerCut(bytes, LOOSEST_BELOW)) return msg('vp.node.inner-cut', { items: bytes.length / ITEM });
  return null;
}

/** Whether the rule cuts before the last item of `list`: a piece never holds a cut, nor does a root (it would be a level lower). */
function hasInnerCut(list: Buffer, below: number): boolean {
  for (let at = 0; at + ITEM < list.length; at += ITEM) if (cutsAfter(list, at, at / ITEM + 1, below)) return true;
  return false;
}

function endsAtCut(piece: Buffer, below: number): boolean {
  return cutsAfter(piece, piece.length - ITEM, piece.length / ITEM, below);
}
