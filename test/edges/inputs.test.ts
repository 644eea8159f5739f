/**
 * Issue 22, break 4: `import /dev/zero` read without limit (9 GB of RSS in 20 s), --max-size did
 * not stop it, a FIFO without a writer blocked for ever and `import <(cmd)` failed with ESPIPE.
 * Now devices are refused before a byte is read, pipes are read as streams within the limit, and a
 * pipe nobody writes to times out. Each child is bounded in time and memory, so a regression fails, not hangs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAt } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';
import { BIN, ensureBuilt, startShell, type Finished } from '../reliability/support/cli-process.js';

const tmp = tempArchive();
const INPUT = join('test', 'fixtures', 'line', '12h-midnight', 'input.txt');
beforeAll(() => ensureBuilt());
afterAll(() => tmp.cleanup());

/**
 * `chatproof ARGS` inside a bash script (for FIFOs and process substitution), killed at 20 s, and
 * held to 2 GB of address space: a regression that reads /dev/zero whole fails fast instead of
 * taking the machine's memory.
 */
function run(script: (cli: string) => string, env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const running = startShell(`ulimit -v 2000000; ${script(`"${process.execPath}" "${BIN}"`)}`, env);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 20_000);
  return running.done.finally(() => clearTimeout(timer));
}

describe('every input is bounded while it is read', () => {
  it('import /dev/zero is refused up front as a device: exit 3, no archive made', async () => {
    const db = join(tmp.dir, 'zero.db');
    const r = await run((cli) => `${cli} import /dev/zero --db "${db}"`);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/\/dev\/zero is a device, not a file/);
    expect(existsSync(db)).toBe(false);
  }, 30_000);

  it('a FIFO fed without end stops at --max-size: exit 3', async () => {
    const fifo = join(tmp.dir, 'endless');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const db = join(tmp.dir, 'endless.db');
    const r = await run((cli) => `(cat /dev/zero > "${fifo}" 2>/dev/null &) ; ${cli} import "${fifo}" --max-size 1MB --db "${db}"`);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/more than the 1\.0 MB limit/);
  }, 30_000);

  it('a FIFO nobody writes to times out with a message: exit 3', async () => {
    const fifo = join(tmp.dir, 'silent');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await run((cli) => `${cli} import "${fifo}" --db "${join(tmp.dir, 'silent.db')}"`, { CHATPROOF_PIPE_WAIT_MS: '300' });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/named pipe, and no program wrote to it/);
  }, 30_000);

  it('import <(cmd) is read as a stream and stored', async () => {
    const db = join(tmp.dir, 'substituted.db');
    const r = await run((cli) => `${cli} import <(cat "${INPUT}") --yes --db "${db}"`);
    expect(r.code, r.stderr).toBe(0);
    expect(verifyAt(db)).toMatchObject({ ok: true, captures: 1 });
  }, 30_000);

  it('import <(endless output) stops at the limit as well', async () => {
    const r = await run((cli) => `${cli} import <(cat /dev/zero) --max-size 2MB --db "${join(tmp.dir, 'sub-zero.db')}"`);
    expect(r.code, r.stderr).toBe(3);
  }, 30_000);

  it('verify-report of a device is refused rather than read for ever', async () => {
    const r = await run((cli) => `${cli} verify-report /dev/zero`);
    expect(r.code, r.stderr).toBe(3);
  }, 30_000);
});
