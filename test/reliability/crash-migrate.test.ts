/**
 * Issue 21: an archive of the layout before migrations/0003 (originals whole in `blobs.bytes`,
 * lists whole in `captures.message_hashes`, messages as canonical JSON in `messages.canonical_json`)
 * is upgraded by the first chatproof command that opens it, through 0003, 0004, 0005 and 0006
 * (lists of pieces as trees) in one transaction. The upgrade is SIGKILLed at random points; after every kill the archive must be in
 * the old layout or the new one, never between, and then open, verify, and hold every capture,
 * log entry, message form and original byte for byte.
 */
import Database from 'better-sqlite3';
import { copyFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { Archive } from '../../src/store/archive.js';
import { FORM_READ, formText } from '../../src/store/message-forms.js';
import { toLayoutBefore0003 } from '../support/old-layout.js';
import { tempArchive } from '../support/temp.js';
import { ensureBuilt, runCliProcess, startCli } from './support/cli-process.js';
import { expectVerifies } from './support/inspect.js';
import { lineExport } from './support/line-export.js';
import { reportNumbers, seededRandom } from './support/random.js';

const KILLS = 10;
const tmp = tempArchive();
const pristine = join(tmp.dir, 'old-layout.db');
/** Three LINE exports of ~1 MB each, imported: enough chunks that the upgrade takes a while to kill inside. */
const originals = ['a', 'b', 'c'].map((tag) => Buffer.from(lineExport({ title: `移行 ${tag}`, messages: 12_000, tag })));

beforeAll(async () => {
  ensureBuilt();
  for (const [i, b] of originals.entries()) {
    const file = join(tmp.dir, `export-${i}.txt`);
    writeFileSync(file, b);
    const r = await runCliProcess(['import', file, '--db', pristine]);
    expect(r.code, r.stderr).toBe(0);
  }
  toLayoutBefore0003(pristine);
});
afterAll(() => tmp.cleanup());

type Layout = 'old' | 'new';

/** Which layout the file holds, read without chatproof; anything between the two fails the test. */
function layoutOf(path: string): Layout {
  const db = new Database(path, { readonly: true });
  try {
    const has = (sql: string): boolean => (db.prepare(sql).pluck().get() as number) > 0;
    const bytes = has("SELECT COUNT(*) FROM pragma_table_info('blobs') WHERE name = 'bytes'");
    const chunks = has("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('chunks', 'blob_chunks')");
    const pieces = has("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('blob_chunks', 'capture_lists', 'list_chunks')");
    const trees =
      (db
        .prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('list_nodes', 'capture_list_roots', 'blob_chunk_roots')")
        .pluck()
        .get() as number) === 3;
    const fields = has("SELECT COUNT(*) FROM pragma_table_info('messages') WHERE name = 'body'");
    const applied = db.prepare('SELECT COUNT(*) FROM __drizzle_migrations').pluck().get() as number;
    if (bytes && !chunks && !pieces && !trees && !fields && applied === 3) return 'old';
    if (!bytes && chunks && !pieces && trees && fields && applied === 7) return 'new';
    throw new Error(
      `half-migrated archive: bytes column ${bytes}, chunk tables ${chunks}, tables of pieces ${pieces}, trees ${trees}, message fields ${fields}, ${applied} migrations recorded`,
    );
  } finally {
    db.close();
  }
}

function sizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Every message's form, as the archive gives it (re-made from its fields, or as stored before 0005), by key. */
function formsOf(path: string): Map<string, string> {
  const db = new Database(path, { readonly: true });
  try {
    const fields = (db.prepare("SELECT COUNT(*) FROM pragma_table_info('messages') WHERE name = 'body'").pluck().get() as number) > 0;
    if (!fields) return new Map(db.prepare('SELECT lower(hex(hash)), CAST(canonical_json AS TEXT) FROM messages').raw().all() as [string, string][]);
    const rows = db.prepare(`SELECT lower(hex(hash)), ${FORM_READ} FROM messages`).raw().all() as unknown[][];
    return new Map(rows.map((r) => [r[0] as string, formText(r, 1)]));
  } finally {
    db.close();
  }
}

function logOf(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT * FROM log ORDER BY seq').all();
  } finally {
    db.close();
  }
}

