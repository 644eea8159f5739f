/**
 * The thread of src/app/reparse-thread.ts: its own read-only connection to the archive, each
 * original read (its whole re-hashed; the main thread re-hashes every chunk) and parsed, and the
 * outcomes answered on its port. Everything the parse held goes when the thread ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { phraseData, type Phrase } from '../i18n/message.js';
import { readOriginal } from '../store/blobs/originals.js';
import { openArchiveDb } from '../store/open-archive.js';
import { reparseOne } from './reparse-one.js';
import type { FromReparse, ReparseAnswer, ReparseJob } from './reparse-thread.js';

const job = workerData as ReparseJob;
const port = parentPort!;
const answer: ReparseAnswer = { type: 'done', parsed: [] };
let messages = 0;
try {
  const { sqlite } = openArchiveDb(job.path, { readonly: true });
  try {
    for (let i = Atomics.add(job.next, 0, 1); i < job.originals.length; i = Atomics.add(job.next, 0, 1)) {
      const [sha256, jobs] = job.originals[i]!;
      reparseOne(
        () => readOriginal(sqlite, sha256, { chunkHashes: false }),
        new Map(jobs),
        (key, parsed) =>
          answer.parsed.push([key, parsed !== null && 'refused' in parsed ? { refused: phraseData(parsed.refused as Phrase | string) } : parsed]),
        (n) => port.postMessage({ type: 'progress', messages: (messages += n) } satisfies FromReparse),
      );
    }
  } finally {
    sqlite.close();
  }
} catch {
  // What was parsed stands; the main thread parses the rest, and meets the same failure there,
  // where it is reported as any other.
}
port.postMessage(answer);
