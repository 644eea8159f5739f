import type { Readable } from 'node:stream';

/** Everything a command may touch of the outside world, so tests run the CLI in-process. */
export interface Io {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stdin: Readable & { readonly isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted on Ctrl-C: long-running work (sync --every, reports) stops cleanly. */
  readonly signal: AbortSignal;
}

/** The process's own streams; stdout and stderr come guarded (output-streams.ts). */
export function processIo(signal: AbortSignal, streams: Pick<Io, 'stdout' | 'stderr'>): Io {
  return { stdout: streams.stdout, stderr: streams.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), signal };
}

/** Resolves on Ctrl-C: what a command that runs until stopped (ui, watch) waits on. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
