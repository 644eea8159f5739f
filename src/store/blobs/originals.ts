import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ARCHIVE_CHUNKING } from '../../core/chunking/archive-chunking.js';
import { ArchiveError, IntegrityError } from '../../core/errors.js';
import { sha256Bytes, sha256Hex } from '../../core/hash.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { levelsOk, loadTree, MissingNode, storeTree, treeOf } from '../lists/tree.js';
import { ChunkReader, ChunkWriter, decodeChunk, decodeChunkInto, type StoredChunk } from './chunk-store.js';

/**
 * Originals (docs/design/evidence-model.md P1: the exact bytes imported, attached or received) as ordered lists of chunks cut
 * by FastCDC after the file's header (core/chunking/archive-chunking.ts), so that a re-export of a grown chat stores only the chunks it does not share with
 * what is already kept (docs/hashing.md §1). The original's SHA-256 over its whole bytes stays its key:
 * `sha256sum FILE` still gives it. The list of an original's chunk hashes is itself kept as a
 * content-defined tree (lists/tree.ts), its root in the original's `blob_chunk_roots` row, so that a
 * re-export does not name all its chunks again. This folder is the only place that knows originals are chunked.
 */

/** Stores `bytes` once under their SHA-256; an original already kept is not written again. Inside the caller's write transaction. */
export function putOriginal(sqlite: Database.Database, bytes: Uint8Array, sha256: string = sha256Hex(bytes)): string {
  if (sqlite.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256) !== undefined) return sha256;
  storeChunked(sqlite, sha256, bytes.length, bytes);
  return sha256;
}

/**
 * The blobs row and its chunk list. `sha256` and `size` are written as given: the migration of an
 * older archive keeps a damaged row's key and size as they were, so `verify` still reports it.
 */
export function storeChunked(sqlite: Database.Database, sha256: string, size: number, bytes: Uint8Array): void {
  const writer = new ChunkWriter(sqlite);
  sqlite.prepare('INSERT INTO blobs (sha256, size, chunker) VALUES (?, ?, ?)').run(sha256, size, ARCHIVE_CHUNKING.name);
  const hashes: Buffer[] = [];
  for (const chunk of ARCHIVE_CHUNKING.chunks(bytes)) hashes.push(writer.put(chunk));
  putChunkList(sqlite, sha256, Buffer.concat(hashes));
}

/** Stores an original's list of chunk hashes (32 bytes each, in order) as a tree, its root in `blob_chunk_roots`. */
export function putChunkList(sqlite: Database.Database, sha256: string, hashes: Buffer): void {
  const { levels, root } = storeTree(sqlite, hashes, 'chunks');
  sqlite.prepare('INSERT INTO blob_chunk_roots (blob_sha256, levels, root) VALUES (?, ?, ?)').run(sha256, levels, root);
}

/** The original's chunk hashes in order (the empty list where it has no root row); an IntegrityError where its tree names a node not stored. */
export function readChunkList(sqlite: Database.Database, sha256: string): Buffer {
  const tree = treeOf(
    sqlite.prepare('SELECT levels, root FROM blob_chunk_roots WHERE blob_sha256 = ?').get(sha256) as { levels: unknown; root: unknown } | undefined,
  );
  if (!levelsOk(tree.levels)) throw damaged(sha256, msg('integrity.chunk-list-levels', { levels: String(tree.levels) }));
  try {
    return loadTree(sqlite, tree);
  } catch (e) {
    if (!(e instanceof MissingNode)) throw e;
    throw damaged(sha256, msg('integrity.chunk-list-node-missing', { level: e.level, n: e.n, hash: e.hash }));
  }
}

/** The size its blobs row states (0 where there is none, or it is no size): for planning, never trusted as the bytes'. */
export function originalSize(sqlite: Database.Database, sha256: string): number {
  const size = sqlite.prepare('SELECT size FROM blobs WHERE sha256 = ?').pluck().get(sha256);
  return typeof size === 'number' && size > 0 ? size : 0;
}

export function hasOriginal(sqlite: Database.Database, sha256: string): boolean {
  return sqlite.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256) !== undefined;
}

/**
 * The original's bytes, checked on the way out: each chunk against its own hash, the whole
 * against the key. A damaged archive gives an IntegrityError naming what failed, never bytes
 * that are not the original. `chunkHashes: false` leaves the chunks to the whole's hash, which
 * covers them: for `verify`, which has just re-hashed every chunk (blobs/verify-blobs.ts).
 */
