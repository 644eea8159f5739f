import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { importScenario } from '../report/helpers.js';
import { seedArchive } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

describe('the command line', () => {
  it('--help lists every command and ends with the exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['import', 'rooms', 'captures', 'show', 'diff', 'note', 'verify', 'backup', 'demo'])
      expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    expect(r.stdout.trimEnd()).toMatch(/130\s+interrupted.*$/);
  });

  it("npx chatproof runs the checkout's own bin after a build, as the README says", () => {
    // --no-install: the project's own bin or nothing, never a download of a registry package.
    const r = spawnSync('npx', ['--no-install', 'chatproof', '--help'], { encoding: 'utf8', env: { ...process.env, CHATPROOF_LANG: 'en' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: chatproof');
  });

  it('every command help ends with the exit-code table', async () => {
    const r = await cli(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--clipboard');
    expect(r.stdout).toContain('5    integrity');
  });

  it('an unknown --tz is a usage error (exit 2), even for a command that converts no time', async () => {
    const r = await cli(['rooms', '--tz', 'Asia/Tokio', '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown time zone "Asia/Tokio"');
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await cli(['rooms', '--nope', '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--nope');
  });

  it('creates the archive 0600 in a 0700 folder on first use', async () => {
    const db = join(tmp.dir, 'sub', 'archive.db');
    const r = await cli(['import', join('test', 'fixtures', 'line', '12h-midnight', 'input.txt'), '--yes', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(db)).mode & 0o777).toBe(0o700);
  });

  it('rooms --json lists rooms with the contract keys', async () => {
    seedArchive(tmp.db);
    const r = await cli(['rooms', '--json', '--db', tmp.db]);
    expect(r.code).toBe(0);
    const { rooms } = r.json<{ rooms: Record<string, unknown>[] }>();
    expect(rooms.map((x) => [x['source'], x['title'], x['captures'], x['messages']])).toEqual([
      ['line', '佐藤花子', 2, 3],
      ['chatwork', '案件A', 1, 1],
    ]);
    for (const room of rooms) expect(Object.keys(room)).toEqual(expect.arrayContaining(['id', 'source', 'title', 'captures', 'messages', 'lastCapturedAt']));
  });

  it('an unknown room is exit 2 and lists the rooms; an ambiguous prefix lists candidates', async () => {
    seedArchive(tmp.db);
    const r = await cli(['captures', 'nobody', '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('佐藤花子');
    expect(r.stderr).toContain('案件A');
  });

  // Real imports, not the seed: verify parses every stored original again, and the seed's are not exports.
  it('note appends a chained entry; verify passes and names nothing', async () => {
    await importScenario(tmp.db);
    const before = (await cli(['verify', '--json', '--db', tmp.db])).json<{ entries: number }>();
    const n = await cli(['note', '佐藤花子', 'the client deleted the room on 2024-03-12', '--json', '--db', tmp.db]);
    expect(n.code).toBe(0);
    expect(n.json()).toMatchObject({ seq: before.entries + 1, kind: 'note', payload: { note: { text: 'the client deleted the room on 2024-03-12' } } });
    const v = await cli(['verify', '--json', '--db', tmp.db]);
    expect(v.code).toBe(0);
    expect(v.json()).toMatchObject({ ok: true, entries: before.entries + 1, problems: [] });
  });

  it('verify on a missing archive is exit 4 with what to do', async () => {
    const r = await cli(['verify', '--db', join(tmp.dir, 'none.db')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/No archive at .*none\.db/);
  });

  it('a file that is not SQLite is exit 4, not a crash', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(tmp.db, 'this is not a database'.repeat(100));
    const r = await cli(['rooms', '--db', tmp.db]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/not a readable chatproof archive/);
  });

  it("another program's SQLite database is exit 4 for an import too, and is left exactly as it was", async () => {
    const { readFileSync } = await import('node:fs');
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(tmp.db);
    other.exec("CREATE TABLE messages (hash TEXT PRIMARY KEY, text TEXT); INSERT INTO messages VALUES ('a', 'b')");
    other.close();
    const before = readFileSync(tmp.db);
    const r = await cli(['import', join('test', 'fixtures', 'scenarios', 'line-unsend-and-delete', 'capture-1.txt'), '--db', tmp.db]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/is not a chatproof archive/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readFileSync(tmp.db).equals(before)).toBe(true);
  });

  it('backup writes a copy that verifies on its own', async () => {
    await importScenario(tmp.db);
    const copy = join(tmp.dir, 'copy.db');
    expect((await cli(['backup', copy, '--db', tmp.db])).code).toBe(0);
    const v = await cli(['verify', '--json', '--db', copy]);
    expect(v.code).toBe(0);
    expect(v.json()).toMatchObject({ ok: true, captures: 2 });
  });
});
