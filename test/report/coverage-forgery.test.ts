import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { deletedLastExport } from '../support/deleted-last.js';
import { renderUnchecked } from '../support/render-unchecked.js';
import { restateCaptures } from '../support/restate.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, ROOM, scenario, type VerifyJson } from './helpers.js';

/**
 * A capture's window decides whether a report reads a missing message as deleted or as not
 * covered. `report` refuses an archive whose stated window its originals contradict, and
 * `verify-report` derives each window again from the embedded original: a report rendered from a
 * forged log (its pages reproduce byte for byte) fails, exit 5.
 */

const archives: ReturnType<typeof tempArchive>[] = [];
afterAll(() => archives.forEach((a) => a.cleanup()));

/** A report of the deleted-last room; after `forge`, `report` must refuse, and the forger renders it with chatproof's own parts. */
async function reportOf(forge?: (db: string) => void): Promise<string> {
  const a = tempArchive();
  archives.push(a);
  expectOk(await cli(['import', scenario(1), '--db', a.db]));
  expectOk(await cli(['import', deletedLastExport(a.dir), '--db', a.db]));
  const pdf = join(a.dir, 'report.pdf');
  if (forge === undefined) {
    expectOk(await cli(['report', ROOM, '-o', pdf, '--db', a.db]));
    return pdf;
  }
  forge(a.db);
  const refused = await cli(['report', ROOM, '-o', pdf, '--db', a.db]);
  expect(refused.code).toBe(5);
  expect(refused.stderr).toContain('The coverage stated for a capture is not the one its original gives');
  expect(existsSync(pdf)).toBe(false);
  await renderUnchecked(a.db, ROOM, pdf, false);
  return pdf;
}

const verifyReport = async (pdf: string): Promise<{ code: number; json: VerifyJson }> => {
  const r = await cli(['verify-report', pdf, '--json']);
  return { code: r.code, json: r.json<VerifyJson>() };
};

const restated = (side: 'from' | 'to', at: string) => (db: string) =>
  restateCaptures(db, (c, n) => {
    if (n === 2) (c['coverage'] as Record<string, unknown>)[side] = at;
  });

describe("verify-report holds each capture's window to its embedded original", () => {
  it('genuine: each window is the one its original gives', async () => {
    const { code, json } = await verifyReport(await reportOf());
    expect(code).toBe(0);
    expect(json.checks.filter((c) => c.name.endsWith(' coverage')).map((c) => [c.ok, c.detail.split(' — ')[0]])).toEqual([
      [true, expect.stringContaining('it covers 2024-03-04T10:00:00+09:00 to 2024-03-05T20:00:00+09:00, the window its original, parsed again, gives')],
      [true, expect.stringContaining('it covers 2024-03-04T10:00:00+09:00 to 2024-03-12T22:00:00+09:00, the window its original, parsed again, gives')],
    ]);
  });

  it('coverage.to moved back so the deletion reads "not covered": report refuses, the forged report fails, exit 5', async () => {
    const { code, json } = await verifyReport(await reportOf(restated('to', '2024-03-05T19:30:00+09:00')));
    expect(code).toBe(5);
    // Only the window fails: the pages are exactly what chatproof renders from the forged log.
    expect(json.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
      [
        expect.stringMatching(/^capture [0-9a-f]+ coverage$/),
        'its end (coverage.to): expected 2024-03-12T22:00:00+09:00, the save time its original states (the export is complete up to it), but the capture entry states 2024-03-05T19:30:00+09:00',
      ],
    ]);
  });

  it('coverage.from moved: report refuses, the forged report fails, exit 5', async () => {
    const { code, json } = await verifyReport(await reportOf(restated('from', '2024-03-05T19:00:00+09:00')));
    expect(code).toBe(5);
    expect(json.checks.filter((c) => !c.ok).map((c) => c.detail)).toEqual([
      'its start (coverage.from): expected 2024-03-04T10:00:00+09:00, the earliest message of its original, parsed again, but the capture entry states 2024-03-05T19:00:00+09:00',
    ]);
  });
});
