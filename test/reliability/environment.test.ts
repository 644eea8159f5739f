/**
 * The machine around the archive misbehaves: a folder the user may not write, a full disk, an
 * archive from a newer chatproof, a damaged file, a careless umask. Each must end in exit 4 (or 5
 * where verify finds damage) with a message a person can act on, never exit 1, and never a
 * half-written capture.
 *
 * Tests here run as root, where permission bits do not bind. Then the read-only cases run the
 * CLI as the unprivileged user `nobody` (spawn's uid/gid), for whom chmod 0500 does bind. Failures
 * root cannot be stopped by are produced another way: a path through a regular file (ENOTDIR), a
 * `max_page_count` cap on the connection (SQLITE_FULL), `ulimit -f` on the process (EFBIG).
 */
import Database from 'better-sqlite3';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  openSync,
  readdirSync,
  readSync,
  closeSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../src/core/errors.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { Archive } from '../../src/store/archive.js';
import { decodeInput } from '../../src/importers/decode.js';
import { lineImporter } from '../../src/importers/line/index.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { ensureBuilt, runCliProcess, startCli, startShell, BIN } from './support/cli-process.js';
import { counts, expectConsistentLog, expectVerifies, verify } from './support/inspect.js';
import { lineExport } from './support/line-export.js';
import { reportNumbers, seededRandom } from './support/random.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());
beforeAll(() => ensureBuilt());

const mode = (p: string): number => statSync(p).mode & 0o777;

function writeExport(name: string, messages: number): string {
  const p = join(tmp.dir, `${name}.txt`);
  writeFileSync(p, lineExport({ title: name, messages, tag: name }));
  return p;
}

/**
 * A capture of a generated LINE export of `n` messages, recorded in-process as `import` records
 * it (the export parsed by the LINE importer), so that `verify`'s comparison with the original holds.
 */
function recordGenerated(a: Archive, title: string, n: number): void {
  const raw = Buffer.from(lineExport({ title, messages: n, tag: title }));
  const parsed = lineImporter.parse(decodeInput(raw, `${title}.txt`), { tz: 'Asia/Tokyo', members: [], roomTitle: null });
  if (!parsed.ok) throw new Error('the generated export did not parse');
  const { variant, messages, coverageEnd, sourceSavedAt } = parsed.result;
  a.recordCapture({
    room: { source: 'line', externalId: null, title },
    raw,
    format: 'line',
    variant,
    parserVersion: lineImporter.parserVersion,
    tz: 'Asia/Tokyo',
    coverageKind: 'full',
    messages,
    ...(coverageEnd ? { coverageEnd } : {}),
    ...(sourceSavedAt ? { sourceSavedAt } : {}),
  });
}

