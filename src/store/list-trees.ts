/**
 * The Merkle trees of captures' stored lists, for a report's audit paths (src/report/from-state.ts):
 * each list read piece by piece into one reused buffer of leaf hashes, and its tree worked out a
 * level at a time over it (core/merkle-paths.ts). In a second thread when the lists are large: a
 * million-leaf tree makes two million digests, all garbage at once, and on the main thread V8 let
 * them grow its young generation by ~100 MB, which the report's render then sat on; a thread with a
 * small young generation collects them, and everything it held goes when it ends. A thread that
 * fails answers nothing and the trees are worked out here.
 */
import type Database from 'better-sqlite3';
import { leafHashInto } from '../core/merkle.js';
import { levelAuditPaths, type AuditPath } from '../core/merkle-paths.js';
import { workerScript, workerThreads } from '../threads.js';
import { listPieces } from './lists/hash-lists.js';

/** A capture's list to prove: its stated length (the buffer's size) and the leaves wanted. */
export interface TreeJob {
  readonly captureId: string;
  readonly leaves: number;
  readonly indices: readonly number[];
}

/**
 * A list's tree: the hashes it holds (`bytes` / 32 when whole), its root over the whole ones that
 * fit, and the paths asked, each as places in `nodes`: the paths of a range's neighbouring leaves
 * share most of their nodes, and a thread's answer would otherwise copy each node once per path
 * (10k paths × 20 nodes × 3 captures: ~600k strings, ~45 MB).
 */
export interface ListTree {
  readonly bytes: number;
  readonly root: string;
  readonly nodes: readonly string[];
  readonly paths: readonly (readonly [number, readonly number[]])[];
}

/** The tree's paths with their nodes shared, as AuditPaths. */
export function treePaths(tree: ListTree): Map<number, AuditPath> {
  return new Map(tree.paths.map(([index, at]) => [index, { index, path: at.map((i) => tree.nodes[i]!) }]));
}

/** Lists of fewer hashes in all are worked out on the main thread: a thread's start costs more than their garbage. */
export const TREES_THREAD_FROM = 200_000;

export function listTrees(sqlite: Database.Database, jobs: readonly TreeJob[]): ListTree[] {
  const level = Buffer.allocUnsafe(Math.max(0, ...jobs.map((j) => j.leaves)) * 32);
  return jobs.map((job) => {
    let bytes = 0;
    let leaves = 0;
    for (const piece of listPieces(sqlite, job.captureId)) {
      bytes += piece.length;
      for (let at = 0; at + 32 <= piece.length && leaves < job.leaves; at += 32) leafHashInto(piece, at, level, 32 * leaves++);
    }
    const whole = bytes === job.leaves * 32;
    const { root, paths } = levelAuditPaths(level, leaves, whole ? job.indices : []);
    const place = new Map<string, number>();
    const nodes: string[] = [];
    const placed = [...paths.values()].map(({ index, path }): [number, number[]] => [
      index,
      path.map((hex) => {
        let at = place.get(hex);
        if (at === undefined) place.set(hex, (at = nodes.push(hex) - 1));
        return at;
      }),
    ]);
    return { bytes, root, nodes, paths: placed };
  });
}

/** `listTrees` in a second thread (its own read-only connection to `path`); null when the thread did not answer. */
export function listTreesInThread(path: string, jobs: readonly TreeJob[]): Promise<ListTree[] | null> {
  const { Worker } = workerThreads();
  return new Promise((resolve) => {
    let answer: ListTree[] | null = null;
    const worker = new Worker(workerScript(import.meta.url, 'list-trees-worker.js'), {
      workerData: { path, jobs },
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
    });
    worker.on('message', (trees: ListTree[]) => (answer = trees));
    worker.once('error', () => undefined);
    worker.once('exit', () => resolve(answer));
  });
}
