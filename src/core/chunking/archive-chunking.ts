import { ARCHIVE_CHUNKER, chunks } from './fastcdc.js';

/**
 * How the archive cuts an original into chunks (docs/hashing.md §1): its head — the bytes up to
 * and including the first blank line, where one ends within the first HEAD_MAX bytes — is a chunk
 * of its own, and the rest is cut by FastCDC (`ARCHIVE_CHUNKER`).
 *
 * Why the head: a chat export starts with a header that changes with every export (LINE's
 * `保存日時` line, before the first blank line), and FastCDC's first chunk is at least 4 KiB, so a
 * daily re-export stored its first ~16 KiB again every day (~3.4 KB deflated, docs/performance.md)
 * for a date of 16 bytes. Cut off, the header costs its own ~100 bytes and the chunks after it are
 * shared as before. A file with no blank line that early (Chatwork's JSON, a paste) is cut by
 * FastCDC alone, exactly as before.
 */
export const HEAD_MAX = 1024;

export interface Chunking {
  /** Stored in `blobs.chunker`: which cut an original's chunks follow. */
  readonly name: string;
  /** No chunk is longer (what a reader sets aside for one). */
  readonly maxSize: number;
  chunks(bytes: Uint8Array): Iterable<Uint8Array>;
}

export const ARCHIVE_CHUNKING: Chunking = {
  name: `head${HEAD_MAX}+${ARCHIVE_CHUNKER.name}`,
  maxSize: ARCHIVE_CHUNKER.maxSize,
  *chunks(bytes) {
    const head = headEnd(bytes);
    if (head > 0) yield bytes.subarray(0, head);
    yield* chunks(bytes.subarray(head), ARCHIVE_CHUNKER);
  },
};

/**
 * The names of every way chatproof has cut originals: an original keeps the chunks it was stored
 * with (FastCDC alone, from migration 0003 until the head was cut off), and `verify` accepts them.
 */
export const KNOWN_CHUNKINGS: readonly string[] = [ARCHIVE_CHUNKING.name, ARCHIVE_CHUNKER.name];

/** Where the head ends (exclusive): after the first LF LF or CR LF CR LF that ends within HEAD_MAX bytes; 0 where there is none. */
export function headEnd(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, HEAD_MAX);
  for (let i = 0; i + 1 < end; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (i + 2 < end && bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return 0;
}
