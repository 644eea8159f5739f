/**
 * SIGKILL during `report`: the PDF is written to a temp file, fsynced and renamed over the target,
 * and only then logged. Whenever the kill lands, the target path must hold either the previous
 * report or a complete new one (never a torn PDF), the archive must verify, and a `report` entry,
 * where one was appended, must name exactly the bytes at the target.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { ensureBuilt, runCliProcess, startCli, type Finished } from './support/cli-process.js';
import { counts, expectConsistentLog, expectVerifies } from './support/inspect.js';
import { lineExport } from './support/line-export.js';
import { reportNumbers, seededRandom } from './support/random.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());
beforeAll(() => ensureBuilt());

const KILLS = 6;
const TITLE = '報告書の部屋';

const tempFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** The sha256 of every `report` entry, in log order. */
function reportEntries(db: string): string[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return (sqlite.prepare("SELECT payload FROM log WHERE kind = 'report' ORDER BY seq").pluck().all() as string[]).map(
      (p) => (JSON.parse(p) as { report: { sha256: string } }).report.sha256,
    );
  } finally {
    sqlite.close();
  }
}

interface ReportRun {
  finished: Finished;
  killedAt: number | null;
  /** ms after spawn when the temp file appeared, and when it was gone again (renamed over the target). */
  renderStartedAt: number | null;
  renamedAt: number | null;
}

/** `report ROOM -o out.pdf`, SIGKILLed `atMs` after spawn or `afterRenderMs` after its temp file appears. */
async function reportAndKill(db: string, out: string, plan: { atMs: number } | { afterRenderMs: number }): Promise<ReportRun> {
  const started = Date.now();
  const before = new Set(tempFiles(tmp.dir));
  const run = startCli(['report', TITLE, '-o', out, '--db', db, '--json']);
  let killedAt: number | null = null;
  let renderStartedAt: number | null = null;
  let renamedAt: number | null = null;
  let temp: string | undefined;
  const kill = (): void => {
    if (killedAt !== null || run.child.exitCode !== null) return;
    killedAt = Date.now() - started;
    run.child.kill('SIGKILL');
  };
  const poll = setInterval(() => {
    const now = tempFiles(tmp.dir);
    if (temp !== undefined && renamedAt === null && !now.includes(temp)) renamedAt = Date.now() - started;
    if (renderStartedAt === null && now.some((f) => !before.has(f))) {
      temp = now.find((f) => !before.has(f));
      renderStartedAt = Date.now() - started;
      if ('afterRenderMs' in plan) setTimeout(kill, plan.afterRenderMs);
    }
  }, 2);
  const timer = 'atMs' in plan ? setTimeout(kill, plan.atMs) : null;
  try {
    return { finished: await run.done, killedAt, renderStartedAt, renamedAt };
  } finally {
    clearInterval(poll);
    if (timer) clearTimeout(timer);
  }
}

describe('SIGKILL during report (P8)', () => {
  it(`a report killed ${KILLS} times: the target is always the old or a whole new PDF, and any entry names its bytes`, async () => {
    const rnd = seededRandom('crash-report');
    const db = tmp.db;
    const input = join(tmp.dir, 'room.txt');
    writeFileSync(input, lineExport({ title: TITLE, messages: 500, tag: 'report' }));
    expect((await runCliProcess(['import', input, '--db', db])).code).toBe(0);
    const out = join(tmp.dir, 'report.pdf');

    // An uncut run: the previous report a kill must not damage, and the timings to aim at.
    const base = await reportAndKill(db, out, { atMs: 600_000 });
    expect(base.finished.code, base.finished.stderr).toBe(0);
    expect(base.renderStartedAt).not.toBeNull();
    expect(base.renamedAt).not.toBeNull();
    const total = base.finished.ms;
    const render = base.renamedAt! - base.renderStartedAt!;
    const verified = new Set<string>();
    const expectWholeReport = async (bytes: Buffer): Promise<void> => {
      const sha = sha256Hex(bytes);
      if (verified.has(sha)) return;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const r = await cli(['verify-report', out]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      verified.add(sha);
    };
    await expectWholeReport(readFileSync(out));

    const outcomes = { killed: 0, nothingWritten: 0, reportLogged: 0, wholePdfNotLogged: 0 };
    for (let i = 0; i < KILLS; i++) {
      // A note changes the archive, so a report that gets through differs from the one before it.
      expect((await cli(['note', TITLE, `観察 ${i}`, '--db', db])).code).toBe(0);
      const previous = readFileSync(out);
      const entriesBefore = reportEntries(db);
      const before = counts(db);
      // Half at any time; half at the end of the render, around the rename and the entry that follows it.
      const plan = i % 2 === 0 ? { atMs: rnd.between(0.1, 1) * total } : { afterRenderMs: render + rnd.between(-60, 60) };
      const run = await reportAndKill(db, out, plan);
      if (run.finished.signal === 'SIGKILL') outcomes.killed++;
      else expect(run.finished.code, run.finished.stderr).toBe(0);
      const what = `kill ${i}: ${JSON.stringify(plan)}, killed at ${run.killedAt} ms, render ${run.renderStartedAt}–${run.renamedAt} ms`;

      await expectVerifies(db);
      expectConsistentLog(db);
      const now = readFileSync(out);
      const entries = reportEntries(db);
      const added = entries.length - entriesBefore.length;
      expect([0, 1], what).toContain(added);
      expect(counts(db).entries - before.entries, what).toBe(added);
      // A report depends on the archive, not on earlier reports: the same archive gives the same
      // bytes (docs/design/layout.md habit 10), so a finished run may leave the target byte-identical.
      if (!now.equals(previous)) await expectWholeReport(now);
      if (added === 1) {
        outcomes.reportLogged++;
        expect(entries.at(-1), what).toBe(sha256Hex(now));
      } else if (now.equals(previous)) outcomes.nothingWritten++;
      // The entry is appended after the rename, so a kill between the two leaves a whole PDF without one.
      else outcomes.wholePdfNotLogged++;
    }
    const strayTemps = tempFiles(tmp.dir).length;
    reportNumbers('crash-report', { reportMs: total, renderMs: render, ...outcomes, strayTempFiles: strayTemps });
    expect(outcomes.killed).toBeGreaterThanOrEqual(2);

    // Temp files a kill left behind do not get in the way of the next report.
    const last = await runCliProcess(['report', TITLE, '-o', out, '--db', db]);
    expect(last.code, last.stderr).toBe(0);
    await expectWholeReport(readFileSync(out));
    expect(reportEntries(db).at(-1)).toBe(sha256Hex(readFileSync(out)));
  }, 90_000);
});
