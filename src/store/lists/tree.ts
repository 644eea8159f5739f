import type Database from 'better-sqlite3';
import { sha256Bytes } from '../../core/hash.js';

/**
 * Ordered lists of 32-byte hashes — a capture's message hashes, an original's chunk hashes — kept
 * as content-defined trees (prolly trees; docs/hashing.md §1, "Lists of hashes"), each node stored
 * once in `list_nodes` under the SHA-256 of its bytes, across captures, originals and rooms.
 *
 * Level 0 is the list itself, cut into pieces where an item meets the cut rule; level 1 is the list
 * of those pieces' hashes, cut likewise; and so on until a level is one piece: that level
 * is the root, kept inline in its owner's row with the number of levels under it. A capture that
 * appends to the list of an earlier one then stores only the pieces from the last cut before its
 * new end, up every level, and a root: a few KB, not one row per piece.
 *
 * The items are SHA-256 values, uniform, so an item's own first byte is as good a cut decision as
 * a rolling hash and costs nothing; the decision depends on nothing before it but the count since
 * the last cut (MIN_ITEMS), so cuts come back in step a few items after any change.
 *
 * Two cut rates (`cutBelow`): level 0 of a message list is cut at 1 in 32 (pieces of ~35 hashes),
 * every other level, and an original's chunk list from level 0, at 1 in 8 (~11 hashes). What a
 * capture rewrites is one piece a level: the one its change falls in, which is a long piece more
 * often than a short one (~twice the mean). Where the change is 100 new messages, level 0 is
 * rewritten anyway, and its ~35-hash pieces keep a 1M list to ~29,000 nodes to read; above it, and
 * in a chunk list whose head and tail change with every export, the finer cut makes that one piece
 * ~0.35 KB instead of ~2 KB. A daily capture's lists: ~12.6 → ~7.2 KB (docs/hashing.md §1).
 */
export const ITEM = 32;
/** No cut before a piece holds this many items: no pieces of one or two hashes. */
export const MIN_ITEMS = 4;
/** Always a cut here, whatever the items (8 KB): a run of items that never meet the rule stays bounded. */
export const MAX_ITEMS = 256;
/** Which list a tree holds: it decides how level 0 is cut. */
export type ListKind = 'messages' | 'chunks';
/** A cut after an item whose first byte is below this: 1 in 32, pieces of ~35 hashes (~1.1 KB). */
const COARSE_BELOW = 8;
/** 1 in 8, pieces of ~11 hashes (~0.35 KB). A coarse cut is always a fine one too. */
const FINE_BELOW = 32;
/** Deeper than any list chatproof can hold (fan-out ≥ MIN_ITEMS): a root claiming more is damaged. */
export const MAX_LEVELS = 16;

/** Whether a stored level count can be a tree's: an integer from 0 to MAX_LEVELS. */
export function levelsOk(levels: number): boolean {
  return Number.isInteger(levels) && levels >= 0 && levels <= MAX_LEVELS;
}

/** The cut rate of `level` of a `kind` list: the first byte below which an item ends a piece. */
export function cutBelow(kind: ListKind, level: number): number {
  return kind === 'messages' && level === 0 ? COARSE_BELOW : FINE_BELOW;
}

/** The rate under which a piece of any level of any list holds no cut before its end (every coarse cut is a fine one). */
export const LOOSEST_BELOW = COARSE_BELOW;

/** Whether a piece ends after the item at `at`, the `count`-th since the last cut, where items below `below` cut. */
export function cutsAfter(list: Uint8Array, at: number, count: number, below: number): boolean {
  return (count >= MIN_ITEMS && list[at]! < below) || count === MAX_ITEMS;
}

/** Where the pieces of `list` end (exclusive byte offsets); bytes past the last whole hash (a damaged list) end the last piece. */
export function pieceEnds(list: Uint8Array, below: number): number[] {
  const ends: number[] = [];
  let start = 0;
  for (let at = 0; at + ITEM <= list.length; at += ITEM) {
    if (cutsAfter(list, at, (at + ITEM - start) / ITEM, below)) {
      ends.push(at + ITEM);
      start = at + ITEM;
    }
  }
  if (start < list.length) ends.push(list.length);
  return ends;
}

/** The top of a list's tree: `root` holds the hashes of level `levels - 1` (the items themselves at 0 levels). */
export interface ListTree {
  readonly levels: number;
  readonly root: Buffer;
}

/**
 * Builds the tree of a `kind` list, handing every node under the root to `put` (hash, bytes),
 * bottom level first. `level`: where `items` sit (1 for the level above a level 0 cut elsewhere).
 */
export function buildTree(items: Buffer, put: (hash: Buffer, bytes: Buffer) => void, kind: ListKind, level = 0): ListTree {
  let list = items;
  let levels = 0;
  for (;;) {
    const ends = pieceEnds(list, cutBelow(kind, level + levels));
    if (ends.length <= 1) return { levels, root: list };
    const up = Buffer.allocUnsafe(ends.length * ITEM);
    let start = 0;
    for (const [i, end] of ends.entries()) {
      const piece = list.subarray(start, end);
      const hash = sha256Bytes(piece);
      put(hash, piece);
      hash.copy(up, i * ITEM);
      start = end;
    }
    list = up;
    levels++;
  }
}

