/**
 * Forgeries of the lists kept as trees (src/store/lists/tree.ts): each change to a node or a root,
 * made behind the tool's back with the triggers dropped, is exit 5 from `chatproof verify`, naming
 * what it found; the untouched archive passes.
 */
import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Bytes, sha256Hex } from '../../src/core/hash.js';
import { readChunkList } from '../../src/store/blobs/originals.js';
import { readList } from '../../src/store/lists/hash-lists.js';
import { buildTree } from '../../src/store/lists/tree.js';
import { lineExport } from '../reliability/support/line-export.js';
import { cli, tempArchive } from '../support/cli.js';

const tmp = tempArchive();
const pristine = join(tmp.dir, 'pristine.db');
/** Two exports of one growing chat: message lists of 20,000 and 20,100 hashes, originals of ~90 chunks. */
const exports = [20_000, 20_100].map((n) => Buffer.from(lineExport({ title: '木の検証', messages: n, tag: 't' })));

beforeAll(async () => {
  for (const [i, bytes] of exports.entries()) {
    const file = join(tmp.dir, `export-${i}.txt`);
    writeFileSync(file, bytes);
    const r = await cli(['import', file, '--db', pristine]);
    expect(r.code, r.stderr).toBe(0);
  }
  const db = new Database(pristine);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}, 60_000);
afterAll(() => tmp.cleanup());

interface Root {
  id: string;
  levels: number;
  root: Buffer;
}