export function readOriginal(sqlite: Database.Database, sha256: string, { chunkHashes = true } = {}): Buffer {
  const row = sqlite.prepare('SELECT size FROM blobs WHERE sha256 = ?').get(sha256) as { size: unknown } | undefined;
  if (!row) throw new ArchiveError(msg('archive.original-missing', { sha256 }), { hint: msg('hint.run-verify') });
  const reader = new ChunkReader(sqlite);
  const list = readChunkList(sqlite, sha256);
  const count = Math.floor(list.length / 32);
  // A damaged size could claim anything: no more is set aside than the chunks can hold.
  const out = new Assembly(Math.min(typeof row.size === 'number' && row.size > 0 ? row.size : 0, count * ARCHIVE_CHUNKING.maxSize));
  const whole = createHash('sha256');
  for (let seq = 0; seq < count; seq++) {
    const hash = list.subarray(seq * 32, seq * 32 + 32);
    const stored = reader.get(hash);
    if (stored === undefined) throw damaged(sha256, msg('integrity.chunk-missing', { n: seq + 1, hash: hash.toString('hex') }));
    const what = (key: 'integrity.chunk-unreadable' | 'integrity.chunk-hash'): Error => damaged(sha256, msg(key, { n: seq + 1, hash: hash.toString('hex') }));
    whole.update(decodeInto(stored, chunkHashes ? hash : null, out, what));
  }
  const actual = whole.digest('hex');
  if (actual !== sha256) {
    throw new IntegrityError(msg('integrity.blob-changed', { sha256, actual }), { where: `blobs row ${sha256}`, hint: msg('hint.run-verify') });
  }
  return out.bytes();
}

/**
 * An original's chunks joined in a buffer of its own, each decoded where it goes, so that a 94 MB
 * original is held once, not also as its chunks or as zlib's garbage (docs/performance.md, verify
 * at 1M). Sized by the blobs row; a row whose size is wrong (`verify` reports it) only costs a
 * copy. Not Buffer.concat: it may hand out a slice of Node's shared pool, and a reader that takes
 * `.buffer` (an ASN.1 parser reading a timestamp token) would then see other bytes around it.
 */
export class Assembly {
  private out: Buffer;
  private at = 0;

  constructor(size: number) {
    this.out = Buffer.allocUnsafeSlow(size);
  }

  /** Where the next `n` bytes go (not yet counted: `append` does). */
  room(n: number): Buffer {
    if (this.at + n > this.out.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.out.length * 2, this.at + n));
      this.out.copy(grown, 0, 0, this.at);
      this.out = grown;
    }
    return this.out.subarray(this.at, this.at + n);
  }

  /** Counts the `n` bytes written into `room(n)`; returns them. */
  append(n: number): Buffer {
    this.at += n;
    return this.out.subarray(this.at - n, this.at);
  }

  add(bytes: Uint8Array): Buffer {
    this.room(bytes.length).set(bytes);
    return this.append(bytes.length);
  }

  bytes(): Buffer {
    if (this.at === this.out.length) return this.out;
    const exact = Buffer.allocUnsafeSlow(this.at);
    this.out.copy(exact, 0, 0, this.at);
    return exact;
  }
}

/**
 * The chunk decoded into `out` (fflate, no garbage), checked against `hash` unless it is null.
 * Where fflate fails, or gives bytes that do not hash so, zlib decodes it as before, so a damaged
 * chunk is named as it always was.
 */
function decodeInto(
  stored: StoredChunk,
  hash: Buffer | null,
  out: Assembly,
  damagedBy: (what: 'integrity.chunk-unreadable' | 'integrity.chunk-hash') => Error,
): Buffer {
  if (stored.size >= 0 && stored.size <= ARCHIVE_CHUNKING.maxSize) {
    const fast = decodeChunkInto(stored, out.room(stored.size));
    if (fast !== null && (hash === null || sha256Bytes(fast).equals(hash))) return out.append(fast.length);
  }
  let bytes: Buffer;
  try {
    bytes = decodeChunk(stored);
  } catch {
    throw damagedBy('integrity.chunk-unreadable');
  }
  if (hash !== null && !sha256Bytes(bytes).equals(hash)) throw damagedBy('integrity.chunk-hash');
  return out.add(bytes);
}

function damaged(sha256: string, what: Phrase): IntegrityError {
  return new IntegrityError(msg('integrity.original-damaged', { sha256, what }), { where: `blobs row ${sha256}`, hint: msg('hint.run-verify') });
}
