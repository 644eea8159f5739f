import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = Record<string, unknown>>(): T;
}

/** Runs the CLI in-process with captured streams; `stdin` feeds `import -`. */
export async function cli(
  argv: readonly string[],
  opts: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]) as Io['stdin'],
    env: { LANG: 'en_US.UTF-8', ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
    signal: opts.signal ?? new AbortController().signal,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

export { tempArchive } from './temp.js';
