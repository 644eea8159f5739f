import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli, type CliResult } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

// Issue 21 item 5 (docs/design/evidence-model.md P12): an older export imported after a newer one
// takes its place by its 保存日時, and the room's state stays that of the newer one.
const scenario = (n: number): string => join('test', 'fixtures', 'scenarios', 'line-unsend-and-delete', `capture-${n}.txt`);
const ROOM = '佐藤花子';
const SAVED_1 = '2024-03-05T20:00:00+09:00';
const SAVED_2 = '2024-03-12T22:00:00+09:00';

function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.stderr}\n${r.stdout}`);
  return r;
}

interface ImportJson {
  capture: { id: string; capturedAt: string; asOf: string };
  changes: Record<string, number>;
  placedBefore: { newer: number; newestAsOf: string } | null;
}
interface ShownJson {
  messages: { body: string; status: string; firstSeen: string; lastSeen: string; statusAsOf: string; history: { capture: string }[] }[];
}
interface DiffJson {
  from: string;
  to: string;
  changes: { type: string; before: { body: string } | null; after: { body: string } | null }[];
}

/** Imports the scenario's exports in the given order, returning each import's document. */
async function importInOrder(db: string, order: readonly number[]): Promise<ImportJson[]> {
  const out: ImportJson[] = [];
  for (const n of order) out.push(ok(await cli(['import', scenario(n), '--json', '--db', db])).json<ImportJson>());
  return out;
}

/** What the room shows, with capture ids replaced by the export they came from: comparable across archives. */
async function shown(db: string, exportOf: ReadonlyMap<string, number>): Promise<unknown[]> {
  const view = ok(await cli(['show', ROOM, '--json', '--db', db])).json<ShownJson>();
  const n = (id: string): number | undefined => exportOf.get(id);
  return view.messages.map((m) => [m.body, m.status, n(m.firstSeen), n(m.lastSeen), n(m.statusAsOf), m.history.map((h) => n(h.capture))]);
}

describe('captures ordered by their "as of" time', () => {
  const forward = tempArchive();
  const reverse = tempArchive();
  let fwd: ImportJson[];
  let rev: ImportJson[];
  beforeAll(async () => {
    fwd = await importInOrder(forward.db, [1, 2]);
    rev = await importInOrder(reverse.db, [2, 1]);
  });
  afterAll(() => {
    forward.cleanup();
    reverse.cleanup();
  });

  it("states each export's 保存日時 in its entry and takes it as the capture's as-of time", () => {
    expect(rev.map((r) => r.capture.asOf)).toEqual([SAVED_2, SAVED_1]);
    const archive = Archive.open(reverse.db, { readonly: true });
    try {
      const stated = archive.captures(archive.rooms()[0]!.id).map((c) => archive.entry(c.entrySeq)?.payload['capture']);
      expect(stated.map((c) => (c as Record<string, unknown>)['sourceSavedAt'])).toEqual([SAVED_1, SAVED_2]);
    } finally {
      archive.close();
    }
  });

  it('tells the user that the older export was placed before the newer one, and reports no deletion or unsend because of it', async () => {
    expect(rev[0]!.placedBefore).toBeNull();
    expect(rev[1]!.placedBefore).toEqual({ newer: 1, newestAsOf: SAVED_2 });
    // Compared with what was saved before it (nothing): the older file's messages are the room's earliest, not "sent again".
    expect(rev[1]!.changes).toEqual({ added: 6, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 });
    expect(fwd[1]!.placedBefore).toBeNull();
    for (const [lang, words] of [
      ['en_US.UTF-8', `This export was saved 2024-03-05 20:00 JST, before the room's newest capture (as of 2024-03-12 22:00 JST)`],
      ['ja_JP.UTF-8', 'このエクスポートは 2024-03-05 20:00 JST に保存されたもので、このルームの最新の取り込み（2024-03-12 22:00 JST 時点）より古いもの'],
    ] as const) {
      const told = tempArchive();
      try {
        ok(await cli(['import', scenario(2), '--db', told.db]));
        expect(ok(await cli(['import', scenario(1), '--db', told.db], { env: { LANG: lang } })).stderr).toContain(words);
      } finally {
        told.cleanup();
      }
    }
  });

  it("leaves the newer export's state as the room's state: show reads the same in both orders", async () => {
    const fwdOf = new Map(fwd.map((r, i) => [r.capture.id, i + 1]));
    const revOf = new Map([
      [rev[0]!.capture.id, 2],
      [rev[1]!.capture.id, 1],
    ]);
    const a = await shown(forward.db, fwdOf);
    expect(await shown(reverse.db, revOf)).toEqual(a);
    expect(a.filter((m) => (m as unknown[])[1] !== 'present').map((m) => (m as unknown[]).slice(0, 2))).toEqual([
      ['3/10で大丈夫です。修正は2回まで無料でお願いします', 'unsent'],
      ['追加でもう1点お願いします。同じ単価で', 'deleted'],
    ]);
  });

  it('show --json, written a batch at a time, is the document printJson would print, to the byte', async () => {
    const out = ok(await cli(['show', ROOM, '--json', '--db', reverse.db])).stdout;
    const doc = JSON.parse(out) as ShownJson & { version: number; room: unknown; observations: unknown[] };
    expect(out).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(Object.keys(doc)).toEqual(['version', 'room', 'messages', 'observations']);
    expect(doc.messages).toHaveLength(8);
    // A room with no messages (a capture kept raw), and no notes: the empty array and the end written alike.
    const empty = tempArchive();
    try {
      ok(await cli(['import', '--raw', scenario(1), '--room', '空', '--db', empty.db]));
      const none = ok(await cli(['show', '空', '--json', '--db', empty.db])).stdout;
      expect(none).toBe(`${JSON.stringify(JSON.parse(none), null, 2)}\n`);
      expect((JSON.parse(none) as ShownJson).messages).toEqual([]);
    } finally {
      empty.cleanup();
    }
  });

  it('diff compares the newest capture with the one saved before it, not with the one imported before it', async () => {
    const d = ok(await cli(['diff', ROOM, '--json', '--db', reverse.db])).json<DiffJson>();
    expect([d.from, d.to]).toEqual([rev[1]!.capture.id, rev[0]!.capture.id]);
    expect(d.changes.map((c) => c.type).sort()).toEqual(['added', 'added', 'deleted', 'unsent']);
  });

  it('lists the captures in as-of order', async () => {
    const listed = ok(await cli(['captures', ROOM, '--json', '--db', reverse.db])).json<{ captures: { id: string; asOf: string }[] }>();
    expect(listed.captures.slice(0, 2).map((c) => c.id)).toEqual([rev[1]!.capture.id, rev[0]!.capture.id]);
  });

  it('the report shows the same statuses, and verify-report derives them again from the captures', async () => {
    const pdf = join(reverse.dir, 'report.pdf');
    const fresh = tempArchive();
    try {
      await importInOrder(fresh.db, [2, 1]);
      ok(await cli(['report', ROOM, '-o', pdf, '--db', fresh.db]));
      const checked = ok(await cli(['verify-report', pdf, '--json'])).json<{ ok: boolean; checks: { name: string; ok: boolean; detail: string }[] }>();
      expect(checked.ok).toBe(true);
      expect(checked.checks.find((c) => /status/i.test(c.name))?.detail).toMatch(/unsent 1|1 unsent/);
    } finally {
      fresh.cleanup();
    }
  });
});

describe('a Chatwork sync capture is as of the server time of its answer', () => {
  let api: FakeChatwork;
  const tmp = tempArchive();
  beforeAll(async () => {
    api = await FakeChatwork.start();
  });
  afterAll(async () => {
    await api.close();
    tmp.cleanup();
  });

  it("states the answer's Date in the entry as sourceSavedAt, which is the capture's as-of time", async () => {
    api.addRoom('111', '案件A');
    api.post('111', { accountId: 7, name: '佐藤 花子', body: 'よろしくお願いします。', sendTime: 1709251500 });
    const before = Math.floor(Date.now() / 1000) * 1000;
    const r = await cli(['sync', 'chatwork', '--db', tmp.db, '--json'], { env: { CHATWORK_API_TOKEN: api.token, CHATWORK_API_BASE: api.baseUrl } });
    ok(r);
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const [capture] = archive.captures(archive.rooms()[0]!.id);
      const stated = archive.entry(capture!.entrySeq)?.payload['capture'] as Record<string, unknown>;
      expect(stated['sourceSavedAt']).toBe(capture!.asOf);
      expect(Date.parse(capture!.asOf)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(capture!.asOf)).toBeLessThanOrEqual(Date.now());
    } finally {
      archive.close();
    }
  });
});
