import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { renderUnchecked } from '../support/render-unchecked.js';
import { restateCaptures } from '../support/restate.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, type VerifyJson } from './helpers.js';

/**
 * A capture made by `reparse` is placed in its room's history by the raw capture it names
 * (`reparseOf`). A log rewritten so that a later capture names an earlier one moves it back in
 * time, and a report re-rendered from that log prints the moved history byte for byte: so
 * `verify-report` holds `reparseOf` to what `verify` holds it to — a capture kept with
 * `import --raw` before it, of the same room and original.
 */

const SCENARIO = join('test', 'fixtures', 'scenarios', 'chatwork-deleted');
const ROOM = '案件A';
const archives: ReturnType<typeof tempArchive>[] = [];
afterAll(() => archives.forEach((a) => a.cleanup()));

/** Three captures of one room: the messages, two of them deleted, the first answer again. */
async function threeCaptures(): Promise<{ db: string; dir: string; ids: string[] }> {
  const a = tempArchive();
  archives.push(a);
  for (const n of [1, 2, 1]) expectOk(await cli(['import', join(SCENARIO, `capture-${n}.json`), '--room', ROOM, '--db', a.db]));
  const sqlite = new Database(a.db, { readonly: true });
  const ids = sqlite.prepare('SELECT id FROM captures ORDER BY entry_seq').pluck().all() as string[];
  sqlite.close();
  return { db: a.db, dir: a.dir, ids };
}

const verifyReport = async (pdf: string): Promise<{ code: number; json: VerifyJson }> => {
  const r = await cli(['verify-report', pdf, '--json']);
  return { code: r.code, json: r.json<VerifyJson>() };
};

it('genuine: no capture names another, and nothing is said of it', async () => {
  const { db, dir } = await threeCaptures();
  const pdf = join(dir, 'genuine.pdf');
  expectOk(await cli(['report', ROOM, '-o', pdf, '--db', db]));
  const { code, json } = await verifyReport(pdf);
  expect(code).toBe(0);
  expect(json.checks.filter((c) => c.name.endsWith(' read again from'))).toEqual([]);
});

it('the third capture restated as a reading-again of the first (chain recomputed): exit 5, naming it', async () => {
  const { db, dir, ids } = await threeCaptures();
  restateCaptures(db, (c, n) => {
    if (n === 3) c['reparseOf'] = ids[0];
  });
  // The archive now places the third capture before the second: the deleted messages come back no more.
  const captures = await cli(['captures', ROOM, '--db', db, '--json']);
  expect(captures.json<{ captures: { id: string }[] }>().captures.map((c) => c.id)).toEqual([ids[0], ids[2], ids[1]]);
  const pdf = join(dir, 'forged.pdf');
  expect((await cli(['report', ROOM, '-o', pdf, '--db', db])).code).toBe(5);
  expect(existsSync(pdf)).toBe(false);
  await renderUnchecked(db, ROOM, pdf, false);
  const { code, json } = await verifyReport(pdf);
  expect(code).toBe(5);
  // The pages are what chatproof renders from the forged log; only the name it reads again from is wrong.
  expect(json.checks.find((c) => c.name === 'pages')?.ok).toBe(true);
  expect(json.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
    [
      `capture ${ids[2]} read again from`,
      expect.stringMatching(
        new RegExp(
          `^expected a capture kept with import --raw before it, in room [0-9a-f]+, of original [0-9a-f]{64}, but log entry 2: room [0-9a-f]+, original [0-9a-f]{64}, read by chatwork-json@1$`,
        ),
      ),
    ],
  ]);
});
