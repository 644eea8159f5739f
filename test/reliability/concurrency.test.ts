/**
 * docs/design/evidence-model.md P8 "two imports at once both land, in order": several chatproof processes import into one
 * archive at the same moment (WAL, a busy timeout, one IMMEDIATE transaction per capture). All
 * must land, the log must stay one chain (seqs 1..n, each capture row named by exactly the entry
 * it points at), and readers running meanwhile must only ever see committed states. A write lock
 * held longer than the busy timeout must end in exit 4 with a message, not a hang or a crash.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { ensureBuilt, runCliProcess, startCli, type Finished } from './support/cli-process.js';
import { counts, expectConsistentLog, expectVerifies, verify } from './support/inspect.js';
import { lineExport } from './support/line-export.js';
import { reportNumbers } from './support/random.js';

const PER_IMPORT = 10_000;
const tmp = tempArchive();
afterAll(() => tmp.cleanup());
beforeAll(() => ensureBuilt());

function exportFile(name: string, title: string, messages = PER_IMPORT): string {
  const file = join(tmp.dir, `${name}.txt`);
  writeFileSync(file, lineExport({ title, messages, tag: name }));
  return file;
}

interface ImportJson {
  capture: { id: string; room: { id: string }; messages: number; entry: { seq: number; hash: string } };
}

/** Starts every import at once; resolves with each process's result. */
async function importAll(db: string, files: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Finished[]> {
  return Promise.all(files.map((f) => startCli(['import', f, '--db', db, '--json'], { env }).done));
}

/** What each process said it recorded must be what the log holds, entry for entry. */
function expectReportedEntries(db: string, results: readonly Finished[]): void {
  const facts = expectConsistentLog(db);
  const sqlite = new Database(db, { readonly: true });
  try {
    for (const r of results) {
      const out = JSON.parse(r.stdout) as ImportJson;
      expect(facts.captureEntries.get(out.capture.id)).toBe(out.capture.entry.seq);
      expect(sqlite.prepare('SELECT hash FROM log WHERE seq = ?').pluck().get(out.capture.entry.seq)).toBe(out.capture.entry.hash);
    }
  } finally {
    sqlite.close();
  }
}

describe('concurrent writers (P8)', () => {
  it('two processes creating a new archive and importing at once both land', async () => {
    const db = join(tmp.dir, 'two', 'archive.db');
    const files = [exportFile('two-a', '二人目A'), exportFile('two-b', '二人目B')];
    const results = await importAll(db, files);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const report = await expectVerifies(db);
    expect(report.captures).toBe(2);
    expect(counts(db)).toMatchObject({ rooms: 2, captures: 2, entries: 4, messages: 2 * PER_IMPORT });
    expectReportedEntries(db, results);
  });

  it('four processes importing into one room at once all land, in one chain, in one room', async () => {
    const db = join(tmp.dir, 'four', 'archive.db');
    // Start from an existing archive with the room in it, so the four race only for the write lock.
    const seed = await runCliProcess(['import', exportFile('four-seed', '四人の部屋', 100), '--db', db]);
    expect(seed.code, seed.stderr).toBe(0);
    const files = [0, 1, 2, 3].map((i) => exportFile(`four-${i}`, '四人の部屋'));
    const results = await importAll(db, files);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const report = await expectVerifies(db);
    expect(report.captures).toBe(5);
    expect(counts(db)).toMatchObject({ rooms: 1, captures: 5, entries: 6 });
    const rooms = new Set(results.map((r) => (JSON.parse(r.stdout) as ImportJson).capture.room.id));
    expect(rooms.size).toBe(1);
    expectReportedEntries(db, results);
  });

  it('four processes creating the same new room at once make one room, not four', async () => {
    const db = join(tmp.dir, 'race-room', 'archive.db');
    const files = [0, 1, 2, 3].map((i) => exportFile(`race-${i}`, '同時に作る部屋', 2_000));
    const results = await importAll(db, files);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await expectVerifies(db);
    expect(counts(db)).toMatchObject({ rooms: 1, captures: 4, entries: 5 });
    expectReportedEntries(db, results);
  });

  it('readers (verify, show, rooms) during four writers see only whole, committed states', async () => {
    const db = join(tmp.dir, 'readers', 'archive.db');
    const seed = await runCliProcess(['import', exportFile('read-seed', '読む部屋', 100), '--db', db]);
    expect(seed.code, seed.stderr).toBe(0);
    // Started 250 ms apart (while the readers already run), so that their commits spread out and
    // the readers meet the states between them.
    const files = [0, 1, 2, 3].map((i) => exportFile(`read-${i}`, '読む部屋'));
    let running = files.length;
    const all = Promise.all(
      files.map(async (f, i) => {
        await new Promise((resolve) => setTimeout(resolve, 250 * i));
        return startCli(['import', f, '--db', db, '--json']).done.finally(() => running--);
      }),
    );
    let reads = 0;
    let lastCaptures = 1;
    const seenCaptureCounts = new Set<number>();
    while (running > 0) {
      const v = await verify(db);
      expect(v.report?.problems, v.stderr).toEqual([]);
      expect(v.code, v.stderr).toBe(0);
      const rooms = await cli(['rooms', '--json', '--db', db]);
      expect(rooms.code, rooms.stderr).toBe(0);
      const room = rooms.json<{ rooms: { title: string; captures: number }[] }>().rooms.find((r) => r.title === '読む部屋')!;
      // Captures appear whole and one at a time: the count never goes back.
      expect(room.captures).toBeGreaterThanOrEqual(lastCaptures);
      lastCaptures = room.captures;
      seenCaptureCounts.add(room.captures);
      const list = await cli(['captures', '読む部屋', '--json', '--db', db]);
      expect(list.code, list.stderr).toBe(0);
      // Every capture a reader can see is whole: the seed's 100 messages or a writer's whole export, never a part.
      for (const c of list.json<{ captures: { messages: number }[] }>().captures) expect([100, PER_IMPORT]).toContain(c.messages);
      const show = await cli(['show', '読む部屋', '--json', '--db', db]);
      expect(show.code, show.stderr).toBe(0);
      expect(show.json<{ messages: unknown[] }>().messages.length).toBeGreaterThanOrEqual(100);
      reads++;
      // The in-process commands above finish without ever giving the event loop a turn, and the
      // writers' exit events need one: without this the loop would spin forever.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const results = await all;
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await expectVerifies(db);
    expectReportedEntries(db, results);
    reportNumbers('concurrent-readers', { writers: 4, readRounds: reads, captureCountsSeen: [...seenCaptureCounts].sort() });
    expect(reads).toBeGreaterThanOrEqual(1);
  });

  it('a write lock held past CHATPROOF_BUSY_TIMEOUT_MS ends the import with exit 4 and says why, storing nothing', async () => {
    const db = join(tmp.dir, 'locked', 'archive.db');
    const file = exportFile('locked', 'ロック', 200);
    expect((await runCliProcess(['import', exportFile('locked-seed', 'ロック', 10), '--db', db])).code).toBe(0);
    const before = counts(db);
    // Another program (here: the test) holds the write lock, as a stuck writer would.
    const holder = new Database(db);
    holder.prepare('BEGIN IMMEDIATE').run();
    let r: Finished;
    try {
      r = await runCliProcess(['import', file, '--db', db], { env: { CHATPROOF_BUSY_TIMEOUT_MS: '300' } });
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/busy/i);
    expect(r.stderr).toMatch(/another chatproof process/);
    expect(r.stderr).not.toMatch(/internal error/);
    // It waited for the timeout it was given, not the 10 s default.
    expect(r.ms).toBeLessThan(8_000);
    expect(counts(db)).toEqual(before);
    // Once the lock is gone the same import goes through.
    expect((await runCliProcess(['import', file, '--db', db])).code).toBe(0);
    await expectVerifies(db);
  });
});
