import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchiveFully } from '../../src/app/verify-archive.js';
import { Archive } from '../../src/store/archive.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli } from '../support/cli.js';
import { restateCaptures } from '../support/restate.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, scenario } from '../report/helpers.js';

/**
 * Issue 21 item 5: a capture's "as of" time (`sourceSavedAt`) orders the room's history, so
 * `verify` re-derives it — from the original where it states one, from the server's `Date` kept
 * with a sync capture otherwise — and a consistent rewrite of it is a finding (exit 5).
 */

interface VerifyJson {
  readonly ok: boolean;
  readonly problems: readonly { readonly kind: string; readonly where: string; readonly expected: string; readonly actual: string }[];
}

const verify = async (db: string): Promise<{ code: number; json: VerifyJson }> => {
  const r = await cli(['verify', '--db', db, '--json']);
  return { code: r.code, json: r.json<VerifyJson>() };
};

/** The save-time findings when the originals are parsed in verify's second thread (the tests' small archives take the main thread). */
async function inThread(db: string): Promise<string[]> {
  const archive = Archive.open(db, { readonly: true });
  try {
    const r = await verifyArchiveFully(archive, undefined, { threadFrom: 0, alongsideUpTo: 0 });
    return r.problems.map((p) => p.kind);
  } finally {
    archive.close();
  }
}

/** Each capture entry's payload, in log order. */
function captures(db: string): Record<string, unknown>[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    const rows = sqlite.prepare("SELECT payload FROM log WHERE kind = 'capture' ORDER BY seq").pluck().all() as string[];
    return rows.map((p) => (JSON.parse(p) as { capture: Record<string, unknown> }).capture);
  } finally {
    sqlite.close();
  }
}

describe("a LINE capture's save time (保存日時) against its original", () => {
  const archives: ReturnType<typeof tempArchive>[] = [];
  afterAll(() => archives.forEach((a) => a.cleanup()));
  const scenarioArchive = async (): Promise<string> => {
    const a = tempArchive();
    archives.push(a);
    for (const n of [1, 2] as const) expectOk(await cli(['import', scenario(n), '--db', a.db]));
    return a.db;
  };

  it('genuine: each capture states the save time its original states, and verify holds', async () => {
    const db = await scenarioArchive();
    expect(captures(db).map((c) => c['sourceSavedAt'])).toEqual(['2024-03-05T20:00:00+09:00', '2024-03-12T22:00:00+09:00']);
    expect((await verify(db)).code).toBe(0);
  });

  it('the old export restated as the newest, the whole chain recomputed: exit 5, naming the capture and both times', async () => {
    const db = await scenarioArchive();
    const id = String(captures(db)[0]!['id']);
    restateCaptures(db, (c, n) => {
      if (n === 1) c['sourceSavedAt'] = '2024-03-20T22:00:00+09:00';
    });
    const { code, json } = await verify(db);
    expect(code).toBe(5);
    expect(json.problems).toEqual([
      {
        kind: 'capture-saved-at-differs',
        where: `capture ${id} (log entry 2): its save time (sourceSavedAt)`,
        expected: 'the save time its original states: 2024-03-05T20:00:00+09:00',
        actual: 'the capture entry states 2024-03-20T22:00:00+09:00',
      },
    ]);
    expect(await inThread(db)).toEqual(['capture-saved-at-differs']);
  });

  it('a save time removed from a capture whose original states one: exit 5', async () => {
    const db = await scenarioArchive();
    restateCaptures(db, (c, n) => {
      if (n === 2) delete c['sourceSavedAt'];
    });
    const { code, json } = await verify(db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => [p.kind, p.actual])).toEqual([['capture-saved-at-differs', 'the capture entry states no save time']]);
  });

  it('an export whose 保存日時 line was edited before import is not a forgery of the archive: the capture states what its original states', async () => {
    const a = tempArchive();
    archives.push(a);
    const edited = join(a.dir, 'edited.txt');
    writeFileSync(edited, readFileSync(scenario(1), 'utf8').replace('保存日時：2024/03/05 20:00', '保存日時：2024/03/20 22:00'));
    expectOk(await cli(['import', scenario(2), '--db', a.db]));
    expectOk(await cli(['import', edited, '--db', a.db]));
    expect(captures(a.db).map((c) => c['sourceSavedAt'])).toEqual(['2024-03-12T22:00:00+09:00', '2024-03-20T22:00:00+09:00']);
    expect((await verify(a.db)).code).toBe(0);
  });
});

describe('a save time on a capture whose original states none', () => {
  const a = tempArchive();
  afterAll(() => a.cleanup());

  it('a Chatwork JSON file imported (no save time in it) given one afterwards: exit 5', async () => {
    expectOk(await cli(['import', join('test', 'fixtures', 'chatwork', 'api-window-with-markup', 'input.json'), '--room', '案件', '--db', a.db]));
    expect(captures(a.db)[0]!['sourceSavedAt']).toBeUndefined();
    expect((await verify(a.db)).code).toBe(0);
    restateCaptures(a.db, (c) => {
      c['sourceSavedAt'] = '2030-01-01T00:00:00+09:00';
    });
    const { code, json } = await verify(a.db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => [p.kind, p.expected, p.actual])).toEqual([
      ['capture-saved-at-differs', 'no save time: its original states none', 'the capture entry states 2030-01-01T00:00:00+09:00'],
    ]);
  });
});

