/**
 * `chatproof backup FILE` (SQLite's online backup API) while another process keeps writing: each
 * copy must verify on its own, hold a prefix of the live log (the same entries, hash for hash),
 * contain only whole captures, and be private (0600) like the archive.
 */
import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempArchive } from '../support/temp.js';
import { ensureBuilt, runCliProcess, startShell, BIN } from './support/cli-process.js';
import { counts, expectConsistentLog, expectVerifies, logFacts } from './support/inspect.js';
import { lineExport } from './support/line-export.js';
import { reportNumbers } from './support/random.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());
beforeAll(() => ensureBuilt());

const PER_IMPORT = 10_000;
const MAX_COPIES = 8;

function logHashes(db: string): string[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare('SELECT hash FROM log ORDER BY seq').pluck().all() as string[];
  } finally {
    sqlite.close();
  }
}

describe('backup while the archive is in use', () => {
  it('copies taken while a writer imports again and again verify, are a prefix of the live log, and are 0600', async () => {
    const db = join(tmp.dir, 'live', 'archive.db');
    const files = [0, 1, 2, 3].map((i) => {
      const p = join(tmp.dir, `w${i}.txt`);
      writeFileSync(p, lineExport({ title: 'バックアップ中', messages: PER_IMPORT, tag: `w${i}` }));
      return p;
    });
    const seed = await runCliProcess(['import', files[0]!, '--db', db]);
    expect(seed.code, seed.stderr).toBe(0);
    // The writer: one process after another, importing without pause, as a sync --every would.
    const loop = files
      .slice(1)
      .map((f) => `"${process.execPath}" "${BIN}" import "${f}" --db "${db}" || exit $?`)
      .join('\n');
    const writer = startShell(loop);
    let writing = true;
    const writerDone = writer.done.finally(() => (writing = false));
    const copies: string[] = [];
    do {
      const copy = join(tmp.dir, `copy-${copies.length}.db`);
      const r = await runCliProcess(['backup', copy, '--db', db]);
      expect(r.code, r.stderr).toBe(0);
      copies.push(copy);
    } while (writing && copies.length < MAX_COPIES);
    const w = await writerDone;
    expect(w.code, w.stderr).toBe(0);

    const live = logHashes(db);
    const seen = new Set<number>();
    for (const copy of copies) {
      expect(statSync(copy).mode & 0o777, copy).toBe(0o600);
      await expectVerifies(copy);
      expectConsistentLog(copy);
      const hashes = logHashes(copy);
      // A copy is the archive as it was at one moment: the live log starts with exactly its entries.
      expect(live.slice(0, hashes.length)).toEqual(hashes);
      const c = counts(copy);
      seen.add(c.captures);
      expect(c.messages).toBe(c.captures * PER_IMPORT);
      for (const row of logFacts(copy).captureRows.values()) expect(row.messageCount).toBe(PER_IMPORT);
    }
    reportNumbers('backup', { copies: copies.length, captureCountsInCopies: [...seen].sort(), liveCaptures: counts(db).captures });
    expect(copies.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('a backup over an existing file with loose permissions leaves it 0600', async () => {
    const db = join(tmp.dir, 'perm', 'archive.db');
    const input = join(tmp.dir, 'perm.txt');
    writeFileSync(input, lineExport({ title: '権限', messages: 10, tag: 'perm' }));
    expect((await runCliProcess(['import', input, '--db', db])).code).toBe(0);
    const copy = join(tmp.dir, 'loose.db');
    writeFileSync(copy, '', { mode: 0o644 });
    const r = await runCliProcess(['backup', copy, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    await expectVerifies(copy);
  });
});
