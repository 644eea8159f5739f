/**
 * Issue 22, break 3: a closed pipe erased the verdict. `verify | head -1` of a tampered archive
 * exited 0, so did `verify | true` under pipefail; a successful import piped into `true` exited 1;
 * `verify > /dev/full` crashed with a stack. Now the command's own code survives a reader that
 * went away, and output that cannot be written is exit 4 in one line. Real pipes, real /dev/full.
 */
import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { verifyAt } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';
import { BIN, ensureBuilt, startCli, startShell } from '../reliability/support/cli-process.js';
import { lineExport } from '../reliability/support/line-export.js';

const tmp = tempArchive();
const tampered = join(tmp.dir, 'tampered.db');

beforeAll(async () => {
  ensureBuilt();
  const input = join(tmp.dir, 'chat.txt');
  writeFileSync(input, lineExport({ title: 'パイプ', messages: 1000, tag: 'p' }));
  expect((await cli(['import', input, '--yes', '--db', tmp.db])).code).toBe(0);
  copyFileSync(tmp.db, tampered);
  // Behind chatproof's back: its triggers dropped, every stored message changed. verify then
  // prints far more than a pipe holds (64 KiB), so `head -1` leaves while it is still writing.
  const db = new Database(tampered);
  for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${name}"`);
  db.prepare("UPDATE messages SET body = CAST(body AS TEXT) || ' '").run();
  db.close();
  expect(verifyAt(tampered).problems.length).toBeGreaterThanOrEqual(1000);
});
afterAll(() => tmp.cleanup());

const chatproof = (args: string): string => `"${process.execPath}" "${BIN}" ${args}`;

/** Runs a bash pipeline and returns what its last `echo` printed: the exit codes asked for. */
async function codes(script: string): Promise<string> {
  const r = await startShell(script).done;
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').pop()!;
}

describe('a reader that goes away does not change the exit code', () => {
  it('verify of a tampered archive piped into head -1 still exits 5', async () => {
    expect(await codes(`${chatproof(`verify --db "${tampered}"`)} | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`)).toBe('5');
  });

  it('…and into true, under set -o pipefail, 5 as well; a clean archive stays 0', async () => {
    expect(await codes(`set -o pipefail; ${chatproof(`verify --db "${tampered}"`)} | true; echo $?`)).toBe('5');
    expect(await codes(`set -o pipefail; ${chatproof(`verify --db "${tmp.db}"`)} | true; echo $?`)).toBe('0');
  });

  it('a successful import with stderr into a closed pipe exits 0 and is stored', async () => {
    const db = join(tmp.dir, 'piped.db');
    const input = join('test', 'fixtures', 'line', '12h-midnight', 'input.txt');
    expect(await codes(`${chatproof(`import "${input}" --yes --db "${db}"`)} 2>&1 | true; echo "\${PIPESTATUS[0]}"`)).toBe('0');
    expect(verifyAt(db).captures).toBe(1);
  });

  it('a reader that closed its end before the first line: the verdict (5) stays', async () => {
    const run = startCli(['verify', '--db', tampered]);
    run.child.stdout!.destroy();
    const r = await run.done;
    expect(r.code, r.stderr).toBe(5);
  });
});

describe('output that cannot be written', () => {
  it('verify > /dev/full: exit 4 with one line, no stack', async () => {
    const r = await startShell(`${chatproof(`verify --db "${tmp.db}"`)} > /dev/full`).done;
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/could not be written \(ENOSPC\)/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('a command that found a problem keeps its own code when its output fails too', async () => {
    const r = await startShell(`${chatproof(`verify --db "${tampered}"`)} > /dev/full`).done;
    expect(r.code).toBe(5);
  });
});