/** A copy of the pristine archive with `change` made on it, every trigger dropped first. */
function forged(name: string, change: (db: Database.Database) => void): string {
  const file = join(tmp.dir, `${name}.db`);
  copyFileSync(pristine, file);
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`);
    change(db);
  } finally {
    db.close();
  }
  return file;
}

const captureRoots = (db: Database.Database): Root[] =>
  db
    .prepare('SELECT r.capture_id AS id, r.levels, r.root FROM capture_list_roots r JOIN captures c ON c.id = r.capture_id ORDER BY c.entry_seq')
    .all() as Root[];
const setRoot = (db: Database.Database, r: Root): void => {
  db.prepare('UPDATE capture_list_roots SET levels = ?, root = ? WHERE capture_id = ?').run(r.levels, r.root, r.id);
};
/** A level-0 node of a capture's message list: the first piece under the first piece under its root. */
const leafOf = (db: Database.Database, r: Root): Buffer => {
  let hash = r.root.subarray(0, 32);
  for (let level = r.levels - 1; level > 0; level--)
    hash = (db.prepare('SELECT data FROM list_nodes WHERE hash = ?').pluck().get(hash) as Buffer).subarray(0, 32);
  return Buffer.from(hash);
};

async function kindsOf(file: string): Promise<string[]> {
  const r = await cli(['verify', '--db', file, '--json']);
  expect(r.code, r.stdout + r.stderr).toBe(5);
  return r.json<{ problems: { kind: string }[] }>().problems.map((p) => p.kind);
}

describe('verify of the lists kept as trees', () => {
  it('passes the untouched archive, whose lists are trees of two levels or more', async () => {
    const db = new Database(pristine, { readonly: true });
    const roots = captureRoots(db);
    const chunkLevels = db.prepare('SELECT levels FROM blob_chunk_roots').pluck().all() as number[];
    db.close();
    // 20,000 hashes: ~570 pieces of ~35, then ~52 and ~5 of ~11 (tree.ts's two rates).
    expect(roots.map((r) => r.levels)).toEqual([3, 3]);
    expect(Math.min(...chunkLevels)).toBeGreaterThan(0);
    const r = await cli(['verify', '--db', pristine]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("a node's bytes changed: the node is named", async () => {
    const file = forged('node-bytes', (db) => {
      const leaf = leafOf(db, captureRoots(db)[0]!);
      const data = Buffer.from(db.prepare('SELECT data FROM list_nodes WHERE hash = ?').pluck().get(leaf) as Buffer);
      data[40] = data[40]! ^ 0x01;
      db.prepare('UPDATE list_nodes SET data = ? WHERE hash = ?').run(data, leaf);
    });
    expect(await kindsOf(file)).toEqual(['list-node-hash-mismatch']);
  });

  it("a node's key changed: the row is named, and the lists that need it still find it by its bytes", async () => {
    const file = forged('node-key', (db) => {
      const leaf = leafOf(db, captureRoots(db)[0]!);
      db.prepare('UPDATE list_nodes SET hash = ? WHERE hash = ?').run(sha256Bytes(Buffer.from('another key')), leaf);
    });
    expect(await kindsOf(file)).toEqual(['list-node-hash-mismatch']);
  });

  it('a root changed: the piece it names is not stored', async () => {
    const file = forged('root', (db) => {
      const r = captureRoots(db)[0]!;
      const root = Buffer.from(r.root);
      root[5] = root[5]! ^ 0x01;
      setRoot(db, { ...r, root });
    });
    expect(await kindsOf(file)).toEqual(['list-node-missing']);
  });

  it('two pieces swapped in a root: every node whole and stored, but the list is not the one the capture states', async () => {
    const file = forged('swapped', (db) => {
      const r = captureRoots(db)[0]!;
      // The root's first two level-1 pieces swapped: every node is still whole and stored, only the order changes.
      const root = Buffer.concat([r.root.subarray(32, 64), r.root.subarray(0, 32), r.root.subarray(64)]);
      setRoot(db, { ...r, root });
    });
    expect(await kindsOf(file)).toContain('capture-messages-changed');
  });

  it('a piece dropped from the archive: named where a list needs it', async () => {
    const file = forged('dropped', (db) => {
      db.prepare('DELETE FROM list_nodes WHERE hash = ?').run(leafOf(db, captureRoots(db)[1]!));
    });
    expect(await kindsOf(file)).toEqual(['list-node-missing']);
  });

  it('a piece dropped from a list, its root written again without it: the capture is named', async () => {
    const file = forged('dropped-from-root', (db) => {
      const r = captureRoots(db)[1]!;
      setRoot(db, { ...r, root: r.root.subarray(0, r.root.length - 32) });
    });
    expect(await kindsOf(file)).toContain('capture-messages-changed');
  });

  it('a piece dropped from a list, its parent written again under its new hash: a piece the cut rule does not make', async () => {
    const file = forged('dropped-from-parent', (db) => {
      const r = captureRoots(db)[1]!;
      const parent = r.root.subarray(0, 32);
      const data = db.prepare('SELECT data FROM list_nodes WHERE hash = ?').pluck().get(parent) as Buffer;
      const shorter = data.subarray(32);
      const key = sha256Bytes(shorter);
      db.prepare('INSERT OR IGNORE INTO list_nodes (hash, data) VALUES (?, ?)').run(key, shorter);
      setRoot(db, { ...r, root: Buffer.concat([key, r.root.subarray(32)]) });
    });
    const kinds = await kindsOf(file);
    expect(kinds.includes('list-node-shape') || kinds.includes('capture-messages-changed'), kinds.join()).toBe(true);
  });

  it("a capture pointed at another capture's root: the capture is named", async () => {
    const file = forged('other-root', (db) => {
      const [a, b] = captureRoots(db);
      setRoot(db, { ...b!, id: a!.id });
    });
    // The kept room state, derived from the captures, then differs too (and is discarded).
    expect(await kindsOf(file)).toContain('capture-messages-changed');
  });

  it("an original pointed at another original's chunk list: the original is named", async () => {
    const file = forged('other-chunks', (db) => {
      const [a, b] = exports.map((e) => sha256Hex(e));
      const other = db.prepare('SELECT levels, root FROM blob_chunk_roots WHERE blob_sha256 = ?').get(b) as { levels: number; root: Buffer };
      db.prepare('UPDATE blob_chunk_roots SET levels = ?, root = ? WHERE blob_sha256 = ?').run(other.levels, other.root, a);
    });
    expect(await kindsOf(file)).toContain('blob-hash-mismatch');
  });

  it('a level count changed: the list read a level too high or too low, or a count no tree has', async () => {
    const lower = forged('levels-lower', (db) => setRoot(db, { ...captureRoots(db)[0]!, levels: captureRoots(db)[0]!.levels - 1 }));
    // Level 1's nodes read as level 0: pieces of piece hashes, seen by the cut rule of level 0 or by the Merkle root.
    const lowered = await kindsOf(lower);
    expect(lowered.includes('list-node-shape') || lowered.includes('capture-messages-changed'), lowered.join()).toBe(true);
    const higher = forged('levels-higher', (db) => setRoot(db, { ...captureRoots(db)[0]!, levels: captureRoots(db)[0]!.levels + 1 }));
    // Read a level too high, level 0's pieces come up as level 1's, cut at level 1's rate (list-node-shape), or message hashes as node keys (missing).
    const raised = await kindsOf(higher);
    expect(raised.length === 1 && ['list-node-shape', 'list-node-missing'].includes(raised[0]!), raised.join()).toBe(true);
    const none = forged('levels-none', (db) => setRoot(db, { ...captureRoots(db)[0]!, levels: 99 }));
    expect(await kindsOf(none)).toEqual(['list-root-shape']);
  });

  it('a list cut at the other list kind’s rate: the same hashes, the same original and root, but not the tree chatproof makes', async () => {
    for (const [kind, as] of [
      ['chunks', 'messages'],
      ['messages', 'chunks'],
    ] as const) {
      const file = forged(`cut-as-${as}`, (db) => {
        const put = (hash: Buffer, bytes: Buffer): void => void db.prepare('INSERT OR IGNORE INTO list_nodes (hash, data) VALUES (?, ?)').run(hash, bytes);
        if (kind === 'chunks') {
          const sha = sha256Hex(exports[0]!);
          const t = buildTree(readChunkList(db, sha), put, as);
          db.prepare('UPDATE blob_chunk_roots SET levels = ?, root = ? WHERE blob_sha256 = ?').run(t.levels, t.root, sha);
        } else {
          const r = captureRoots(db)[0]!;
          const t = buildTree(readList(db, r.id), put, as);
          setRoot(db, { id: r.id, ...t });
        }
      });
      expect(await kindsOf(file), `${kind} cut as ${as}`).toEqual(['list-node-shape']);
    }
  });
});
