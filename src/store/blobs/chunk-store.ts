import type Database from 'better-sqlite3';
import { deflateSync, inflateSync } from 'node:zlib';
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
    // Asked first, so a chunk already kept is neither compressed nor written again.
    if (this.exists.get(hash) === undefined) this.insert.run(hash, bytes.length, encodeChunk(bytes));
    return hash;
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
