/**
 * The thread of src/store/merkle-thread.ts: RFC 6962 roots of the lists it is given, answered on
 * its port, with the shared flag raised so a thread waiting synchronously wakes up.
 */
import { workerData } from 'node:worker_threads';
import type { RootsJob } from './merkle-thread.js';
import { listRootHex } from '../core/merkle.js';

const job = workerData as RootsJob;
Atomics.store(job.flag, 0, 1);
try {
  const roots = job.lists.map((list) => listRootHex(Buffer.from(list.buffer, list.byteOffset, list.byteLength)));
  job.port.postMessage({ roots });
} catch (e) {
  job.port.postMessage({ error: e instanceof Error ? e.message : String(e) });
} finally {
  Atomics.store(job.flag, 0, 2);
  Atomics.notify(job.flag, 0);
}
