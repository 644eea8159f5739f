import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ARCHIVE_CHUNKING } from '../../core/chunking/archive-chunking.js';
import { sha256Bytes } from '../../core/hash.js';
import { ChunkWriter, encodeChunk } from './chunk-store.js';
import { putChunkList, storeChunked } from './originals.js';

/**
 * An original made ready for storing by one thread while another holds the write lock: a large
 * capture's writer thread (store/capture-thread.ts) sets the pace of an import, and the main
 * thread waits on it for much of it (docs/performance.md, "The import, fifth round"). So the main
 * thread does the original's work in slices while it waits — its SHA-256, the FastCDC cut, each
 * chunk's hash — and the writer inserts what it is handed (`storeReadyChunks`,
 * `finishReadyOriginal`), compressing the chunks it does not hold yet. What lands is what
 * `putOriginal` stores, row for row. The deflate stays with the writer: done in the main thread it
 * raised a 1M-message import's peak by ~55 MiB (zlib's working memory, allocated and freed per
 * chunk, beside the parse's).
 */

/** Whether the archive holds an original already, as the preparing thread's own connection sees it: a hint only, the writer asks again under its lock. */
export type KeptAlready = (sha256: string) => boolean;

export function keptIn(sqlite: Database.Database): KeptAlready {
  const original = sqlite.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
  return (sha256) => original.get(sha256) !== undefined;
}

/**
 * Chunks of the original, in order, in two buffers that move to the writer thread without a copy
 * (`transferable`): chunk i is bytes `ends[i - 1]` (`from` for the first) to `ends[i]` of the
 * original, and its SHA-256 is bytes 32·i to 32·i + 32 of `hashes`.
 */
export interface ReadyChunks {
  readonly from: number;
  readonly ends: Float64Array;
  readonly hashes: Uint8Array;
}

/** The buffers of `chunks`, to be handed over rather than copied. */
export function transferable(chunks: ReadyChunks): ArrayBuffer[] {
  return [chunks.ends.buffer as ArrayBuffer, chunks.hashes.buffer as ArrayBuffer];
}

/** The whole original's key, and its chunk hashes in order; null where it seemed stored already (nothing was cut). */
export interface ReadyOriginal {
  readonly sha256: string;
  readonly chunkHashes: Uint8Array | null;
}

/** About this many bytes of the original a step: ~10 ms, so the waiting thread answers its writer soon, and a message to it a MiB. */
const SLICE = 1024 * 1024;

export class OriginalPreparer {
  private readonly whole = createHash('sha256');
  private hashed = 0;
  private sha256: string | null = null;
  private cut: Iterator<Uint8Array> | null = null;
  private at = 0;
  private readonly hashes: Buffer[] = [];
  /** Where the chunks not yet taken start, and their ends. */
  private from = 0;
  private ends: number[] = [];
  private done = false;
  private kept = false;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly already: KeptAlready | null,
  ) {}

  /** Does about a slice of the work; false when there was none left to do. */
  step(): boolean {
    if (this.done) return false;
    if (this.sha256 === null) {
      const end = Math.min(this.bytes.length, this.hashed + SLICE);
      this.whole.update(this.bytes.subarray(this.hashed, end));
      this.hashed = end;
      if (end < this.bytes.length) return true;
      this.sha256 = this.whole.digest('hex');
      this.kept = this.already?.(this.sha256) ?? false;
      if (this.kept) this.done = true;
      else this.cut = ARCHIVE_CHUNKING.chunks(this.bytes)[Symbol.iterator]();
      return true;
    }
    for (let sliced = 0; sliced < SLICE;) {
      const next = this.cut!.next();
      if (next.done === true) {
        this.done = true;
        break;
      }
      const chunk = next.value;
      const hash = sha256Bytes(chunk);
      this.hashes.push(hash);
      this.at += chunk.length;
      this.ends.push(this.at);
      sliced += chunk.length;
    }
    return true;
  }

  /** The chunks made ready since the last call, in order; null when there are none. */
  take(): ReadyChunks | null {
    if (this.ends.length === 0) return null;
    const taken = this.hashes.length - this.ends.length;
    const hashes = new Uint8Array(this.ends.length * 32);
    for (let i = 0; i < this.ends.length; i++) hashes.set(this.hashes[taken + i]!, i * 32);
    const ready = { from: this.from, ends: Float64Array.from(this.ends), hashes };
    this.from = this.at;
    this.ends = [];
    return ready;
  }

  /** Does what is left; the chunks not yet taken are still to be taken. */
  finish(): ReadyOriginal {
    while (this.step());
    return { sha256: this.sha256!, chunkHashes: this.kept ? null : Buffer.concat(this.hashes) };
  }
}

/** Under the writer's lock: chunks cut elsewhere, each compressed and stored unless kept already. */
export function storeReadyChunks(writer: ChunkWriter, original: Uint8Array, chunks: ReadyChunks): void {
  const hashes = asBuffer(chunks.hashes);
  let start = chunks.from;
  chunks.ends.forEach((end, i) => {
    const bytes = original.subarray(start, end);
    writer.putEncoded(hashes.subarray(i * 32, i * 32 + 32), bytes.length, () => encodeChunk(bytes));
    start = end;
  });
}

/**
 * Under the writer's lock, once every chunk is stored: the blobs row and the chunk list, unless the
 * original is kept already. Where the preparing thread thought it kept and cut nothing, but it is
 * not, it is stored here whole (`storeChunked`), as `putOriginal` would.
 */
export function finishReadyOriginal(sqlite: Database.Database, original: Uint8Array, ready: ReadyOriginal): void {
  if (sqlite.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(ready.sha256) !== undefined) return;
  if (ready.chunkHashes === null) {
    storeChunked(sqlite, ready.sha256, original.length, original);
    return;
  }
  sqlite.prepare('INSERT INTO blobs (sha256, size, chunker) VALUES (?, ?, ?)').run(ready.sha256, original.length, ARCHIVE_CHUNKING.name);
  putChunkList(sqlite, ready.sha256, asBuffer(ready.chunkHashes));
}

/** better-sqlite3 binds a Buffer, not a bare Uint8Array (what a Buffer becomes on its way to another thread). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
