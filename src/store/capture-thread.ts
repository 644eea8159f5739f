import Database from 'better-sqlite3';
import { phraseFromData, type PhraseData } from '../i18n/message.js';
import type { Worker } from 'node:worker_threads';
import { ArchiveError } from '../core/errors.js';
import { messageBound } from '../core/types.js';
import { workerScript, workerThreads } from '../threads.js';
import {
  extraBlobsBySha,
  metaOf,
  PROGRESS_EVERY,
  type CaptureHead,
  type Meta,
  type CaptureProgress,
  type NewCapture,
  type RecordedCapture,
} from './capture-write.js';
import { MessageEncoder, type Encoded, type RowBatch } from './message-rows.js';
import { OriginalPreparer, transferable, type KeptAlready, type ReadyChunks, type ReadyOriginal } from './blobs/prepared.js';

/**
 * Large captures are written by two threads: this one turns messages into canonical forms and
 * hashes and keeps the Merkle tree over them (MessageEncoder), and cuts and hashes the original
 * while it waits (blobs/prepared.ts), while a writer thread (capture-worker.ts) holds the write
 * transaction, inserts the rows, keeps the hash list (RowWriter), and compresses and inserts the
 * original's chunks it does not hold yet. On one thread the inserts and the commit were ~40 % of
 * importing 200k messages (docs/performance.md). What lands is what recordCapture writes
 * (test/store/capture-thread.test.ts); the original's rows come after the messages' here.
 */

/**
 * From this many messages the writer thread pays for its start-up (~40 ms; measured crossover
 * about 40k messages, docs/performance.md).
 */
export const THREAD_FROM = 40_000;

/**
 * The writer thread's young generation, in MB. Its heap holds little (the batches arrive as
 * transferred buffers, off the heap), but V8 let its young generation grow to its default size
 * from the garbage of binding 1M rows: a 1M-message LINE import peaked at 433 MiB with the
 * default and 407 MiB with 8 MB, for the same CPU time (docs/performance.md).
 */
const WRITER_YOUNG_MB = 8;

/** Batches (512 KiB each) encoded but not yet inserted: enough to keep the writer busy, little memory. */
const MAX_IN_FLIGHT = 4;

export interface WriterSetup {
  readonly path: string;
  readonly busyTimeoutMs: number;
}

export type ToWriter =
  | {
      readonly type: 'begin';
      readonly setup: WriterSetup;
      readonly head: CaptureHead;
      readonly extra: readonly (readonly [string, Uint8Array])[];
      readonly total: number;
    }
  | { readonly type: 'rows'; readonly batch: RowBatch }
  /** Chunks of the original, made ready by this thread while it waited (blobs/prepared.ts). */
  | { readonly type: 'chunks'; readonly chunks: ReadyChunks }
  | { readonly type: 'end'; readonly encoded: Encoded; readonly meta: Meta; readonly original: ReadyOriginal }
  | { readonly type: 'abort' };

/**
 * An error crossing threads loses its class: what is needed to make it again. A chatproof error
 * carries its catalog message (`text`, `where`, `hint`), so it is rebuilt in every language.
 */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly text?: PhraseData;
  readonly where?: PhraseData | string;
  readonly hint?: PhraseData;
  readonly stack?: string;
}

export type FromWriter =
  /** The write lock is held and the room is known. */
  | { readonly type: 'begun' }
  /** A batch is written; its buffer comes back for a later batch. */
  | { readonly type: 'ack'; readonly buffer: ArrayBuffer }
  /** A message of the original's chunks is stored. */
  | { readonly type: 'stored' }
  | { readonly type: 'done'; readonly result: RecordedCapture }
  | { readonly type: 'aborted' }
  | { readonly type: 'failed'; readonly error: ThreadError };

