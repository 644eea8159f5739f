import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli } from '../support/cli.js';
import { pdfAttachments, pdfPages } from '../support/pdf.js';
import { renderUnchecked } from '../support/render-unchecked.js';
import { restateCaptures } from '../support/restate.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, ROOM, scenario, type VerifyJson } from './helpers.js';

/**
 * Issue 21 item 5 / issue 20: the save time a report prints for each capture comes from its log;
 * re-rendering from a forged log reproduces the pages byte for byte, so `verify-report` derives
 * the time again from the embedded original and fails (exit 5) where the log contradicts it.
 */

const archives: ReturnType<typeof tempArchive>[] = [];
afterAll(() => archives.forEach((a) => a.cleanup()));

/**
 * A report of the scenario room made from `inputs`. After `forge` rewrote the archive, `report`
 * refuses it (exit 5, nothing written), so the forger renders it with chatproof's own parts
 * instead — the same model and renderer `report` uses, without its check before writing.
 */
async function reportOf(inputs: readonly string[], forge?: (db: string) => void): Promise<{ pdf: string; dir: string }> {
  const a = tempArchive();
  archives.push(a);
  for (const input of inputs) expectOk(await cli(['import', input, '--db', a.db]));
  const pdf = join(a.dir, 'report.pdf');
  if (forge === undefined) {
    expectOk(await cli(['report', ROOM, '-o', pdf, '--db', a.db]));
    return { pdf, dir: a.dir };
  }
  forge(a.db);
  const refused = await cli(['report', ROOM, '-o', pdf, '--db', a.db]);
  expect(refused.code).toBe(5);
  expect(refused.stderr).toContain('The save time stated for a capture is not what it is derived from');
  expect(existsSync(pdf)).toBe(false);
  await renderUnchecked(a.db, ROOM, pdf, false);
  return { pdf, dir: a.dir };
}

const verifyReport = async (pdf: string): Promise<{ code: number; json: VerifyJson }> => {
  const r = await cli(['verify-report', pdf, '--json']);
  return { code: r.code, json: r.json<VerifyJson>() };
};

const saveTimeChecks = (json: VerifyJson): VerifyJson['checks'] => json.checks.filter((c) => c.name.endsWith(' save time'));

describe("verify-report holds each capture's printed save time to its embedded original", () => {
  it('genuine: each save time is the one its original states', async () => {
    const { pdf } = await reportOf([scenario(1), scenario(2)]);
    const { code, json } = await verifyReport(pdf);
    expect(code).toBe(0);
    const checks = saveTimeChecks(json);
    expect(checks.map((c) => [c.ok, c.detail.split(' — ')[0]])).toEqual([
      [true, expect.stringContaining('it states 2024-03-05T20:00:00+09:00, the save time its original states')],
      [true, expect.stringContaining('it states 2024-03-12T22:00:00+09:00, the save time its original states')],
    ]);
  });

  it('a report made from an archive whose old capture was restated as the newest (chain recomputed): exit 5, naming it', async () => {
    const { pdf } = await reportOf([scenario(1), scenario(2)], (db) =>
      restateCaptures(db, (c, n) => {
        if (n === 1) c['sourceSavedAt'] = '2024-03-20T22:00:00+09:00';
      }),
    );
    // The pages print the forged time: rendering them again from the embedded log reproduces them.
    expect((await pdfPages(readFileSync(pdf))).join('').replace(/\n/g, '')).toContain('2024-03-20 22:00:00 JST');
    const { code, json } = await verifyReport(pdf);
    expect(code).toBe(5);
    // Only the save time check fails: the pages are exactly what chatproof renders from the forged log.
    expect(json.checks.find((c) => c.name === 'pages')?.ok).toBe(true);
    expect(json.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
      [
        expect.stringMatching(/^capture [0-9a-f]+ save time$/),
        'expected the save time its original states: 2024-03-05T20:00:00+09:00, but the capture entry states 2024-03-20T22:00:00+09:00',
      ],
    ]);
  });

  it('a report whose log lost a save time its original states: exit 5', async () => {
    const { pdf } = await reportOf([scenario(1), scenario(2)], (db) =>
      restateCaptures(db, (c, n) => {
        if (n === 2) delete c['sourceSavedAt'];
      }),
    );
    const { code, json } = await verifyReport(pdf);
    expect(code).toBe(5);
    expect(json.checks.filter((c) => !c.ok).map((c) => c.detail)).toEqual([
      'expected the save time its original states: 2024-03-12T22:00:00+09:00, but the capture entry states no save time',
    ]);
  });

  it('an export whose 保存日時 line was edited before import: the report prints the time it states, and embeds the original that states it', async () => {
    const a = tempArchive();
    archives.push(a);
    const edited = join(a.dir, 'edited.txt');
    writeFileSync(edited, readFileSync(scenario(1), 'utf8').replace('保存日時：2024/03/05 20:00', '保存日時：2024/03/20 22:00'));
    const { pdf } = await reportOf([scenario(2), edited]);
    const bytes = readFileSync(pdf);
    const text = (await pdfPages(bytes)).join('').replace(/\n/g, '');
    expect(text).toMatch(/書き出しの保存日時\s*2024-03-20 22:00:00 JST（2024-03-20 13:00:00 UTC）\s*·\s*LINE の「保存日時」/);
    const originals = [...(await pdfAttachments(bytes)).values()].map((b) => b.toString('utf8'));
    expect(originals.some((o) => o.includes('保存日時：2024/03/20 22:00'))).toBe(true);
    const { code, json } = await verifyReport(pdf);
    expect(code).toBe(0);
    expect(saveTimeChecks(json).every((c) => c.ok)).toBe(true);
  });
});

