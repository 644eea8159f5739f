/**
 * Issue 21's "daily captures" scenario: a LINE group exported whole every day and imported into
 * one archive — `days` exports of a room that starts at `start` messages and grows by `perDay` a
 * day (gen/line-daily.ts grows one file in place). Captures #1, #2 and the last are measured
 * (import wall time, CPU, peak RSS, archive bytes), and `show`, `diff` and `verify` at 2 captures
 * and at the end; targets.ts turns them into the issue's ratios.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { countLabel } from './args.js';
import { addRow, freshDb, type Bench } from './context.js';
import { DailyLineExport } from './gen/line-daily.js';
import type { WrittenExport } from './gen/line.js';
import { runCli, type Run } from './measure.js';
import { verifyRow } from './suite-import.js';

export interface DailySpec {
  readonly days: number;
  readonly start: number;
  readonly perDay: number;
}

interface ImportJson {
  readonly capture: { readonly messages: number; readonly room: { readonly id: string } };
}

/** The archive's bytes with everything in its main file: after a WAL checkpoint, as a copy would hold it. */
export function archiveBytes(db: string): number {
  const sqlite = new Database(db);
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
  const wal = `${db}-wal`;
  return statSync(db).size + (existsSync(wal) ? statSync(wal).size : 0);
}

const MB = 1_000_000;

export async function dailyCaptures(b: Bench, spec: DailySpec): Promise<void> {
  const label = countLabel(spec.start);
  const db = freshDb(b, `daily-${label}`);
  const daily = new DailyLineExport(join(b.work, `daily-${label}.txt`), spec.start);
  b.log(`daily captures: ${spec.days} exports of a ${label} room growing by ${spec.perDay} a day`);
  let firstArchive = 0;
  let roomId = '';
  try {
    for (let day = 1; day <= spec.days; day++) {
      const exp: WrittenExport = day === 1 ? daily.current() : daily.grow(spec.perDay);
      const imp = await runCli(b.method, ['import', exp.path, '--db', db, '--json']);
      const json = JSON.parse(imp.stdout) as ImportJson;
      roomId = json.capture.room.id;
      if (json.capture.messages !== exp.messages) b.log(`  note: capture #${day} read ${json.capture.messages} messages, the generator wrote ${exp.messages}`);
      const measured = day === 1 || day === 2 || day === spec.days;
      if (day % 30 === 0 && !measured) b.log(`  capture #${day}`);
      if (!measured) continue;
      const archive = archiveBytes(db);
      if (day === 1) firstArchive = archive;
      importRow(b, label, day, exp, imp, archive, firstArchive);
      if (day === 2 || day === spec.days) await readRows(b, db, roomId, label, day);
    }
  } finally {
    daily.close();
  }
}

function importRow(b: Bench, label: string, day: number, exp: WrittenExport, imp: Run, archive: number, firstArchive: number): void {
  const vsExport = (archive / exp.bytes).toFixed(2);
  const vsFirst = day === 1 ? '' : `, ${(archive / firstArchive).toFixed(2)}× after #1`;
  addRow(b, {
    id: day === 1 ? 'daily.import.1' : day === 2 ? 'daily.import.2' : 'daily.import.last',
    what: `daily import #${day}`,
    size: label,
    messages: exp.messages,
    seconds: imp.wallMs / 1000,
    cpu: imp.cpuSeconds,
    bytes: exp.bytes,
    peakRss: imp.maxRss,
    vs: null,
    note: `archive ${(archive / MB).toFixed(1)} MB (${vsExport}× the export${vsFirst})`,
    extra: { archiveBytes: archive, exportBytes: exp.bytes, capture: day },
  });
}

/** `show`, `diff` (of the last two captures) and `verify` of the room after capture #`day`. */
async function readRows(b: Bench, db: string, roomId: string, size: string, day: number): Promise<void> {
  const at = day === 2 ? '2' : 'last';
  b.log(`daily: show, diff, verify at ${day} captures`);
  const show = await runCli(b.method, ['show', roomId, '--db', db], { stdout: 'ignore' });
  addRow(b, rowOf(`daily.show.${at}`, `daily show at #${day}`, size, show, `${day} captures, text to /dev/null`));
  const diff = await runCli(b.method, ['diff', roomId, '--db', db, '--json']);
  const changes = (JSON.parse(diff.stdout) as { changes: unknown[] }).changes.length;
  addRow(b, rowOf(`daily.diff.${at}`, `daily diff at #${day}`, size, diff, `last two captures: ${changes} changes`));
  await verifyRow(b, db, `daily.verify.${at}`, size, null, `daily, whole archive at #${day}`, 1);
}

function rowOf(id: string, what: string, size: string, run: Run, note: string): Parameters<typeof addRow>[1] {
  return { id, what, size, messages: null, seconds: run.wallMs / 1000, cpu: run.cpuSeconds, bytes: null, peakRss: run.maxRss, vs: null, note };
}
