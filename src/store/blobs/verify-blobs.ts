import type Database from 'better-sqlite3';
import { msg, type Phrase } from '../../i18n/message.js';
import { createHash } from 'node:crypto';
import { ARCHIVE_CHUNKING, KNOWN_CHUNKINGS } from '../../core/chunking/archive-chunking.js';
import { sha256Bytes } from '../../core/hash.js';
import type { Problem } from '../verify-types.js';
import type { CheckedNodes } from '../lists/verify-trees.js';
import { decodeChunk } from './chunk-store.js';

/**
 * A reference to an original is satisfied by a row keyed so (if its bytes are damaged, that row
 * was already reported), by a row whose bytes hash so (if only its key was changed), or by chunk
 * rows listed under that key (if only the blobs row's key was changed).
 */
export interface BlobIndex {
  readonly count: number;
  has(sha256: string): boolean;
}

interface ChunkRow {
  rowid: number;
  hash: unknown;
  size: unknown;
  data: unknown;
}

/**
 * `verify` of the originals: every chunk re-hashed once, every original's chunk list put together
 * from its tree (`nodes`, which re-hashes each node once), its chunks joined in order and hashed as
 * a stream, and one finding per damaged column: a damaged chunk is named, not also every original
 * that holds it.
 */
export function verifyOriginals(sqlite: Database.Database, problems: Problem[], nodes: CheckedNodes): BlobIndex {
  const chunks = new ChunkChecker(sqlite, problems);
  const rootOf = sqlite.prepare('SELECT levels, root FROM blob_chunk_roots WHERE blob_sha256 = ?');
  const keys = new Set<string>();
  const byContent = new Set<string>();
  const rows = sqlite.prepare('SELECT sha256, size, chunker FROM blobs').all() as { sha256: string; size: number; chunker: string }[];
  for (const { sha256, size, chunker } of rows) {
    keys.add(sha256);
    if (!KNOWN_CHUNKINGS.includes(chunker))
      problems.push({
        kind: 'blob-chunker-unknown',
        where: msg('vp.row-column', { table: 'blobs', id: sha256, column: 'chunker' }),
        expected: ARCHIVE_CHUNKING.name,
        actual: String(chunker),
      });
    const whole = createHash('sha256');
    let total = 0;
    let broken = false;
    const root = (rootOf.get(sha256) as { levels: unknown; root: unknown } | undefined) ?? { levels: 0, root: Buffer.alloc(0) };
    const list = nodes.assemble({ table: 'blob_chunk_roots', id: sha256 }, root);
    if (list === null) continue;
    for (let seq = 0; seq * 32 < list.length; seq++) {
      const bytes = chunks.bytesOf(list.subarray(seq * 32, seq * 32 + 32), msg('vp.blob-chunk', { sha256, n: seq + 1 }));
      if (bytes === null) {
        broken = true;
        break;
      }
      whole.update(bytes);
      total += bytes.length;
    }
    if (broken) continue;
    const actual = whole.digest('hex');
    byContent.add(actual);
    if (actual !== sha256) problems.push({ kind: 'blob-hash-mismatch', where: msg('vp.blob-assembled', { sha256 }), expected: sha256, actual });
    else if (size !== total)
      problems.push({ kind: 'blob-size-mismatch', where: msg('vp.row', { table: 'blobs', id: sha256 }), expected: String(total), actual: String(size) });
  }
  chunks.checkTheRest();
  const listed = new Set(sqlite.prepare('SELECT blob_sha256 FROM blob_chunk_roots').pluck().all() as string[]);
  return { count: rows.length, has: (sha) => keys.has(sha) || byContent.has(sha) || listed.has(sha) };
}

/** Each chunk row checked once (by rowid), whichever original reaches it first; the rest at the end. */
class ChunkChecker {
  /** The SHA-256 (hex) of each checked row's bytes, by rowid; '' when they could not be read. */
  private readonly checked = new Map<number, string>();
  private readonly byKey: Database.Statement;
  private byContent: Map<string, number> | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly problems: Problem[],
  ) {
    this.byKey = sqlite.prepare('SELECT rowid, hash, size, data FROM chunks WHERE hash = ?');
  }

  /** The chunk's bytes, or null when it is missing or damaged (and then reported once). */
  bytesOf(hash: unknown, where: Phrase): Buffer | null {
    const key = Buffer.isBuffer(hash) ? hash : Buffer.from(String(hash));
    const row = (this.byKey.get(key) as ChunkRow | undefined) ?? this.movedRow(key);
    if (row === undefined) {
      this.problems.push({ kind: 'chunk-missing', where, expected: key.toString('hex'), actual: msg('vp.not-stored') });
      return null;
    }
    const read = this.check(row);
    return read !== null && read.actual === key.toString('hex') ? read.bytes : null;
  }

  /** A chunk row whose key was changed, found by its content (the row itself is reported by `check`). */
  private movedRow(key: Buffer): ChunkRow | undefined {
    if (this.byContent === undefined) {
      this.byContent = new Map();
      const all = this.sqlite.prepare('SELECT rowid, size, data FROM chunks').all() as ChunkRow[];
      for (const r of all) {
        const bytes = decodeOrNull(r);
        if (bytes !== null) this.byContent.set(sha256Bytes(bytes).toString('hex'), r.rowid);
      }
    }
    const rowid = this.byContent.get(key.toString('hex'));
    return rowid === undefined ? undefined : (this.sqlite.prepare('SELECT rowid, hash, size, data FROM chunks WHERE rowid = ?').get(rowid) as ChunkRow);
  }

  /** Decompresses the row; re-hashes it and reports what is wrong the first time only. Null when it cannot be read. */
  private check(row: ChunkRow): { bytes: Buffer; actual: string } | null {
    const bytes = decodeOrNull(row);
    const known = this.checked.get(row.rowid);
    if (known !== undefined) return bytes === null ? null : { bytes, actual: known };
    const key = Buffer.isBuffer(row.hash) ? row.hash.toString('hex') : String(row.hash);
    const where = msg('vp.row', { table: 'chunks', id: key });
    if (bytes === null) {
      this.checked.set(row.rowid, '');
      this.problems.push({
        kind: 'chunk-damaged',
        where: msg('vp.row-column', { table: 'chunks', id: key, column: 'data' }),
        expected: msg('vp.deflate.expected', { bytes: String(row.size) }),
        actual: msg('vp.not-decompressible'),
      });
      return null;
    }
    const actual = sha256Bytes(bytes).toString('hex');
    this.checked.set(row.rowid, actual);
    if (actual !== key) this.problems.push({ kind: 'chunk-hash-mismatch', where, expected: key, actual });
    else if (row.size !== bytes.length) this.problems.push({ kind: 'chunk-size-mismatch', where, expected: String(bytes.length), actual: String(row.size) });
    return { bytes, actual };
  }

  /** Chunks no original reached (left by a damaged list, or a changed key) are checked too. */
  checkTheRest(): void {
    const rowids = this.sqlite.prepare('SELECT rowid FROM chunks').pluck().all() as number[];
    const get = this.sqlite.prepare('SELECT rowid, hash, size, data FROM chunks WHERE rowid = ?');
    for (const rowid of rowids) if (!this.checked.has(rowid)) this.check(get.get(rowid) as ChunkRow);
  }
}

function decodeOrNull(row: ChunkRow): Buffer | null {
  if (!Buffer.isBuffer(row.data) || typeof row.size !== 'number') return null;
  try {
    return decodeChunk({ size: row.size, data: row.data });
  } catch {
    return null;
  }
}