describe("a Chatwork sync capture's save time in a report: the server's Date kept in its entry", () => {
  let api: FakeChatwork;
  let db: string;
  let dir: string;
  beforeAll(async () => {
    api = await FakeChatwork.start();
    api.addRoom('111', '案件A');
    api.post('111', { accountId: 7654321, name: '佐藤 花子', body: 'LP制作をお願いします。', sendTime: 1709251500 });
    const a = tempArchive();
    archives.push(a);
    ({ db, dir } = a);
    expectOk(await cli(['sync', 'chatwork', '--db', db], { env: { CHATWORK_API_TOKEN: api.token, CHATWORK_API_BASE: api.baseUrl } }));
  });
  afterAll(() => api.close());

  it('genuine, full and private: the check says what it compared, and what a private report cannot', async () => {
    for (const [flag, said] of [
      [[], 'no earlier than its newest message'],
      [['--private'], 'its messages are not in this private report, so its newest message was not compared'],
    ] as const) {
      const pdf = join(dir, `genuine${flag.length}.pdf`);
      expectOk(await cli(['report', '案件A', ...flag, '-o', pdf, '--db', db]));
      const { code, json } = await verifyReport(pdf);
      expect(code).toBe(0);
      expect(saveTimeChecks(json).map((c) => [c.ok, c.detail.includes(said)])).toEqual([[true, true]]);
    }
  });

  it('a private report of the server time restated to two days after the import: report refuses, and the forged one fails, exit 5', async () => {
    restateCaptures(db, (c) => {
      const later = Date.parse(c['capturedAt'] as string) + 48 * 3600_000;
      (c['meta'] as Record<string, Record<string, unknown>>)['api']!['serverDate'] = new Date(later).toUTCString();
      c['sourceSavedAt'] = new Date(later + 9 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+09:00');
    });
    const pdf = join(dir, 'forged.pdf');
    expect((await cli(['report', '案件A', '--private', '-o', pdf, '--db', db])).code).toBe(5);
    await renderUnchecked(db, '案件A', pdf, true);
    const { code, json } = await verifyReport(pdf);
    expect(code).toBe(5);
    expect(json.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([expect.stringMatching(/^capture [0-9a-f]+ save time$/)]);
    expect(saveTimeChecks(json)[0]!.detail).toContain('plus 24 hours');
  });
});
