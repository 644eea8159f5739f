/**
 * The writer thread of a large capture (src/store/capture-thread.ts): its own connection to the
 * archive, one IMMEDIATE transaction from `begin` to `end`, and the row batches the main thread
 * encodes and hashes meanwhile, with the hash list over them. The rows are those recordCapture
 * (capture-write.ts) writes; the original's are stored after the messages'.
 */
import { phraseData } from '../i18n/message.js';
import { ChatproofError } from '../core/errors.js';
import type Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { FromWriter, ThreadError, ToWriter } from './capture-thread.js';
import { beginCapture, CaptureRows, finishCapture, type CaptureHead } from './capture-write.js';
import type { RowBatch } from './message-rows.js';
import { ChunkWriter } from './blobs/chunk-store.js';
import { finishReadyOriginal, storeReadyChunks } from './blobs/prepared.js';
import { openArchiveDb } from './open-archive.js';

const port = parentPort!;

let sqlite: Database.Database | null = null;
let writer: CaptureRows | null = null;
let begun: { head: CaptureHead; extraShas: string[]; room: ReturnType<typeof beginCapture>; chunks: ChunkWriter } | null = null;
let failed = false;

function send(message: FromWriter): void {
  port.postMessage(message, handedOver(message));
}

/**
 * Memory that moves to the main thread instead of being copied: a batch buffer going back, and
 * the hash list (6.4 MB at 200k messages) once this thread is done with it. A buffer from Node's
 * shared pool (only for lists under 4 KiB) is copied, as it is not this list's alone.
 */
function handedOver(message: FromWriter): ArrayBuffer[] {
  if (message.type === 'ack') return [message.buffer];
  if (message.type !== 'done') return [];
  const list = message.result.messageHashes;
  return list !== null && list.byteOffset === 0 && list.buffer.byteLength >= 4096 && list.buffer instanceof ArrayBuffer ? [list.buffer] : [];
}

function close(): void {
  if (sqlite === null) return;
  if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  sqlite.close();
  sqlite = null;
}

/**
 * Page cache for a capture of `total` messages, in KiB: ~32 bytes a message, which keeps the
 * messages table's key index in memory while random 32-byte keys land all over it. SQLite's 2 MB
 * default made a 1M-message import spill and re-read index pages: 10.5 s against 8.2 s with 32 MB
 * (docs/performance.md). Never below the default, at most 64 MB.
 */
function cacheKiB(total: number): number {
  return Math.min(64 * 1024, Math.max(2000, Math.ceil((total * 32) / 1024)));
}

function asThreadError(e: unknown): ThreadError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const { code } = e as { code?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(e instanceof ChatproofError ? { text: phraseData(e.text) } : {}),
    ...(e instanceof ChatproofError && e.whereText !== undefined ? { where: phraseData(e.whereText) } : {}),
    ...(e instanceof ChatproofError && e.hintText !== undefined ? { hint: phraseData(e.hintText) } : {}),
    ...(e.stack === undefined ? {} : { stack: e.stack }),
  };
}

function handle(message: ToWriter): void {
  switch (message.type) {
    case 'begin': {
      sqlite = openArchiveDb(message.setup.path, { busyTimeoutMs: message.setup.busyTimeoutMs }).sqlite;
      sqlite.exec('BEGIN IMMEDIATE');
      // The original is stored after the rows, from chunks the main thread makes ready meanwhile
      // (blobs/prepared.ts); the extra blobs (small) are stored now.
      const room = beginCapture(sqlite, message.head, null, new Map(message.extra));
      sqlite.pragma(`cache_size = -${cacheKiB(message.total)}`);
      begun = { head: message.head, extraShas: message.extra.map(([sha]) => sha), room, chunks: new ChunkWriter(sqlite) };
      writer = new CaptureRows(sqlite, room, message.total);
      send({ type: 'begun' });
      return;
    }
    case 'rows': {
      const b = message.batch;
      // Views over the transferred memory, as the main thread's Buffers were.
      const batch: RowBatch = { ...b, bytes: Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength) };
      writer!.write(batch);
      send({ type: 'ack', buffer: b.bytes.buffer as ArrayBuffer });
      return;
    }
    case 'chunks':
      storeReadyChunks(begun!.chunks, begun!.head.raw, message.chunks);
      send({ type: 'stored' });
      return;
    case 'end': {
      const written = writer!.finish(message.encoded);
      finishReadyOriginal(sqlite!, begun!.head.raw, message.original);
      const result = finishCapture(sqlite!, begun!.head, message.meta, begun!.room, message.original.sha256, begun!.extraShas, written);
      sqlite!.exec('COMMIT');
      close();
      send({ type: 'done', result });
      return;
    }
    case 'abort':
      close();
      send({ type: 'aborted' });
      return;
  }
}

port.on('message', (message: ToWriter) => {
  // After a failure the main thread may still be sending rows: they belong to the rolled-back capture.
  if (failed) return;
  try {
    handle(message);
  } catch (e) {
    failed = true;
    try {
      close();
    } catch {
      // The rollback's own failure (a vanished disk) adds nothing to the error being reported.
    }
    send({ type: 'failed', error: asThreadError(e) });
  }
});
