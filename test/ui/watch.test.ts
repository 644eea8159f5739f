import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { watchUntil as watchLines } from '../support/watch.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const temps: ReturnType<typeof tempArchive>[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** `chatproof watch --json` in a fresh temp folder and archive, until `lines` log lines. */
async function watchUntil(lines: number, drop: (folder: string) => void): Promise<{ code: number; events: Record<string, unknown>[]; db: string }> {
  const t = tempArchive();
  temps.push(t);
  return { ...(await watchLines(t.dir, t.db, lines, drop)), db: t.db };
}

it('imports a new export once complete, into the room it names, and skips the same bytes again', async () => {
  const scenario = join(FIXTURES, 'scenarios', 'line-unsend-and-delete');
  const { code, events, db } = await watchUntil(2, (folder) => {
    copyFileSync(join(scenario, 'capture-1.txt'), join(folder, 'export.txt'));
    setTimeout(() => copyFileSync(join(scenario, 'capture-1.txt'), join(folder, 'export (1).txt')), 600);
  });
  expect(code).toBe(0);
  expect(events.map((e) => [e['type'], String(e['file']).replace(/.*\//, '')])).toEqual([
    ['imported', 'export.txt'],
    ['skipped', 'export (1).txt'],
  ]);
  const rooms = await cli(['rooms', '--json', '--db', db]);
  expect(rooms.json<{ rooms: { title: string; captures: number }[] }>().rooms.map((r) => [r.title, r.captures])).toEqual([['佐藤花子', 1]]);
});

it('leaves a paste that names no room waiting, and stores nothing', async () => {
  const { events, db } = await watchUntil(1, (folder) => {
    copyFileSync(join(FIXTURES, 'crowdworks', 'paste-contract-thread', 'input.txt'), join(folder, 'copied.txt'));
    writeFileSync(join(folder, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  });
  expect(events).toEqual([expect.objectContaining({ type: 'waiting', why: 'room' })]);
  expect((await cli(['rooms', '--db', db])).code).toBe(4);
});

it('refuses a folder that does not exist', async () => {
  const t = tempArchive();
  temps.push(t);
  const r = await cli(['watch', join(t.dir, 'nowhere'), '--db', t.db]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('There is no folder');
});
