import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchiveFully } from '../../src/app/verify-archive.js';
import { render } from '../../src/i18n/message.js';
import { Archive } from '../../src/store/archive.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli } from '../support/cli.js';
import { deletedLastExport } from '../support/deleted-last.js';
import { restateCaptures } from '../support/restate.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, ROOM, scenario } from '../report/helpers.js';

/**
 * A capture's window (`coverage.from`/`coverage.to`) decides whether a message missing from it
 * was deleted or was never covered (src/core/diff/coverage.ts), so `verify` derives it again from
 * the original (src/core/entries/coverage.ts): a consistent rewrite of it is a finding (exit 5).
 */

interface VerifyJson {
  readonly problems: readonly { readonly kind: string; readonly where: string; readonly expected: string; readonly actual: string }[];
}
interface DiffJson {
  readonly changes: readonly { readonly type: string; readonly before: { readonly sentAt: string } | null }[];
}

const archives: ReturnType<typeof tempArchive>[] = [];
afterAll(() => archives.forEach((a) => a.cleanup()));

/** The scenario's first export, then the later one without its last message (test/support/deleted-last.ts). */
async function deletedLast(): Promise<{ db: string; later: string }> {
  const a = tempArchive();
  archives.push(a);
  expectOk(await cli(['import', scenario(1), '--db', a.db]));
  const r = await cli(['import', deletedLastExport(a.dir), '--db', a.db, '--json']);
  expectOk(r);
  return { db: a.db, later: r.json<{ capture: { id: string } }>().capture.id };
}

const diff = async (db: string): Promise<string[]> =>
  (await cli(['diff', ROOM, '--db', db, '--json'])).json<DiffJson>().changes.map((c) => `${c.type} ${c.before?.sentAt}`);

const verify = async (db: string): Promise<{ code: number; problems: VerifyJson['problems'] }> => {
  const r = await cli(['verify', '--db', db, '--json']);
  return { code: r.code, problems: r.json<VerifyJson>().problems };
};

async function inThread(db: string): Promise<string[]> {
  const archive = Archive.open(db, { readonly: true });
  try {
    const r = await verifyArchiveFully(archive, undefined, { threadFrom: 0, alongsideUpTo: 0 });
    return r.problems.map((p) => `${p.kind} ${render('en', p.where)}`);
  } finally {
    archive.close();
  }
}

describe("a capture's coverage against its original", () => {
  it('genuine: the later export covers up to its save time, the gone message reads deleted, and verify holds', async () => {
    const { db } = await deletedLast();
    expect(await diff(db)).toEqual(['deleted 2024-03-05T19:45:00+09:00']);
    expect((await verify(db)).code).toBe(0);
  });

  it('coverage.to moved back to the newest message shown (chain recomputed): the deletion reads "not covered", and verify says so, exit 5', async () => {
    const { db, later } = await deletedLast();
    restateCaptures(db, (c, n) => {
      if (n === 2) (c['coverage'] as Record<string, unknown>)['to'] = '2024-03-05T19:30:00+09:00';
    });
    // The forgery works on what the archive shows: the deletion is gone from the diff (not covered is no change).
    expect(await diff(db)).toEqual([]);
    const { code, problems } = await verify(db);
    expect(code).toBe(5);
    expect(problems).toEqual([
      {
        kind: 'capture-coverage-differs',
        where: `capture ${later} (log entry 3): where its coverage ends (coverage.to)`,
        expected: '2024-03-12T22:00:00+09:00, the save time its original states (the export is complete up to it)',
        actual: 'the capture entry states 2024-03-05T19:30:00+09:00',
      },
    ]);
    expect(await inThread(db)).toEqual([`capture-coverage-differs capture ${later} (log entry 3): where its coverage ends (coverage.to)`]);
  });

  it('coverage.from moved (chain recomputed): exit 5, naming the capture and both times', async () => {
    const { db, later } = await deletedLast();
    restateCaptures(db, (c, n) => {
      if (n === 2) (c['coverage'] as Record<string, unknown>)['from'] = '2024-03-05T19:00:00+09:00';
    });
    const { code, problems } = await verify(db);
    expect(code).toBe(5);
    expect(problems.map((p) => [p.kind, p.where, p.expected, p.actual])).toEqual([
      [
        'capture-coverage-differs',
        `capture ${later} (log entry 3): where its coverage starts (coverage.from)`,
        '2024-03-04T10:00:00+09:00, the earliest message of its original, parsed again',
        'the capture entry states 2024-03-05T19:00:00+09:00',
      ],
    ]);
  });
});

describe("a Chatwork sync capture's coverage: its window ends at the server's Date kept with it", () => {
  let api: FakeChatwork;
  beforeAll(async () => {
    api = await FakeChatwork.start();
    api.addRoom('111', '案件A');
    api.post('111', { accountId: 7654321, name: '佐藤 花子', body: 'LP制作をお願いします。', sendTime: 1709251500 });
    api.post('111', { accountId: 1234567, name: '山田 太郎', body: '承知しました。', sendTime: 1709252100 });
  });
  afterAll(() => api.close());

  it('genuine holds; coverage.to moved back to its newest message (chain recomputed): exit 5, naming the server time', async () => {
    const a = tempArchive();
    archives.push(a);
    expectOk(await cli(['sync', 'chatwork', '--db', a.db], { env: { CHATWORK_API_TOKEN: api.token, CHATWORK_API_BASE: api.baseUrl } }));
    expect((await verify(a.db)).code).toBe(0);
    restateCaptures(a.db, (c) => {
      (c['coverage'] as Record<string, unknown>)['to'] = '2024-03-01T09:15:00+09:00';
    });
    const { code, problems } = await verify(a.db);
    expect(code).toBe(5);
    expect(problems.map((p) => [p.kind, p.actual])).toEqual([['capture-coverage-differs', 'the capture entry states 2024-03-01T09:15:00+09:00']]);
    expect(problems[0]!.expected).toMatch(/^.+\+09:00, the server's Date kept with the capture \(its window reaches up to it\)$/);
  });
});