/**
 * `buildTree` fed a few items at a time, for a list too long to hold (a 1M-message capture's is
 * 32 MB): level 0 is cut as the items come (a cut depends only on the item and the count since the
 * last one), each piece handed to `put` at once; only the level above, a 35th of the list, is
 * kept. The same nodes and root as `buildTree` of the whole list (test/store/lists.test.ts).
 */
export class TreeBuilder {
  private readonly piece = Buffer.allocUnsafe(MAX_ITEMS * ITEM);
  private used = 0;
  /** The first piece, held until a second shows the list is more than one piece (then it is no node but the root). */
  private first: Buffer | null = null;
  private pieces = 0;
  private up: Buffer[] = [];

  private readonly below: number;

  constructor(
    private readonly put: (hash: Buffer, bytes: Buffer) => void,
    private readonly kind: ListKind,
  ) {
    this.below = cutBelow(kind, 0);
  }

  /** The next items, whole 32-byte hashes. */
  push(items: Uint8Array): void {
    for (let at = 0; at + ITEM <= items.length; at += ITEM) {
      this.piece.set(items.subarray(at, at + ITEM), this.used);
      this.used += ITEM;
      if (cutsAfter(this.piece, this.used - ITEM, this.used / ITEM, this.below)) this.cut();
    }
  }

  finish(): ListTree {
    if (this.used > 0) this.cut();
    if (this.pieces <= 1) return { levels: 0, root: this.first ?? Buffer.alloc(0) };
    const above = buildTree(Buffer.concat(this.up), this.put, this.kind, 1);
    return { levels: above.levels + 1, root: above.root };
  }

  private cut(): void {
    const bytes = Buffer.from(this.piece.subarray(0, this.used));
    this.used = 0;
    this.pieces++;
    if (this.pieces === 1) {
      this.first = bytes;
      return;
    }
    if (this.pieces === 2) this.store(this.first!);
    this.store(bytes);
  }

  private store(bytes: Buffer): void {
    const hash = sha256Bytes(bytes);
    this.put(hash, bytes);
    this.up.push(hash);
  }
}

/** Where a tree's nodes go: each stored once, inside the caller's write transaction. */
export function nodeStore(sqlite: Database.Database): (hash: Buffer, bytes: Buffer) => void {
  // OR IGNORE: a node already kept is found by the key's index and left as it is, in one statement,
  // not a look-up and then an insert (a 1M list, ~29,000 nodes, stored in 0.53–0.77 s against
  // 0.65–0.87 s, three runs each on a loaded machine).
  const insert = sqlite.prepare('INSERT OR IGNORE INTO list_nodes (hash, data) VALUES (?, ?)');
  return (hash, bytes) => {
    insert.run(hash, bytes);
  };
}

/** Stores the nodes of `items`' tree not already kept; returns its root. Inside the caller's write transaction. */
export function storeTree(sqlite: Database.Database, items: Buffer, kind: ListKind): ListTree {
  return buildTree(items, nodeStore(sqlite), kind);
}

/** A node a tree names that is not stored: at `level` (0: the items' pieces), the `n`-th (1-based) of its level. */
export class MissingNode extends Error {
  constructor(
    readonly level: number,
    readonly n: number,
    readonly hash: string,
  ) {
    super(`list node ${hash} (level ${level}, piece ${n}) is not stored`);
  }
}

/**
 * The whole list under `tree`, its nodes read level by level. Not checked here beyond the nodes
 * being there: readers compare the list with what it must give (a capture's Merkle root, an
 * original's SHA-256), and `verify` re-hashes every node (verify-trees.ts).
 */
export function loadTree(sqlite: Database.Database, tree: ListTree): Buffer {
  const get = sqlite.prepare('SELECT data FROM list_nodes WHERE hash = ?').pluck();
  let list = tree.root;
  for (let level = tree.levels - 1; level >= 0; level--) {
    const parts: Buffer[] = [];
    let size = 0;
    for (let at = 0; at + ITEM <= list.length; at += ITEM) {
      const hash = list.subarray(at, at + ITEM);
      const data = get.get(hash) as Buffer | undefined;
      if (data === undefined) throw new MissingNode(level, at / ITEM + 1, hash.toString('hex'));
      parts.push(data);
      size += data.length;
    }
    list = Buffer.concat(parts, size);
  }
  return list;
}

/** The tree stored in an owner's row (`levels`, `root` columns), or the empty list where there is none. */
export function treeOf(row: { levels: unknown; root: unknown } | undefined): ListTree {
  if (row === undefined) return { levels: 0, root: Buffer.alloc(0) };
  const root = Buffer.isBuffer(row.root) ? row.root : Buffer.from(String(row.root), 'utf8');
  return { levels: Number(row.levels), root };
}
