import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { raw } from '../support/ui.js';
import { tempArchive } from '../support/temp.js';

const temps: ReturnType<typeof tempArchive>[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** Runs `chatproof ui` in-process until its first line of stdout, then presses Ctrl-C. */
async function runUi(
  args: string[],
  before: (t: ReturnType<typeof tempArchive>) => void = () => undefined,
): Promise<{ first: string; code: number; fetched: number; stdout: string; stderr: string }> {
  const t = tempArchive();
  temps.push(t);
  before(t);
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  let gotLine: (line: string) => void = () => undefined;
  const line = new Promise<string>((resolve) => (gotLine = resolve));
  const io: Io = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        if (stdout.includes('\n')) gotLine(stdout.slice(0, stdout.indexOf('\n')));
        return true;
      },
      isTTY: false,
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: false,
    },
    stdin: Readable.from([]) as Io['stdin'],
    env: { LANG: 'en_US.UTF-8' },
    cwd: t.dir,
    signal: controller.signal,
  };
  const running = runCli(['ui', '--no-open', '--db', t.db, ...args], io);
  const first = await line;
  const url = new URL(first.startsWith('{') ? (JSON.parse(stdout) as { url: string }).url : first);
  const fetched = (await raw(Number(url.port), 'GET', url.pathname + url.search, { Host: url.host })).status;
  controller.abort();
  return { first, code: await running, fetched, stdout, stderr };
}

it('prints the address with its token as the first line of stdout and runs until Ctrl-C', async () => {
  const { first, code, fetched } = await runUi([]);
  expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  expect(fetched).toBe(303);
  expect(code).toBe(0);
});

it('prints {"url"} with --json', async () => {
  const { first, code } = await runUi(['--json']);
  expect(first).toBe('{');
  expect(code).toBe(0);
});

it('watches the folders remembered beside the archive again, and says which are not there now', async () => {
  let inbox = '';
  let drive = '';
  const { stdout, stderr, code } = await runUi([], (t) => {
    inbox = join(t.dir, 'inbox');
    drive = join(t.dir, 'usb drive');
    mkdirSync(inbox);
    writeFileSync(join(t.dir, 'archive.config.json'), JSON.stringify({ watch: [inbox, drive] }));
  });
  expect(code).toBe(0);
  expect(stdout).toContain(`Watching again, as last time: ${inbox}\n`);
  expect(stderr).toContain(`Not found now, so not watched (still remembered): ${drive}`);
});

it('refuses a port that is not one', async () => {
  const t = tempArchive();
  temps.push(t);
  const io: Io = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: Readable.from([]) as Io['stdin'],
    env: {},
    cwd: t.dir,
    signal: new AbortController().signal,
  };
  expect(await runCli(['ui', '--no-open', '--db', t.db, '--port', 'http'], io)).toBe(2);
});

it('says so when the port is taken (exit 4), and names the way out', async () => {
  const t = tempArchive();
  temps.push(t);
  const { createServer } = await import('node:net');
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  let stderr = '';
  const io: Io = {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]) as Io['stdin'],
    env: { LANG: 'en_US.UTF-8' },
    cwd: t.dir,
    signal: new AbortController().signal,
  };
  try {
    expect(await runCli(['ui', '--no-open', '--db', t.db, '--port', String(port)], io)).toBe(4);
    expect(stderr).toContain(`Cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
    expect(stderr).toContain('--port');
  } finally {
    busy.close();
  }
});
