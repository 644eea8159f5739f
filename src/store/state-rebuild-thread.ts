/**
 * A room's kept state built again from its captures (room-state/update.ts `rebuildRoomState`) in a
 * second thread with its own connection, for a report (src/app/make-report.ts). The rebuild folds
 * every capture by its hash list; on the main thread what it held and the garbage it made stayed
 * in that thread's heap for the rest of the report: at 1M messages and three captures the report
 * went from ~150 MiB after its re-parse to 475 MiB once the state was built, before its model and
 * render (docs/performance.md). A thread's heap goes when the thread ends, and its young generation
 * is kept small so its garbage is collected soon. A thread that fails (a missing script, a damaged
 * archive) answers false, and the caller rebuilds on its own thread, where any error is raised.
 */
import { workerScript, workerThreads } from '../threads.js';

export interface RebuildJob {
  readonly path: string;
  readonly roomId: string;
}

/** Rooms whose captures list fewer messages in all are built on the caller's thread: a thread's start and heap cost more than they hold. */
export const REBUILD_THREAD_FROM = 200_000;

/** Whether the thread built the room's state again (false: the caller must). */
export function rebuildStateInThread(job: RebuildJob): Promise<boolean> {
  const { Worker } = workerThreads();
  return new Promise((resolve) => {
    let done = false;
    const worker = new Worker(workerScript(import.meta.url, 'state-rebuild-worker.js'), {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    worker.on('message', () => (done = true));
    worker.once('error', () => undefined);
    worker.once('exit', () => resolve(done));
  });
}
