/**
 * Looks at an archive from the test's side, read-only, without going through chatproof's own
 * reads: row counts, and the log-order facts that `verify` assumes but a race could break
 * (contiguous seqs, each capture row named by exactly the entry it points at).
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { cli } from '../../support/cli.js';
import type { VerifyReport } from '../../../src/store/verify-types.js';

export interface Counts {
  readonly entries: number;
  readonly rooms: number;
  readonly captures: number;
  readonly messages: number;
  readonly blobs: number;
}

export const NO_ROWS: Counts = { entries: 0, rooms: 0, captures: 0, messages: 0, blobs: 0 };

function withDb<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function counts(path: string): Counts {
  return withDb(path, (db) => {
    const n = (table: string): number => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    return { entries: n('log'), rooms: n('rooms'), captures: n('captures'), messages: n('messages'), blobs: n('blobs') };
  });
}

export interface LogFacts {
  readonly seqs: number[];
  readonly kinds: string[];
  /** capture id → the seq of the log entry whose payload names it. */
  readonly captureEntries: Map<string, number>;
  /** capture id → the entry_seq its row points at, and its message_count. */
  readonly captureRows: Map<string, { entrySeq: number; messageCount: number; roomId: string }>;
}

export function logFacts(path: string): LogFacts {
  return withDb(path, (db) => {
    const log = db.prepare('SELECT seq, kind, payload FROM log ORDER BY seq').all() as { seq: number; kind: string; payload: string }[];
    const captureEntries = new Map<string, number>();
    for (const e of log) {
      const c = (JSON.parse(e.payload) as { capture?: { id?: unknown } }).capture;
      if (e.kind === 'capture' && typeof c?.id === 'string') captureEntries.set(c.id, e.seq);
    }
    const rows = db.prepare('SELECT id, entry_seq AS entrySeq, message_count AS messageCount, room_id AS roomId FROM captures').all() as {
      id: string;
      entrySeq: number;
      messageCount: number;
      roomId: string;
    }[];
    return { seqs: log.map((e) => e.seq), kinds: log.map((e) => e.kind), captureEntries, captureRows: new Map(rows.map((r) => [r.id, r])) };
  });
}

/** Seqs 1..n without gaps; every capture row ↔ exactly the capture entry that names it. */
export function expectConsistentLog(path: string): LogFacts {
  const f = logFacts(path);
  expect(f.seqs).toEqual(f.seqs.map((_, i) => i + 1));
  expect([...f.captureRows.keys()].sort()).toEqual([...f.captureEntries.keys()].sort());
  for (const [id, row] of f.captureRows) expect(row.entrySeq, `capture ${id}`).toBe(f.captureEntries.get(id));
  return f;
}

/** `chatproof verify --json` in-process, as a user would run it first after a crash. */
export async function verify(path: string): Promise<{ code: number; report: VerifyReport | null; stderr: string }> {
  const r = await cli(['verify', '--json', '--db', path]);
  // No JSON when verify could not even open the archive (exit 4): the message is on stderr.
  return { code: r.code, report: r.stdout === '' ? null : r.json<VerifyReport>(), stderr: r.stderr };
}

export async function expectVerifies(path: string): Promise<VerifyReport> {
  const v = await verify(path);
  expect(v.report?.problems, v.stderr).toEqual([]);
  expect(v.code, v.stderr).toBe(0);
  return v.report!;
}
