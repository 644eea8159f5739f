/**
 * The thread of src/store/state-rebuild-thread.ts: its own connection to the archive, the room's
 * state built again, then a message on its port. Anything that fails ends the thread without one.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Archive } from './archive.js';
import { rebuildRoomState } from './room-state/update.js';
import type { RebuildJob } from './state-rebuild-thread.js';

const job = workerData as RebuildJob;
// Opening creates an archive where there is none: this thread only ever works on the caller's.
if (!existsSync(job.path)) throw new Error(`no archive at ${job.path}`);
const archive = Archive.open(job.path);
try {
  rebuildRoomState(archive, job.roomId);
  parentPort!.postMessage(true);
} finally {
  archive.close();
}
