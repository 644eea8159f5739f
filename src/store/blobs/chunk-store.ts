import type Database from 'better-sqlite3';
import { deflateSync, inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type * as Fflate from 'fflate';
import { sha256Bytes } from '../../core/hash.js';

/**
 * Chunks of originals, stored once each, keyed by the SHA-256 of their uncompressed bytes
 * (docs/hashing.md §1).
 *
 * Compressed as the SQLite Archive format does (sqlite's `ext/misc/sqlar.c`): zlib's deflate,
 * kept as it is when that does not make it smaller, so `size` equal to the stored length means
 * "not compressed". The `sqlite3` shell's `sqlar_uncompress(data, size)` reads it back without
 * chatproof (docs/files.md), and every Node chatproof runs on has zlib (zstd is experimental in
 * Node 22). Level 1: a chunk is compressed once, when first seen, and on chat text level 1 keeps
 * ~90 % of level 6's saving at six times the speed (docs/hashing.md §1).
 */
const LEVEL = 1;

export interface StoredChunk {
  readonly size: number;
  readonly data: Buffer;
}

/** The chunk's bytes as they are stored: compressed unless that does not save anything. */
export function encodeChunk(bytes: Uint8Array): Buffer {
  const z = deflateSync(bytes, { level: LEVEL });
  return z.length < bytes.length ? z : Buffer.from(bytes);
}

/** The chunk's own bytes back; throws (zlib's error) when compressed data is damaged. */
export function decodeChunk(c: StoredChunk): Buffer {
  return c.data.length === c.size ? c.data : inflateSync(c.data);
}

/**
 * The chunk's own bytes written into `out`, or null where that did not give exactly `size` bytes.
 * fflate stops at the buffer's end, so an output longer than `size` shows only where `out` has a
 * byte more; where it has not, the caller's SHA-256 check of the bytes is what finds it. zlib's inflateSync makes a new buffer per chunk: 94 MB of garbage
 * per pass over a 1M-message original, which the process kept as resident memory (docs/performance.md).
 * fflate inflates into the caller's buffer. It does not check zlib's Adler-32, so these bytes
 * are only as good as the SHA-256 the caller checks them against; where that fails, or this
 * gives null, decodeChunk (zlib, which checks) says what is wrong, as it always did.
 */
export function decodeChunkInto(c: StoredChunk, out: Uint8Array): Uint8Array | null {
  if (out.length < c.size) return null;
  if (c.data.length === c.size) {
    out.set(c.data);
    return out.subarray(0, c.size);
  }
  try {
    const bytes = fflate().unzlibSync(c.data, { out: out.subarray(0, c.size + 1) });
    return bytes.length === c.size && bytes.buffer === out.buffer ? bytes : null;
  } catch {
    return null;
  }
}

/** fflate, loaded on the first read: compiling it took ~30 ms of every command that stores chunks (import) and never reads them. */
let loaded: typeof Fflate | undefined;
function fflate(): typeof Fflate {
  return (loaded ??= createRequire(import.meta.url)('fflate') as typeof Fflate);
}

/** Writes chunks; one per write transaction (its statements are prepared once). */
export class ChunkWriter {
  private readonly insert: Database.Statement;
  private readonly exists: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare('INSERT INTO chunks (hash, size, data) VALUES (?, ?, ?)');
    this.exists = sqlite.prepare('SELECT 1 FROM chunks WHERE hash = ?').pluck();
  }

  /** Stores the chunk unless a chunk with its hash is already there; returns its hash (32 bytes). */
  put(bytes: Uint8Array): Buffer {
    const hash = sha256Bytes(bytes);
    this.putEncoded(hash, bytes.length, () => encodeChunk(bytes));
    return hash;
  }

  /** Stores a chunk of `size` bytes under `hash` unless one is kept already; `stored` gives its stored form (`encodeChunk`). */
  putEncoded(hash: Buffer, size: number, stored: () => Buffer): void {
    // Asked first, so a chunk already kept is neither compressed nor written again.
    if (this.exists.get(hash) === undefined) this.insert.run(hash, size, stored());
  }
}

/** Reads chunks by hash. */
export class ChunkReader {
  private readonly byHash: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.byHash = sqlite.prepare('SELECT size, data FROM chunks WHERE hash = ?');
  }

  get(hash: Buffer): StoredChunk | undefined {
    return this.byHash.get(hash) as StoredChunk | undefined;
  }
}
