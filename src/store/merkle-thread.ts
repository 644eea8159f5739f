import type { MessagePort } from 'node:worker_threads';
import { workerScript, workerThreads } from '../threads.js';
import { listRootHex } from '../core/merkle.js';

export interface RootsJob {
  readonly lists: readonly Uint8Array[];
  readonly port: MessagePort;
  /** 0: not started, 1: working, 2: answered. */
  readonly flag: Int32Array;
}

/**
 * A thread that has not answered by then (5 s to start, then 20 µs a leaf, ~50× what it needs) is
 * given up on, and the roots are computed here: a thread that died must not hang `verify`.
 */
const START_WAIT_MS = 5_000;
const WAIT_PER_LEAF_MS = 0.02;

/**
 * Merkle roots (RFC 6962) of 32-byte hash lists, computed in a second thread while this one does
 * other work, then collected synchronously. `verify` of an archive of 200k-message captures spent
 * a quarter of its time on the roots (two hashes a listed message), alongside hashing every
 * stored message (docs/performance.md). The answer equals `listRootHex`: the thread
 * runs it (test/store/merkle-thread.test.ts).
 */
export class RootsThread {
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly deadline: number;

  private constructor(private readonly lists: readonly Buffer[]) {
    this.deadline = Date.now() + START_WAIT_MS + WAIT_PER_LEAF_MS * lists.reduce((n, l) => n + l.length / 32, 0);
    const { MessageChannel, Worker } = workerThreads();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const job: RootsJob = { lists, port: port2, flag: this.flag };
    const worker = new Worker(workerScript(import.meta.url, 'merkle-worker.js'), { workerData: job, transferList: [port2] });
    // The answer comes through the port; the thread must never keep the process alive.
    worker.unref();
    // A thread that fails shows as one that never answers: `roots()` then computes them here.
    worker.on('error', () => undefined);
  }

  /** Starts computing; the lists are copied to the thread, unless they are in shared memory. */
  static start(lists: readonly Buffer[]): RootsThread {
    return new RootsThread(lists);
  }

  /**
   * The roots, in the order of the lists: waits for the thread, blocking this one (it has nothing
   * else to do by then). If the thread failed to start or to answer, they are computed here.
   */
  roots(): string[] {
    for (;;) {
      const state = Atomics.load(this.flag, 0);
      if (state === 2) break;
      if (Date.now() > this.deadline) return this.here();
      Atomics.wait(this.flag, 0, state, 100);
    }
    const answer = workerThreads().receiveMessageOnPort(this.port)?.message as { roots?: string[] } | undefined;
    this.port.close();
    return answer?.roots ?? this.here();
  }

  private here(): string[] {
    this.port.close();
    return this.lists.map(listRootHex);
  }
}
