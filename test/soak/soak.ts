/**
 * The soak's engine (`npm run soak`, docs/reliability.md): the built CLI run again and again —
 * import, attach, sync against the local Chatwork stand-in, report and backup — each SIGKILLed at
 * a random moment of its expected run, and after every run the archive checked as a user would
 * find it. Counts, never timings, decide the outcome.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Archive } from '../../src/store/archive.js';
import { png1x1 } from '../attach/samples.js';
import { cli } from '../support/cli.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { ensureBuilt, startCli, type Finished } from '../reliability/support/cli-process.js';
import { lineExport } from '../reliability/support/line-export.js';

export type Op = 'import' | 'attach' | 'sync' | 'report' | 'backup';
const OPS: readonly Op[] = ['import', 'attach', 'sync', 'report', 'backup'];

export interface SoakCounts {
  runs: number;
  kills: number;
  killsByOp: Record<Op, number>;
  /** Runs that finished before their kill, with exit 0. */
  finished: number;
  /** Runs that finished with another code than 0 (each one is listed in `problems`). */
  failedExits: number;
  internalErrors: number;
  /** Captures that disappeared, or that verify found incomplete or altered. */
  capturesLostOrHalfWritten: number;
  /** `verify` of the archive found a problem after a run. */
  archiveVerifyFailures: number;
  /** A report or backup at the target name that does not verify. */
  badOutputs: number;
  reportsChecked: number;
  backupsChecked: number;
  problems: string[];
}

const noCounts = (): SoakCounts => ({
  runs: 0,
  kills: 0,
  killsByOp: { import: 0, attach: 0, sync: 0, report: 0, backup: 0 },
  finished: 0,
  failedExits: 0,
  internalErrors: 0,
  capturesLostOrHalfWritten: 0,
  archiveVerifyFailures: 0,
  badOutputs: 0,
  reportsChecked: 0,
  backupsChecked: 0,
  problems: [],
});

/** mulberry32: the kill schedule from a seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha = (path: string): string | null => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null);

function captureCount(db: string): number {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare('SELECT COUNT(*) FROM captures').pluck().get() as number;
  } finally {
    sqlite.close();
  }
}

/** The problems `verify` finds; an archive that does not even open counts as one. */
function verifyProblems(db: string): number {
  let archive: Archive;
  try {
    archive = Archive.open(db, { readonly: true });
  } catch {
    return 1;
  }
  try {
    return archive.verify().problems.length;
  } finally {
    archive.close();
  }
}

const TITLE = 'ソーク';

/** Runs until `kills` SIGKILLs have landed; `progress` hears about every 50 runs. */
export async function soak(options: { kills: number; seed: number; progress?: (c: SoakCounts) => void }): Promise<SoakCounts> {
  ensureBuilt();
  const next = random(options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-soak-'));
  const api = await FakeChatwork.start();
  const counts = noCounts();
  try {
    const db = join(dir, 'archive.db');
    const exports = [0, 1, 2].map((i) => {
      const p = join(dir, `export-${i}.txt`);
      writeFileSync(p, lineExport({ title: TITLE, messages: 300, tag: `soak${i}` }));
      return p;
    });
    const shot = join(dir, 'shot.png');
    writeFileSync(shot, png1x1());
    const report = join(dir, 'report.pdf');
    const backup = join(dir, 'backup.db');
    api.addRoom('424242', '案件ソーク');
    api.delayMs = 5;
    api.rateLimit = 1_000_000;
    let clock = 1_709_251_500;
    const env = { CHATWORK_API_TOKEN: api.token, CHATWORK_API_BASE: api.baseUrl };
    const args = (op: Op, i: number): string[] => {
      switch (op) {
        case 'import':
          return ['import', exports[i % exports.length]!, '--yes', '--db', db];
        case 'attach':
          return ['attach', TITLE, shot, '--note', `soak ${i}`, '--db', db];
        case 'sync':
          return ['sync', 'chatwork', '--db', db];
        case 'report':
          return ['report', TITLE, '-o', report, '--db', db];
        case 'backup':
          return ['backup', backup, '--db', db];
      }
    };
    const run = async (op: Op, i: number, killAt: number | null): Promise<Finished> => {
      if (op === 'sync') for (let m = 0; m < 5; m++) api.post('424242', { accountId: 1, name: '山田 太郎', body: `連絡 ${i}-${m}`, sendTime: clock++ });
      const running = startCli(args(op, i), { env });
      const timer = killAt === null ? null : setTimeout(() => running.child.kill('SIGKILL'), killAt);
      try {
        return await running.done;
      } finally {
        if (timer) clearTimeout(timer);
      }
    };
    // Uncut runs first: the archive gets its room, and each command how long it takes, to aim at.
    const took: Record<Op, number> = { import: 0, attach: 0, sync: 0, report: 0, backup: 0 };
    for (const op of OPS) {
      const r = await run(op, 0, null);
      if (r.code !== 0) throw new Error(`soak set-up: ${op} exited ${r.code}: ${r.stderr}`);
      took[op] = r.ms;
    }
    let captures = captureCount(db);
    let reportSha = sha(report);
    let backupSha = sha(backup);
    for (let i = 1; counts.kills < options.kills; i++) {
      const op = OPS[Math.floor(next() * OPS.length)]!;
      const r = await run(op, i, Math.floor(next() * took[op] * 1.1));
      counts.runs++;
      const what = `run ${i} (${op})`;
      if (r.signal === 'SIGKILL') {
        counts.kills++;
        counts.killsByOp[op]++;
      } else if (r.code === 0) {
        counts.finished++;
        // Keep aiming at the whole run as the archive grows.
        took[op] = Math.round((took[op] * 3 + r.ms) / 4);
      } else {
        counts.failedExits++;
        counts.problems.push(`${what}: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
      }
      if (r.code === 1 || /internal error/.test(r.stderr)) counts.internalErrors++;
      const problems = verifyProblems(db);
      const now = captureCount(db);
      if (problems > 0) {
        counts.archiveVerifyFailures++;
        counts.problems.push(`${what}: verify found ${problems} problem(s)`);
      }
      if (now < captures || problems > 0) counts.capturesLostOrHalfWritten += Math.max(captures - now, problems > 0 ? 1 : 0);
      captures = Math.max(captures, now);
      if (op === 'report' && sha(report) !== reportSha) {
        reportSha = sha(report);
        counts.reportsChecked++;
        const v = await cli(['verify-report', report]);
        if (v.code !== 0) {
          counts.badOutputs++;
          counts.problems.push(`${what}: the report at the target does not verify (exit ${v.code})`);
        }
      }
      if (op === 'backup' && sha(backup) !== backupSha) {
        backupSha = sha(backup);
        counts.backupsChecked++;
        if (existsSync(backup + '-journal') || verifyProblems(backup) > 0) {
          counts.badOutputs++;
          counts.problems.push(`${what}: the backup at the target does not verify`);
        }
      }
      if (counts.runs % 50 === 0) options.progress?.(counts);
    }
    return counts;
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
