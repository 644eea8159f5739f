import { phraseFromData, type PhraseData } from '../i18n/message.js';
import { workerScript, workerThreads } from '../threads.js';
import type { Job, Parsed } from './reparse-one.js';

export interface ReparseJob {
  readonly path: string;
  /** By original: the ways its captures read it, by key. */
  readonly originals: readonly (readonly [string, readonly (readonly [string, Job])[]])[];
  /** The index of the next original no thread has taken (Atomics.add claims one). */
  readonly next: Int32Array;
}

/** The re-parse thread's old generation, MiB (its young one is 8). */
export const REPARSE_OLD_SPACE_MB = 64;

type ParsedData = Exclude<Parsed, { readonly refused: unknown }> | { readonly refused: PhraseData | string };

export interface ReparseAnswer {
  readonly type: 'done';
  readonly parsed: [string, ParsedData][];
}

/** Messages parsed so far (for the progress bar, while the main thread waits), then the answer. */
export type FromReparse = { readonly type: 'progress'; readonly messages: number } | ReparseAnswer;

/**
 * `verify`'s re-parse of the stored originals in a second thread, beside the main thread's checks
 * of the store: on one thread the two were summed (at 200k messages ~1.3 s of parse after ~1.1 s
 * of checks, docs/performance.md). The answers equal the main thread's (test/app/reparse-thread.test.ts);
 * a thread that fails leaves its originals to the main thread.
 */
export class ReparseThread {
  /** Resolves with what the thread parsed, by key (all of it, or what it did before failing). */
  readonly done: Promise<Map<string, Parsed>>;

  /** `progress`: messages parsed so far, heard while this thread's event loop runs (it waits on `done`). */
  constructor(job: ReparseJob, progress?: (messages: number) => void) {
    const { Worker } = workerThreads();
    // A small young generation: the parse makes a message at a time, all garbage soon, and V8's
    // default let this thread's heap grow by ~18 MB more at 1M messages (docs/performance.md).
    // The old generation capped too: what the streamed parsers hold stays on typed arrays and the
    // original's own buffer (~35 MB of heap parsing a 1M LINE export or a 200k Chatwork list), and
    // uncapped V8 let dead messages fill it to ~110 MB before collecting. A parse that needs more
    // ends the thread (out of memory), and the main thread, uncapped, parses that original.
    const limits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: REPARSE_OLD_SPACE_MB };
    const worker = new Worker(workerScript(import.meta.url, 'reparse-worker.js'), { workerData: job, resourceLimits: limits });
    this.done = new Promise((resolve) => {
      const parsed = new Map<string, Parsed>();
      worker.on('message', (m: FromReparse) => {
        if (m.type === 'progress') progress?.(m.messages);
        else for (const [key, p] of m.parsed) parsed.set(key, p !== null && 'refused' in p ? { refused: phraseFromData(p.refused) } : p);
      });
      // Whatever ended it, the main thread parses what is not answered.
      worker.once('error', () => undefined);
      worker.once('exit', () => resolve(parsed));
    });
  }
}
