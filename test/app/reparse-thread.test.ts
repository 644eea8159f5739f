import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchiveFully, type FullVerification } from '../../src/app/verify-archive.js';
import { importerFor } from '../../src/importers/registry.js';
import { Archive } from '../../src/store/archive.js';
import { problemInEnglish } from '../../src/store/verify-types.js';
import { importScenario } from '../report/helpers.js';
import { tempArchive } from '../support/temp.js';
import { rewriteList, storedList } from '../support/lists.js';

/**
 * `verify` parses the stored originals again in a second thread when they are large (beside its
 * own checks, or before them when they are very large); the small archives of the tests take the
 * main thread. Here every path is taken on the same archives and must say exactly the same.
 */
const PATHS = {
  'main thread': { threadFrom: Infinity },
  'thread beside the checks': { threadFrom: 0, alongsideUpTo: Infinity },
  'thread before the checks': { threadFrom: 0, alongsideUpTo: 0 },
};

async function verifyBy(db: string, tuning: (typeof PATHS)[keyof typeof PATHS]): Promise<unknown> {
  const archive = Archive.open(db, { readonly: true });
  try {
    const r: FullVerification = await verifyArchiveFully(archive, undefined, tuning);
    return { ...r, problems: r.problems.map(problemInEnglish) };
  } finally {
    archive.close();
  }
}

/** Restates what two capture entries say of their originals, as a forger could: one's zone, the other's format (and parser). */
function restateCaptures(db: string): void {
  const sqlite = new Database(db);
  try {
    for (const name of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) sqlite.exec(`DROP TRIGGER ${name}`);
    const captures = sqlite.prepare("SELECT seq, payload FROM log WHERE kind = 'capture' ORDER BY seq").all() as { seq: number; payload: string }[];
    expect(captures.length).toBeGreaterThanOrEqual(2);
    const restate = (seq: number, payload: string, change: (c: Record<string, unknown>) => void): void => {
      const p = JSON.parse(payload) as { capture: Record<string, unknown> };
      change(p.capture);
      sqlite.prepare('UPDATE log SET payload = ? WHERE seq = ?').run(JSON.stringify(p), seq);
    };
    restate(captures[0]!.seq, captures[0]!.payload, (c) => (c['tz'] = 'America/New_York'));
    restate(captures[1]!.seq, captures[1]!.payload, (c) => {
      c['format'] = 'chatwork-json';
      c['parserVersion'] = importerFor('chatwork-json')!.parserVersion;
    });
  } finally {
    sqlite.close();
  }
}

/** Two listed messages of the first capture swap places in its stored list: every hash still stored, the list's root no longer the entry's. */
function swapListed(db: string): string {
  const sqlite = new Database(db);
  try {
    sqlite.exec('DROP TRIGGER capture_list_roots_no_delete');
    const id = sqlite.prepare('SELECT id FROM captures ORDER BY entry_seq').pluck().get() as string;
    const list = storedList(sqlite, id);
    expect(list.length).toBeGreaterThanOrEqual(64);
    const swapped = Buffer.concat([list.subarray(32, 64), list.subarray(0, 32), list.subarray(64)]);
    rewriteList(sqlite, id, swapped);
    return id;
  } finally {
    sqlite.close();
  }
}

describe('verify: the re-parse of the originals says the same on every thread', () => {
  const sound = tempArchive();
  const restated = tempArchive();
  const swapped = tempArchive();
  let swappedCapture = '';
  beforeAll(async () => {
    await importScenario(sound.db);
    await importScenario(restated.db);
    await importScenario(swapped.db);
    restateCaptures(restated.db);
    swappedCapture = swapListed(swapped.db);
  });
  afterAll(() => {
    sound.cleanup();
    restated.cleanup();
    swapped.cleanup();
  });

  // The stored lists take their roots from the parse where they hash the same (src/store/verify.ts
  // checkStore): a list that differs from its original's must still be worked out and found.
  it('a stored list reordered behind the log: its capture named, whichever path', async () => {
    const reports = await Promise.all(Object.values(PATHS).map((t) => verifyBy(swapped.db, t)));
    const problems = (reports[0] as { problems: { kind: string; where: string }[] }).problems;
    expect(problems).toEqual([expect.objectContaining({ kind: 'capture-messages-changed', where: expect.stringContaining(swappedCapture) })]);
    for (const r of reports.slice(1)) expect(r).toEqual(reports[0]);
  });

  it('a sound archive: nothing found, every original re-parsed, whichever path', async () => {
    const reports = await Promise.all(Object.values(PATHS).map((t) => verifyBy(sound.db, t)));
    expect(reports[0]).toMatchObject({ ok: true, reparsed: 2, problems: [] });
    for (const r of reports.slice(1)) expect(r).toEqual(reports[0]);
  });

  it('the thread says how far it got while the main thread waits for it', async () => {
    const archive = Archive.open(sound.db, { readonly: true });
    const heard: [number, number][] = [];
    try {
      await verifyArchiveFully(archive, (phase, done, total) => phase === 'originals' && heard.push([done, total]), PATHS['thread before the checks']);
    } finally {
      archive.close();
    }
    expect(heard.length).toBeGreaterThan(0);
    const [done, total] = heard.at(-1)!;
    expect(total).toBeGreaterThan(0);
    expect(done).toBe(total);
  });

  it('captures restated to another zone and another format: the same findings, whichever path', async () => {
    const reports = await Promise.all(Object.values(PATHS).map((t) => verifyBy(restated.db, t)));
    const kinds = (reports[0] as { problems: { kind: string }[] }).problems.map((p) => p.kind);
    expect(kinds).toContain('capture-original-disagrees');
    expect(kinds).toContain('capture-unparsable');
    for (const r of reports.slice(1)) expect(r).toEqual(reports[0]);
  });
});
