import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';

/**
 * `chatproof watch FOLDER --json` in-process on `dir/inbox`: `drop` writes files once the watcher
 * has said it started; the watch stops after `lines` lines of stdout. Returns them parsed.
 */
export async function watchUntil(
  dir: string,
  db: string,
  lines: number,
  drop: (folder: string) => void,
): Promise<{ code: number; events: Record<string, unknown>[] }> {
  const folder = join(dir, 'inbox');
  mkdirSync(folder);
  const controller = new AbortController();
  let stdout = '';
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const io: Io = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        if (stdout.split('\n').length > lines) controller.abort();
        return true;
      },
      isTTY: false,
    },
    stderr: {
      write: () => {
        started();
        return true;
      },
      isTTY: false,
    },
    stdin: Readable.from([]) as Io['stdin'],
    env: { LANG: 'en_US.UTF-8', CHATPROOF_WATCH_SETTLE_MS: '100' },
    cwd: dir,
    signal: controller.signal,
  };
  const running = runCli(['watch', folder, '--db', db, '--json'], io);
  await ready;
  drop(folder);
  const code = await running;
  return {
    code,
    events: stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