describe('folders the user may not write', () => {
  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65534;

  it('an archive in a read-only folder (chmod 0500), as a user the bits bind: exit 4 and a message, nothing changed', async (test) => {
    // Its own folder under the system temp dir: tmp.dir is 0700 root's, which nobody could not enter.
    const base = mkdtempSync(join(tmpdir(), 'chatproof-perm-'));
    const ro = join(base, 'ro');
    mkdirSync(ro, { recursive: true });
    const db = join(ro, 'archive.db');
    const seeded = await cli(['import', writeExport('既存', 5), '--db', db]);
    expect(seeded.code, seeded.stderr).toBe(0);
    // An archive the user may write, beside the folder they may not: the source of a backup into it.
    expect((await cli(['import', writeExport('書ける', 5), '--db', join(base, 'writable.db')])).code).toBe(0);
    const input = join(base, 'new.txt');
    writeFileSync(input, lineExport({ title: '新規', messages: 5, tag: 'ro' }));
    const before = counts(db);
    // Reading opened the WAL files and a read-only connection leaves them behind; they hold no
    // frames (the writer checkpointed on close). Without them the folder's bits decide, as for a
    // user whose archive was closed cleanly.
    for (const f of [`${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const user = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
    if (asRoot) for (const p of [base, ro, db, input, join(base, 'writable.db')]) chownSync(p, NOBODY, NOBODY);
    chmodSync(db, 0o600);
    chmodSync(ro, 0o500);
    try {
      // A checkout, or a Node, that only root may read (e.g. under /root) cannot be run as nobody:
      // then only the injected failures of the next test speak for this case. A Node binary nobody
      // may execute fails the spawn itself (EACCES) rather than the CLI.
      const probe = await runCliProcess(['--version'], user).catch((e: Error) => ({ code: -1, stderr: e.message }));
      if (asRoot && probe.code !== 0) {
        console.info(`[reliability] read-only-folder: skipped, the CLI cannot run as uid ${NOBODY} here: ${probe.stderr.split('\n')[0]}`);
        test.skip();
      }
      expect(probe.code, probe.stderr).toBe(0);

      const existing = await runCliProcess(['import', input, '--db', db], user);
      expect(existing.code, existing.stderr).toBe(4);
      expect(existing.stderr).toMatch(/Cannot open the archive .*archive\.db for writing/);
      expect(existing.stderr).not.toMatch(/internal error/);

      const fresh = await runCliProcess(['import', input, '--db', join(ro, 'new.db')], user);
      expect(fresh.code, fresh.stderr).toBe(4);
      expect(fresh.stderr).toMatch(/Cannot open the archive .*new\.db/);
      expect(existsSync(join(ro, 'new.db'))).toBe(false);

      // Reading needs no write access to the archive itself; the WAL index may still need the folder.
      const reader = await runCliProcess(['verify', '--db', db], user);
      expect([0, 4], reader.stderr).toContain(reader.code);
      if (reader.code === 4) expect(reader.stderr).toMatch(/Cannot open the archive .*archive\.db/);
      reportNumbers('read-only-folder', { ranAs: asRoot ? 'nobody (65534)' : `uid ${process.getuid?.()}`, verifyExit: reader.code });

      const backup = await runCliProcess(['backup', join(ro, 'copy.db'), '--db', join(base, 'writable.db')], user);
      // The output's folder is one the user chose and may not write: a refused path (exit 2, as
      // for every output path chatproof will not write; src/output/atomic-file.ts), not a broken archive.
      expect(backup.code, backup.stderr).toBe(2);
      expect(backup.stderr).toMatch(/copy\.db.*EACCES/);
      expect(existsSync(join(ro, 'copy.db'))).toBe(false);
      expect(counts(db)).toEqual(before);
    } finally {
      chmodSync(ro, 0o700);
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('a --db path through a regular file, or a folder as --db: exit 4 with a message (root cannot bypass these)', async () => {
    const notDir = join(tmp.dir, 'plain-file');
    writeFileSync(notDir, 'not a folder');
    const input = writeExport('どこにも', 3);
    for (const db of [join(notDir, 'archive.db'), join(notDir, 'sub', 'archive.db'), tmp.dir]) {
      const r = await cli(['import', input, '--db', db]);
      expect(r.code, `${db}: ${r.stderr}`).toBe(4);
      expect(r.stderr).toMatch(/^chatproof: .*archive|^chatproof: .*open/im);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });
});

describe('a full disk', () => {
  it('SQLITE_FULL in the middle of a capture (max_page_count): ArchiveError → exit 4, nothing half-written', async () => {
    const db = join(tmp.dir, 'full.db');
    const a = Archive.open(db);
    recordGenerated(a, '最初', 100);
    const before = counts(db);
    const pages = a.sqlite.pragma('page_count', { simple: true }) as number;
    // The file may grow by 20 pages: far less than 20k messages need.
    a.sqlite.pragma(`max_page_count = ${pages + 20}`);
    let thrown: unknown;
    try {
      recordGenerated(a, '満杯', 20_000);
    } catch (e) {
      thrown = e;
    }
    a.close();
    expect(thrown).toBeInstanceOf(ArchiveError);
    expect((thrown as Error).message).toMatch(/full; nothing was written/);
    expect(exitCodeFor(thrown)).toBe(4);
    expect(counts(db)).toEqual(before);
    await expectVerifies(db);
    const again = Archive.open(db);
    recordGenerated(again, '満杯', 20_000);
    again.close();
    expect(counts(db).captures).toBe(before.captures + 1);
    await expectVerifies(db);
  });

  it('the disk fills during a CLI import (ulimit -f: writes past the limit fail): exit 4, message, archive as before', async () => {
    const db = join(tmp.dir, 'ulimit', 'archive.db');
    const seeded = await runCliProcess(['import', writeExport('ulimit-seed', 100), '--db', db]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = counts(db);
    const big = writeExport('ulimit-big', 60_000);
    // bash counts ulimit -f in 1024-byte blocks; node itself ignores SIGXFSZ, so the write fails with EFBIG.
    const limitKb = Math.ceil(statSync(db).size / 1024) + 1024;
    const r = await startShell(`ulimit -f ${limitKb} && exec "${process.execPath}" "${BIN}" import "${big}" --db "${db}"`).done;
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/^chatproof: /m);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(counts(db)).toEqual(before);
    await expectVerifies(db);
    expectConsistentLog(db);
  });
});

describe('an archive from a newer chatproof', () => {
  it('a migration this version does not know → exit 4 "newer version", for writers and readers, and nothing changes', async () => {
    const db = join(tmp.dir, 'future.db');
    expect((await cli(['import', writeExport('未来', 5), '--db', db])).code).toBe(0);
    const sqlite = new Database(db);
    sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('a-future-migration', 4_102_444_800_000);
    sqlite.close();
    const before = counts(db);
    for (const args of [['import', writeExport('未来2', 5)], ['verify'], ['rooms'], ['backup', join(tmp.dir, 'future-copy.db')]]) {
      const r = await cli([...args, '--db', db]);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(4);
      expect(r.stderr).toMatch(/newer version of chatproof/);
      expect(r.stderr).toMatch(/Update chatproof/);
    }
    expect(counts(db)).toEqual(before);
  });
});

describe('a damaged archive file', () => {
  it('pages overwritten in the middle: verify reports it (exit 4 or 5, a message), never crashes or says "ok"', async () => {
    const rnd = seededRandom('damage');
    const pristine = join(tmp.dir, 'pristine.db');
    const a = Archive.open(pristine);
    for (let i = 0; i < 3; i++) recordGenerated(a, `部屋${i}`, 4_000);
    a.close(); // the last connection checkpoints: everything is in the main file now
    const pageSize = 4096;
    const pageCount = Math.floor(statSync(pristine).size / pageSize);
    expect(pageCount).toBeGreaterThan(200);
    const codes: number[] = [];
    for (const at of [0, 0.1, 0.3, 0.5, 0.7, 0.9]) {
      const db = join(tmp.dir, `damaged-${at}.db`);
      copyFileSync(pristine, db);
      const fd = openSync(db, 'r+');
      const first = Math.max(0, Math.floor(at * pageCount));
      const junk = Buffer.alloc(pageSize * 3);
      for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rnd.next() * 256);
      writeSync(fd, junk, 0, junk.length, first * pageSize);
      closeSync(fd);
      const v = await verify(db);
      codes.push(v.code);
      expect(v.stderr, `damage at page ${first}`).not.toMatch(/internal error/);
      expect([4, 5], `damage at page ${first}: ${v.stderr}`).toContain(v.code);
      if (v.code === 4) expect(v.stderr).toMatch(/not a readable chatproof archive|damaged/);
      else expect(v.report?.problems.length).toBeGreaterThan(0);
      // Other commands on the damaged file: a message and exit 4/5, or a correct answer; never a crash.
      const rooms = await cli(['rooms', '--json', '--db', db]);
      expect(rooms.stderr).not.toMatch(/internal error/);
      expect([0, 4, 5]).toContain(rooms.code);
    }
    reportNumbers('damage', { pages: pageCount, damagedAt: [0, 0.1, 0.3, 0.5, 0.7, 0.9], verifyExits: codes });
  });

  it('the file cut short (truncated to half): exit 4 or 5 with a message', async () => {
    const db = join(tmp.dir, 'cut.db');
    const a = Archive.open(db);
    recordGenerated(a, '途中', 4_000);
    a.close();
    const size = statSync(db).size;
    const half = Buffer.alloc(Math.floor(size / 2));
    const fd = openSync(db, 'r');
    readSync(fd, half, 0, half.length, 0);
    closeSync(fd);
    writeFileSync(db, half);
    const v = await verify(db);
    expect(v.stderr).not.toMatch(/internal error/);
    expect([4, 5], v.stderr).toContain(v.code);
  });
});

describe('file modes', () => {
  it('a new archive is 0600 in a 0700 folder, and so are its -wal and -shm, even under umask 000', async () => {
    const folder = join(tmp.dir, 'modes', 'deep');
    const db = join(folder, 'archive.db');
    const big = writeExport('modes', 60_000);
    const run = startShell(`umask 000 && exec "${process.execPath}" "${BIN}" import "${big}" --db "${db}"`);
    // Catch the WAL files while the import runs (a clean exit removes them).
    const seen = new Map<string, number>();
    const poll = setInterval(() => {
      if (!existsSync(folder)) return;
      for (const f of readdirSync(folder)) {
        try {
          seen.set(f, mode(join(folder, f)));
        } catch {
          /* removed between readdir and stat */
        }
      }
    }, 2);
    const r = await run.done;
    clearInterval(poll);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(folder)).toBe(0o700);
    expect(mode(db)).toBe(0o600);
    expect(seen.get('archive.db-wal')).toBe(0o600);
    expect(seen.get('archive.db-shm')).toBe(0o600);
    for (const [f, m] of seen) expect(m, f).toBe(0o600);
  });

  it('files a crash leaves behind (-wal, -shm) are 0600 too, and the next import completes the archive', async () => {
    const folder = join(tmp.dir, 'modes-kill');
    const db = join(folder, 'archive.db');
    const big = writeExport('modes-kill', 60_000);
    const run = startCli(['import', big, '--db', db]);
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (existsSync(`${db}-wal`) || run.child.exitCode !== null) {
          clearInterval(t);
          resolve();
        }
      }, 2);
    });
    run.child.kill('SIGKILL');
    await run.done;
    const left = readdirSync(folder);
    expect(left).toContain('archive.db-wal');
    for (const f of left) expect(mode(join(folder, f)), f).toBe(0o600);
    const again = await runCliProcess(['import', writeExport('modes-again', 10), '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    await expectVerifies(db);
  });
});
