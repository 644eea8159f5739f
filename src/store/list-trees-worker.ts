/**
 * The thread of src/store/list-trees.ts: its own read-only connection to the archive, the lists'
 * trees worked out and answered on its port. Anything that fails ends the thread without an
 * answer, and the main thread works the trees out itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openArchiveDb } from './open-archive.js';
import { listTrees, type TreeJob } from './list-trees.js';

const job = workerData as { path: string; jobs: TreeJob[] };
const { sqlite } = openArchiveDb(job.path, { readonly: true });
try {
  parentPort!.postMessage(listTrees(sqlite, job.jobs));
} finally {
  sqlite.close();
}
