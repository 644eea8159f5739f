/**
 * The thread of src/store/verify-state-thread.ts: its own read-only connection to the archive,
 * one room's state folded again and compared, the findings answered on its port. Anything that
 * fails ends the thread without an answer, and the main thread folds the room itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Archive } from './archive.js';
import { roomStateFindings } from './verify-state.js';
import { problemData, type FoldJob } from './verify-state-thread.js';

const job = workerData as FoldJob;
const archive = Archive.open(job.path, { readonly: true });
try {
  parentPort!.postMessage(roomStateFindings(archive, job.roomId).map(problemData));
} finally {
  archive.close();
}
