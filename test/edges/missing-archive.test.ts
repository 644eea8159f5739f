/**
 * Issue 22, break 6: `report`, `attach` and `note` with a mistyped --db created a new, empty
 * archive while failing. Only import and sync create evidence, so only they create an archive;
 * every other command on a missing archive is exit 4, "No archive at PATH", and leaves nothing.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());

const commands: [string, (db: string) => string[]][] = [
  ['rooms', (db) => ['rooms', '--db', db]],
  ['captures', (db) => ['captures', 'x', '--db', db]],
  ['show', (db) => ['show', 'x', '--db', db]],
  ['diff', (db) => ['diff', 'x', '--db', db]],
  ['note', (db) => ['note', 'x', 'seen', '--db', db]],
  ['attach', (db) => ['attach', 'x', join(tmp.dir, 'shot.png'), '--db', db]],
  ['verify', (db) => ['verify', '--db', db]],
  ['reparse', (db) => ['reparse', '0123456789abcdef', '--db', db]],
  ['report', (db) => ['report', 'x', '-o', join(tmp.dir, 'r.pdf'), '--db', db]],
  ['backup', (db) => ['backup', join(tmp.dir, 'copy.db'), '--db', db]],
];

describe('a command that creates no evidence creates no archive', () => {
  writeFileSync(join(tmp.dir, 'shot.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  for (const [name, args] of commands) {
    it(`${name} on a mistyped --db: exit 4, "No archive at PATH", nothing created`, async () => {
      const db = join(tmp.dir, 'typo', `${name}.db`);
      const before = readdirSync(tmp.dir).sort();
      const r = await cli(args(db));
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(`No archive at ${db}`);
      expect(existsSync(db)).toBe(false);
      expect(readdirSync(tmp.dir).sort()).toEqual(before);
    });
  }

  it('without --db the message names the default archive the command looked for', async () => {
    const xdg = join(tmp.dir, 'xdg');
    const r = await cli(['note', 'x', 'seen'], { env: { XDG_DATA_HOME: xdg } });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain(join(xdg, 'chatproof', 'archive.db'));
    expect(existsSync(xdg)).toBe(false);
  });

  it('import still makes the archive on first use', async () => {
    const db = join(tmp.dir, 'first.db');
    const r = await cli(['import', join('test', 'fixtures', 'line', '12h-midnight', 'input.txt'), '--yes', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(db)).toBe(true);
  });
});
