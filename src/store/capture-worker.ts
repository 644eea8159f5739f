/**
 * The writer thread of a large capture (src/store/capture-thread.ts): its own connection to the
 * archive, one IMMEDIATE transaction from `begin` to `end`, and the row batches the main thread
 * encodes and hashes meanwhile, with the hash list and Merkle tree over them. The SQL is that of recordCapture (capture-write.ts), step for step.
 */
import type Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { FromWriter, ThreadError, ToWriter } from './capture-thread.js';
import { beginCapture, finishCapture, RowWriter, type CaptureHead, type RowBatch } from './capture-write.js';
import { openArchiveDb } from './open-archive.js';

const port = parentPort!;

let sqlite: Database.Database | null = null;
let writer: RowWriter | null = null;
let begun: { head: CaptureHead; rawSha256: string; extraShas: string[]; room: ReturnType<typeof beginCapture> } | null = null;
let failed = false;

function send(message: FromWriter): void {
  port.postMessage(message, message.type === 'ack' ? [message.buffer] : []);
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
 * (issue 8, docs/performance.md). Never below the default, at most 64 MB.
 */
function cacheKiB(total: number): number {
  return Math.min(64 * 1024, Math.max(2000, Math.ceil((total * 32) / 1024)));
}

function asThreadError(e: unknown): ThreadError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const { code, hint } = e as { code?: unknown; hint?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof hint === 'string' ? { hint } : {}),
    ...(e.stack === undefined ? {} : { stack: e.stack }),
  };
}

function handle(message: ToWriter): void {
  switch (message.type) {
    case 'begin': {
      sqlite = openArchiveDb(message.setup.path, { busyTimeoutMs: message.setup.busyTimeoutMs }).sqlite;
      sqlite.pragma(`cache_size = -${cacheKiB(message.total)}`);
      sqlite.exec('BEGIN IMMEDIATE');
      const room = beginCapture(sqlite, message.head, message.rawSha256, new Map(message.extra));
      begun = { head: message.head, rawSha256: message.rawSha256, extraShas: message.extra.map(([sha]) => sha), room };
      writer = new RowWriter(sqlite, message.total);
      send({ type: 'begun' });
      return;
    }
    case 'rows': {
      const b = message.batch;
      // Views over the transferred memory, as the main thread's Buffers were.
      const batch: RowBatch = { bytes: Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength), rows: b.rows, count: b.count };
      writer!.write(batch);
      send({ type: 'ack', buffer: b.bytes.buffer as ArrayBuffer });
      return;
    }
    case 'end': {
      const written = writer!.finish(message.encoded);
      const result = finishCapture(sqlite!, begun!.head, begun!.room, begun!.rawSha256, begun!.extraShas, written);
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