describe("a Chatwork sync capture's save time: the server's Date kept with it", () => {
  let api: FakeChatwork;
  const archives: ReturnType<typeof tempArchive>[] = [];
  beforeAll(async () => {
    api = await FakeChatwork.start();
    api.addRoom('111', '案件A');
    api.post('111', { accountId: 7654321, name: '佐藤 花子', body: 'LP制作をお願いします。', sendTime: 1709251500 });
    api.post('111', { accountId: 1234567, name: '山田 太郎', body: '承知しました。', sendTime: 1709252100 });
  });
  afterAll(async () => {
    await api.close();
    archives.forEach((a) => a.cleanup());
  });
  const synced = async (): Promise<string> => {
    const a = tempArchive();
    archives.push(a);
    expectOk(await cli(['sync', 'chatwork', '--db', a.db], { env: { CHATWORK_API_TOKEN: api.token, CHATWORK_API_BASE: api.baseUrl } }));
    return a.db;
  };
  const atTokyo = (ms: number): string => new Date(ms + 9 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+09:00');

  it('genuine: the capture states the server time, and verify holds', async () => {
    const db = await synced();
    const c = captures(db)[0]!;
    const serverDate = (c['meta'] as Record<string, Record<string, unknown>>)['api']!['serverDate'] as string;
    expect(Date.parse(c['sourceSavedAt'] as string)).toBe(Date.parse(serverDate));
    expect((await verify(db)).code).toBe(0);
  });

  it('the save time restated without the server time it came from: exit 5', async () => {
    const db = await synced();
    restateCaptures(db, (c) => {
      c['sourceSavedAt'] = '2099-01-01T00:00:00+09:00';
    });
    const { code, json } = await verify(db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => p.kind)).toEqual(['capture-saved-at-differs']);
    expect(json.problems[0]!.expected).toMatch(/^the server's Date kept with the capture \(.+ GMT\), in its zone: /);
  });

  it('the server time restated with it, two days after the capture was imported: exit 5', async () => {
    const db = await synced();
    restateCaptures(db, (c) => {
      const later = Date.parse(c['capturedAt'] as string) + 48 * 3600_000;
      (c['meta'] as Record<string, Record<string, unknown>>)['api']!['serverDate'] = new Date(later).toUTCString();
      c['sourceSavedAt'] = atTokyo(later);
      // The window ends at the server time too (src/core/entries/coverage.ts): moved with it, only the bound is left to find it.
      (c['coverage'] as Record<string, unknown>)['to'] = atTokyo(later);
    });
    const { code, json } = await verify(db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => p.kind)).toEqual(['capture-saved-at-after-capture']);
    expect(json.problems[0]!.expected).toContain('plus 24 hours');
  });

  it('the server time restated with it, before the newest message was sent: exit 5', async () => {
    const db = await synced();
    const before = 1709252100_000 - 60_000;
    restateCaptures(db, (c) => {
      (c['meta'] as Record<string, Record<string, unknown>>)['api']!['serverDate'] = new Date(before).toUTCString();
      c['sourceSavedAt'] = atTokyo(before);
      (c['coverage'] as Record<string, unknown>)['to'] = atTokyo(1709252100_000);
    });
    const { code, json } = await verify(db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => p.kind)).toEqual(['capture-saved-at-before-messages']);
    // The newest message's time comes from the thread's parse too.
    expect(await inThread(db)).toEqual(['capture-saved-at-before-messages']);
  });
});

describe('captures kept with import --raw and read again by reparse', () => {
  const a = tempArchive();
  afterAll(() => a.cleanup());

  it('the raw capture states no save time, the reparse the one its original states; either restated is exit 5', async () => {
    const raw = expectOk(await cli(['import', scenario(1), '--raw', '--room', '佐藤花子', '--format', 'line', '--json', '--db', a.db])).json<{
      capture: { id: string };
    }>().capture;
    expectOk(await cli(['reparse', raw.id, '--yes', '--db', a.db]));
    expect(captures(a.db).map((c) => [c['reparseOf'], c['sourceSavedAt']])).toEqual([
      [undefined, undefined],
      [raw.id, '2024-03-05T20:00:00+09:00'],
    ]);
    expect((await verify(a.db)).code).toBe(0);
    restateCaptures(a.db, (c, n) => {
      if (n === 1) c['sourceSavedAt'] = '2024-03-30T00:00:00+09:00';
      else delete c['sourceSavedAt'];
    });
    const { code, json } = await verify(a.db);
    expect(code).toBe(5);
    expect(json.problems.map((p) => [p.kind, p.expected, p.actual])).toEqual([
      ['capture-saved-at-differs', 'no save time: its original states none', 'the capture entry states 2024-03-30T00:00:00+09:00'],
      ['capture-saved-at-differs', 'the save time its original states: 2024-03-05T20:00:00+09:00', 'the capture entry states no save time'],
    ]);
  });
});
