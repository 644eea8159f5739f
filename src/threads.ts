import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as WorkerThreads from 'node:worker_threads';
import { packageRoot } from './paths.js';

/**
 * node:worker_threads, loaded when a second thread is first started: importing it took ~4.5 ms of
 * every command's start-up, and only large imports and verifies start one (docs/performance.md).
 */
export function workerThreads(): typeof WorkerThreads {
  return createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads;
}

/**
 * The file a worker thread runs: `name` beside the module at `moduleUrl` once built. Under vitest
 * that module is TypeScript source, which a worker thread cannot load, so the built copy in dist/
 * is used (`npm test` builds first).
 */
export function workerScript(moduleUrl: string, name: string): string {
  const here = fileURLToPath(moduleUrl);
  if (!here.endsWith('.ts')) return join(dirname(here), name);
  const fromRoot = dirname(here).slice(packageRoot.length + 1);
  return join(packageRoot, 'dist', fromRoot, name);
}
