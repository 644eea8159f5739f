/**
 * Issue 22, breaks 2 and 5: a killed backup left a full-size or torn file with a hot -journal at
 * the target (verify then said "readonly"), and a killed report left a 0644 temp file. Now a
 * report stopped by SIGTERM removes its temp file and exits 130; a backup killed at any moment
 * leaves at the target name nothing, or a complete archive that verifies.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { BIN, ensureBuilt, startCli, startShell } from '../reliability/support/cli-process.js';
import { expectVerifies } from '../reliability/support/inspect.js';
import { lineExport } from '../reliability/support/line-export.js';
import { reportNumbers, seededRandom } from '../reliability/support/random.js';

const tmp = tempArchive();
const TITLE = 'シグナル';
const temps = (dir: string): string[] => readdirSync(dir).filter((f) => f.includes('.tmp'));

beforeAll(async () => {
  ensureBuilt();
  const input = join(tmp.dir, 'room.txt');
  writeFileSync(input, lineExport({ title: TITLE, messages: 4000, tag: 'sig' }));
  expect((await cli(['import', input, '--yes', '--db', tmp.db])).code).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

describe('signals and kills during a write', () => {
  it('report stopped by SIGTERM while it renders: exit 130, no temp file, no target', async () => {
    const out = join(tmp.dir, 'out', 'report.pdf');
    const folder = join(tmp.dir, 'out');
    mkdirSync(folder);
    const run = startCli(['report', TITLE, '-o', out, '--db', tmp.db]);
    let sawTemp = false;
    const poll = setInterval(() => {
      const t = temps(folder);
      if (t.length > 0 && !sawTemp) {
        sawTemp = true;
        // The temp file is private from its first byte.
        expect(statSync(join(folder, t[0]!)).mode & 0o777).toBe(0o600);
        run.child.kill('SIGTERM');
      }
    }, 2);
    const r = await run.done.finally(() => clearInterval(poll));
    expect(sawTemp).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(temps(folder)).toEqual([]);
    expect(existsSync(out)).toBe(false);
    await expectVerifies(tmp.db);
  }, 60_000);

  it('a report that fills the disk (ulimit -f): exit 4 in one message, no temp file, no target', async () => {
    const folder = join(tmp.dir, 'full');
    mkdirSync(folder);
    const out = join(folder, 'report.pdf');
    // 100 KiB: room for the archive's -shm (32 KiB), not for the PDF and its font; node ignores SIGXFSZ, so the write fails with EFBIG.
    const r = await startShell(`ulimit -f 200; "${process.execPath}" "${BIN}" report ${TITLE} -o "${out}" --db "${tmp.db}"`).done;
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/Writing .*report\.pdf failed \(EFBIG\)/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readdirSync(folder)).toEqual([]);
    await expectVerifies(tmp.db);
  }, 60_000);

  it('backup SIGKILLed at random moments: the target is absent or a whole archive that verifies', async () => {
    const rnd = seededRandom('edges-backup-kill');
    const outcomes = { absent: 0, whole: 0, finished: 0 };
    const folder = join(tmp.dir, 'backups');
    mkdirSync(folder);
    const target = join(folder, 'copy.db');
    for (let i = 0; i < 8; i++) {
      const run = startCli(['backup', target, '--db', tmp.db]);
      // Aimed at the write itself: a kill lands 0–150 ms after the first file appears in the folder.
      const before = new Set(readdirSync(folder));
      let timer: NodeJS.Timeout | undefined;
      const poll = setInterval(() => {
        if (timer === undefined && readdirSync(folder).some((f) => !before.has(f))) timer = setTimeout(() => run.child.kill('SIGKILL'), rnd.between(0, 150));
      }, 1);
      const r = await run.done.finally(() => {
        clearInterval(poll);
        clearTimeout(timer);
      });
      if (r.signal === null) {
        expect(r.code, r.stderr).toBe(0);
        outcomes.finished++;
      }
      expect(existsSync(target + '-journal')).toBe(false);
      if (!existsSync(target)) outcomes.absent++;
      else {
        outcomes.whole++;
        expect(statSync(target).mode & 0o777).toBe(0o600);
        await expectVerifies(target);
      }
    }
    reportNumbers('edges-backup-kill', outcomes);
  }, 90_000);
});