/** The writer's error as the class the CLI's edge maps to an exit code (asArchiveError, exit-codes.ts). */
function rebuild(e: ThreadError): Error {
  let error: Error;
  if (e.name === 'ArchiveError' && e.text !== undefined) {
    error = new ArchiveError(phraseFromData(e.text), {
      ...(e.where === undefined ? {} : { where: phraseFromData(e.where) }),
      ...(e.hint === undefined ? {} : { hint: phraseFromData(e.hint) }),
    });
  } else if (e.name === 'SqliteError' && e.code !== undefined) error = new Database.SqliteError(e.message, e.code);
  else {
    error = new Error(e.message);
    error.name = e.name;
  }
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

/** The main thread's end of one writer thread, for one capture. */
export class WriterThread {
  private readonly worker: Worker;
  private inFlight = 0;
  /** Messages of the original's chunks posted and not yet stored. */
  private chunksInFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private used = false;
  private begun = false;
  private encoder: MessageEncoder | null = null;
  private readonly outcome: Promise<RecordedCapture | null>;

  static start(): WriterThread {
    return new WriterThread();
  }

  private constructor() {
    this.worker = new (workerThreads().Worker)(workerScript(import.meta.url, 'capture-worker.js'), {
      resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_MB },
    });
    this.outcome = new Promise((resolve, reject) => {
      this.worker.on('message', (m: FromWriter) => {
        if (m.type === 'begun') this.begun = true;
        else if (m.type === 'stored') this.chunksInFlight--;
        else if (m.type === 'ack') {
          this.inFlight--;
          this.encoder?.recycle(m.buffer);
        }
        // The hash list arrives as a plain Uint8Array: a Buffer over the same memory.
        else if (m.type === 'done') {
          const list = m.result.messageHashes;
          resolve({ ...m.result, messageHashes: list === null ? null : Buffer.from(list.buffer, list.byteOffset, list.byteLength) });
        } else if (m.type === 'aborted') resolve(null);
        else this.fail(rebuild(m.error), reject);
        this.wakeUp();
      });
      this.worker.on('error', (e) => this.fail(e, reject));
      this.worker.on('exit', (code) => this.fail(new Error(`the archive's writer thread stopped (exit code ${code}) before the capture was stored`), reject));
    });
    // Rejections are read through `record`; this keeps an early one from counting as unhandled.
    this.outcome.catch(() => undefined);
  }

  /**
   * recordCapture with the inserts in this thread: one capture, whole or not at all (docs/design/evidence-model.md P8). The
   * archive at `setup.path` must be migrated already (the caller has it open). Once per thread.
   * `kept`: what the archive holds, as the caller's connection sees it, so that an original or a
   * chunk kept already is not cut or compressed again here (the writer checks again either way).
   */
  async record(setup: WriterSetup, input: NewCapture, progress?: CaptureProgress, kept: KeptAlready | null = null): Promise<RecordedCapture> {
    if (this.used) throw new Error('a writer thread records one capture');
    this.used = true;
    try {
      const { messages, meta: _later, ...head } = input;
      const n = messageBound(messages);
      // The original bytes are copied to the writer, unless they are in shared memory (as
      // src/cli/read-input.ts reads files): then both threads see the same bytes.
      this.post({ type: 'begin', setup, head, extra: [...extraBlobsBySha(input)], total: n });
      const encoder = new MessageEncoder(input, (batch) => this.post({ type: 'rows', batch }));
      this.encoder = encoder;
      // The original's hashing, cutting and deflating is done here while the writer is busy,
      // which it is for most of an import: the writer then only inserts the chunks.
      const original = new OriginalPreparer(input.raw, kept);
      // No more than MAX_IN_FLIGHT of its messages wait in the writer's queue: made faster than
      // they are stored, the whole original's deflated chunks queued there (+60 MiB at 1M).
      const spare = (): boolean => {
        if (this.chunksInFlight >= MAX_IN_FLIGHT) return false;
        const worked = original.step();
        this.postChunks(original);
        return worked;
      };
      try {
        await this.untilBegun(spare);
        let i = 0;
        for (const m of messages) {
          encoder.add(m);
          if (this.inFlight >= MAX_IN_FLIGHT || this.failure !== null) await this.room(spare);
          if (progress && i % PROGRESS_EVERY === 0) progress('store', i, n);
          i++;
        }
        const ready = original.finish();
        this.postChunks(original);
        this.post({ type: 'end', encoded: encoder.finish(), meta: metaOf(input), original: ready });
      } catch (e) {
        await this.abort();
        throw e;
      }
      const result = await this.outcome;
      if (result === null) throw new Error('the capture was rolled back');
      progress?.('store', n, n);
      return result;
    } finally {
      await this.close();
    }
  }

  private async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private post(message: ToWriter): void {
    if (message.type === 'rows') {
      this.inFlight++;
      const { bytes, rows, numbers, sighting } = message.batch;
      const moved = [bytes, rows, numbers, sighting.status, sighting.instants].map((a) => a.buffer as ArrayBuffer);
      this.worker.postMessage(message, moved);
    } else if (message.type === 'chunks') {
      this.worker.postMessage(message, transferable(message.chunks));
    } else {
      this.worker.postMessage(message);
    }
  }

  /** The chunks the preparer made ready, to the writer, which stores them as they come. */
  private postChunks(original: OriginalPreparer): void {
    const chunks = original.take();
    if (chunks === null) return;
    this.chunksInFlight++;
    this.post({ type: 'chunks', chunks });
  }

  /** Waits for the writer to hold the lock, doing `spare` work meanwhile. */
  private async untilBegun(spare: () => boolean): Promise<void> {
    await this.until(() => this.begun, spare);
  }

  /** Resolves once the writer has room for more rows, doing `spare` work meanwhile; throws what made it stop. */
  private async room(spare: () => boolean): Promise<void> {
    await this.until(() => this.inFlight < MAX_IN_FLIGHT, spare);
  }

  /**
   * Waits until `ready` or the writer failed. While there is `spare` work (a slice of a few
   * milliseconds at a time) it is done between looks at the writer's messages, which
   * `setImmediate` lets in; then this sleeps until a message wakes it.
   */
  private async until(ready: () => boolean, spare: () => boolean): Promise<void> {
    while (this.failure === null && !ready()) {
      if (spare()) await new Promise<void>((resolve) => setImmediate(resolve));
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure !== null) throw this.failure;
  }

  /** Asks the writer to roll back and waits for it, so no transaction is left open in this process. */
  private async abort(): Promise<void> {
    if (this.failure !== null) return;
    this.post({ type: 'abort' });
    await this.outcome.catch(() => undefined);
  }

  private fail(e: Error, reject: (e: Error) => void): void {
    this.failure ??= e;
    reject(this.failure);
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
