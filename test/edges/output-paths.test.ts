/**
 * Issue 22, breaks 1, 2 and 5: `report -o` and `backup` onto the archive, its SQLite files, a link
 * to it, a device, a FIFO or a folder destroyed evidence or hung. Each is refused now with exit 2,
 * before anything is written: the archive's bytes, the folder's names and the node at the target
 * are as they were. What is written is private (0600) unless --mode widens it on purpose.
 */
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { cli } from '../support/cli.js';
import { importScenario } from '../report/helpers.js';
import { verifyAt } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

const tmp = tempArchive();
const ROOM = '佐藤花子';
const fifo = join(tmp.dir, 'pipe');
const hard = join(tmp.dir, 'hard-link.pdf');
const soft = join(tmp.dir, 'soft-link.pdf');
const folder = join(tmp.dir, 'folder');
// A node of its own for /dev/null's device (1, 3), not the system's: a regression that writes or
// chmods the target (as main did: backup turned a device 0600) damages only the test's copy.
const device = join(tmp.dir, 'null-device');
// mknod needs root, as the tests run here and in CI; elsewhere the device rows are skipped.
const haveDevice = spawnSync('mknod', ['-m', '666', device, 'c', '1', '3']).status === 0;

// Real imports, not the seed: report parses the room's stored originals again, and the seed's are not exports.
beforeAll(async () => {
  await importScenario(tmp.db);
  // A reader leaves the -shm (and -wal) beside a WAL archive, as a live one has them.
  expect(verifyAt(tmp.db).ok).toBe(true);
  writeFileSync(tmp.db + '-journal', '');
  linkSync(tmp.db, hard);
  symlinkSync(tmp.db, soft);
  mkdirSync(folder);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
});
afterAll(() => tmp.cleanup());

interface Snapshot {
  readonly archive: string;
  readonly names: string[];
  readonly node: { mode: number; ino: number; type: string } | null;
}

function snapshot(target: string): Snapshot {
  let node: Snapshot['node'] = null;
  try {
    const s = statSync(target);
    node = { mode: s.mode, ino: s.ino, type: s.isFIFO() ? 'fifo' : s.isCharacterDevice() ? 'char' : s.isDirectory() ? 'dir' : 'file' };
  } catch {
    node = null;
  }
  return { archive: sha256Hex(readFileSync(tmp.db)), names: readdirSync(tmp.dir).sort(), node };
}

const deviceTarget = (): string => device;
const targets: [string, () => string][] = [
  ['the archive itself', () => tmp.db],
  ['the archive spelled another way', () => join(tmp.dir, '.', 'folder', '..', 'archive.db')],
  ['a hard link to the archive', () => hard],
  ['a symbolic link to the archive', () => soft],
  ['its -wal', () => tmp.db + '-wal'],
  ['its -shm', () => tmp.db + '-shm'],
  ['its -journal', () => tmp.db + '-journal'],
  ['a character device', deviceTarget],
  ['a FIFO', () => fifo],
  ['a folder', () => folder],
];

describe('an output that would destroy evidence is refused before anything is written', () => {
  for (const [what, target] of targets) {
    for (const command of ['report', 'backup'] as const) {
      it.skipIf(target === deviceTarget && !haveDevice)(
        `${command} onto ${what}: exit 2, nothing changed`,
        async () => {
          const before = snapshot(target());
          const args = command === 'report' ? ['report', ROOM, '-o', target()] : ['backup', target()];
          const r = await cli([...args, '--db', tmp.db]);
          expect(r.code, r.stderr).toBe(2);
          expect(r.stderr).toMatch(/Not writing to .*Nothing was changed/);
          expect(snapshot(target())).toEqual(before);
          expect(verifyAt(tmp.db).ok).toBe(true);
        },
        20_000,
      );
    }
  }

  it('backup of the archive onto a -wal that does not exist yet is refused by its name', async () => {
    const other = join(tmp.dir, 'other.db');
    const r = await cli(['backup', other + '-wal', '--db', other]);
    expect(r.code, r.stderr).toBe(2);
    expect(readdirSync(tmp.dir)).not.toContain('other.db-wal');
  });
});

describe('a folder where no file can be made', () => {
  for (const command of ['report', 'backup'] as const) {
    it(`${command} into /proc (as root too): exit 2 with the reason, not an internal error`, async () => {
      const target = '/proc/chatproof-edges-test.pdf';
      const r = await cli([...(command === 'report' ? ['report', ROOM, '-o', target] : ['backup', target]), '--db', tmp.db]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/no file can be made in \/proc/);
      expect(verifyAt(tmp.db).ok).toBe(true);
    });
  }
});

describe('what is written is private unless asked otherwise', () => {
  it('a report is 0600, and --mode 640 widens it on purpose', async () => {
    const out = join(tmp.dir, 'r.pdf');
    const r = await cli(['report', ROOM, '-o', out, '--db', tmp.db]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const shared = join(tmp.dir, 'shared.pdf');
    expect((await cli(['report', ROOM, '-o', shared, '--mode', '640', '--db', tmp.db])).code).toBe(0);
    expect(statSync(shared).mode & 0o777).toBe(0o640);
    expect((await cli(['report', ROOM, '-o', shared, '--mode', '9', '--db', tmp.db])).code).toBe(2);
  }, 30_000);

  it('a backup over an old backup with a stale journal beside it replaces both: the copy verifies', async () => {
    const copy = join(tmp.dir, 'copy.db');
    expect((await cli(['backup', copy, '--db', tmp.db])).code).toBe(0);
    // What a backup killed by an older chatproof left: a hot journal that SQLite would replay.
    writeFileSync(copy + '-journal', Buffer.alloc(4096, 0xd9));
    const r = await cli(['backup', copy, '--db', tmp.db]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(tmp.dir)).not.toContain('copy.db-journal');
    expect(verifyAt(copy).ok).toBe(true);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
  });
});