describe('SIGKILL during the upgrade to chunked originals, messages as fields and lists as trees', () => {
  it(`killed at least ${KILLS} times at random points: old or new layout, and then every capture and original is there`, async () => {
    const rnd = seededRandom('crash-migrate');
    const log = logOf(pristine);
    const forms = formsOf(pristine);
    expect(forms.size).toBeGreaterThan(30_000);
    const uncut = join(tmp.dir, 'uncut.db');
    copyFileSync(pristine, uncut);
    const full = await startCli(['verify', '--db', uncut, '--json']).done;
    expect(full.code, full.stderr).toBe(0);
    expect(layoutOf(uncut)).toBe('new');
    const seen: Record<Layout, number> = { old: 0, new: 0 };
    /** Kills that found the commit under way (a -wal file with frames) and left the old layout. */
    let rolledBack = 0;
    // The three kinds of outcome asserted below depend on where kills land, which the machine's
    // load shifts: past the first KILLS, kills go on (at most 3 × KILLS) until each has been seen.
    const covered = (): boolean => seen.old > 0 && seen.new > 0 && rolledBack > 0;
    for (let k = 0; k < KILLS || (!covered() && k < 3 * KILLS); k++) {
      const db = join(tmp.dir, `kill-${k}.db`);
      copyFileSync(pristine, db);
      const run = startCli(['verify', '--db', db, '--json']);
      // Odd kills are spread over the whole run and a little past it (start-up, the upgrade, the
      // verify after it), each at a random point of its own slice. The upgrade's transaction
      // stays in memory until it commits, so even kills are aimed at the commit: as soon as the
      // -wal file has frames, plus up to 20 ms.
      const aimed = k % 2 === 0;
      const at = (((k % KILLS) + rnd.next()) / KILLS) * full.ms * 1.2;
      let walAtKill = 0;
      const kill = (): void => {
        if (run.child.exitCode !== null || run.child.signalCode !== null) return;
        walAtKill = sizeOrZero(`${db}-wal`);
        run.child.kill('SIGKILL');
      };
      const timer = aimed ? null : setTimeout(kill, at);
      const poll = aimed
        ? setInterval(() => {
            if (sizeOrZero(`${db}-wal`) > 0) {
              clearInterval(poll!);
              setTimeout(kill, rnd.between(0, 20));
            }
          }, 1)
        : null;
      const done = await run.done;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      const layout = layoutOf(db);
      seen[layout]++;
      if (layout === 'old' && walAtKill > 0) rolledBack++;
      // The next open upgrades what the kill left; nothing of the evidence may be missing or changed.
      const report = await expectVerifies(db);
      expect(report.captures).toBe(3);
      expect(logOf(db)).toEqual(log);
      expect(formsOf(db)).toEqual(forms);
      const a = Archive.open(db, { readonly: true });
      try {
        for (const b of originals) expect(a.blob(sha256Hex(b)).equals(b)).toBe(true);
      } finally {
        a.close();
      }
      expect(done.signal === 'SIGKILL' || done.code === 0).toBe(true);
      rmSync(db, { force: true });
      for (const ext of ['-wal', '-shm']) rmSync(db + ext, { force: true });
    }
    reportNumbers('crash-migrate', { kills: seen.old + seen.new, uncutMs: full.ms, leftOld: seen.old, leftNew: seen.new, rolledBack });
    // Kills that all landed after the commit, or all before the upgrade began, would prove little.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
    expect(rolledBack).toBeGreaterThan(0);
  }, 180_000);
});
