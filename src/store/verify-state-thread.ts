/**
 * `verify`'s fold of a large room's captures (src/store/verify-state.ts) in a second thread whose
 * old generation is capped from the room's size. The fold of whole messages held ~0.9 KB a
 * message and made a new view of every message each capture, and on the main thread V8 let that
 * garbage grow the heap to ~4× what was held: 30 daily captures of a 100k room peaked at ~730 MiB
 * (docs/performance.md). The fold now steps the state's rows as numbers (room-state/step.ts), a
 * few tens of bytes a message, and the same 30 captures add ~13 MiB on the main thread against
 * ~110 MiB in a thread of its own: only a room of a million messages or more is folded here.
 * A thread that fails (the cap too small for some room, a missing script) answers null and the
 * main thread folds instead, so the check is never skipped.
 */
import { phraseData, phraseFromData, type PhraseData } from '../i18n/message.js';
import { workerScript, workerThreads } from '../threads.js';
import type { Problem } from './verify-types.js';

export interface FoldJob {
  readonly path: string;
  readonly roomId: string;
}

export interface ProblemData {
  readonly kind: string;
  readonly where: PhraseData | string;
  readonly expected: PhraseData | string;
  readonly actual: PhraseData | string;
}

/**
 * Rooms of fewer messages are folded on the main thread, however many captures they have: their
 * garbage is small, and a thread costs its start and a heap of its own (one capture of 200k: ~30 MiB more).
 */
export const THREAD_FROM_FOLDED = 1_000_000;

/** The thread's old generation, MiB: ~2.5× what its fold holds, never under 192. */
export function foldCapMb(messages: number): number {
  return Math.max(192, Math.ceil((messages * 2.5) / 1024));
}

export function problemData(p: Problem): ProblemData {
  return { kind: p.kind, where: phraseData(p.where), expected: phraseData(p.expected), actual: phraseData(p.actual) };
}

/** The room's findings from a thread; null when the thread did not answer (the caller folds on its own thread). */
export function foldInThread(job: FoldJob, messages: number): Promise<Problem[] | null> {
  const { Worker } = workerThreads();
  return new Promise((resolve) => {
    let answer: Problem[] | null = null;
    const worker = new Worker(workerScript(import.meta.url, 'verify-state-worker.js'), {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: foldCapMb(messages) },
    });
    worker.on('message', (found: ProblemData[]) => {
      answer = found.map((p) => ({
        kind: p.kind,
        where: phraseFromData(p.where),
        expected: phraseFromData(p.expected),
        actual: phraseFromData(p.actual),
      }));
    });
    worker.once('error', () => undefined);
    worker.once('exit', () => resolve(answer));
  });
}
