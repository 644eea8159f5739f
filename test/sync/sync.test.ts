import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { Archive } from '../../src/store/archive.js';
import { verifyArchive } from '../../src/store/verify.js';
import { filesFromMeta } from '../../src/sync/file-list.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { cli, type CliResult } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

let api: FakeChatwork;
let tmp: ReturnType<typeof tempArchive>;
/** Everything the CLI printed in this test, to prove the token never shows. */
let printed: string;

beforeEach(async () => {
  api = await FakeChatwork.start();
  tmp = tempArchive();
  printed = '';
});
afterEach(async () => {
  await api.close();
  tmp.cleanup();
});

async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const defaults = { CHATWORK_API_TOKEN: api.token, ...('CHATWORK_API_BASE' in env ? {} : { CHATWORK_API_BASE: api.baseUrl }) };
  const r = await cli(['sync', 'chatwork', '--db', tmp.db, ...args], { env: { ...defaults, ...env } });
  printed += r.stdout + r.stderr;
  return r;
}

interface RoomJson {
  room: { id: string | null; externalId: string; title: string };
  status: string;
  capture: { id: string } | null;
  reasons: string[];
  files: { removed: number; gone: { name: string }[] } | null;
  observation: { seq: number } | null;
  changes: Record<string, number> | null;
}

function rooms(r: CliResult): RoomJson[] {
  expect(r.code, r.stderr).toBe(0);
  return r.json<{ rooms: RoomJson[] }>().rooms;
}

function byExternal(list: RoomJson[], id: string): RoomJson {
  return list.find((x) => x.room.externalId === id)!;
}

/** A client room with an agreement, a reply, a file; and a second room that stays quiet. */
function seedRooms(): { deadline: string; reply: string; estimateFile: string } {
  api.addRoom('111', '案件A');
  api.addRoom('222', '雑談');
  api.post('111', { accountId: 7654321, name: '佐藤 花子', body: 'LP制作をお願いします。金額は15万円です。', sendTime: 1709251500 });
  const reply = api.post('111', { accountId: 1234567, name: '山田 太郎', body: '承知しました。', sendTime: 1709252100 });
  const deadline = api.post('111', { accountId: 7654321, name: '佐藤 花子', body: '納期は3/15です。', sendTime: 1709252700 });
  api.addFile('111', { accountId: 7654321, messageId: deadline, name: '仕様書.pdf', bytes: Buffer.from('%PDF-1.4 spec'), uploadTime: 1709252700 });
  const estimateFile = api.addFile('111', {
    accountId: 7654321,
    messageId: deadline,
    name: '見積書.xlsx',
    bytes: Buffer.from('PK estimate'),
    uploadTime: 1709252800,
  });
  api.post('222', { accountId: 1234567, name: '山田 太郎', body: 'こんにちは', sendTime: 1709251000 });
  return { deadline, reply, estimateFile };
}

function archiveFilesContain(needle: string): boolean {
  return ['', '-wal', '-shm', '-journal'].some((s) => existsSync(tmp.db + s) && readFileSync(tmp.db + s).includes(Buffer.from(needle)));
}

describe('sync chatwork', () => {
  it('records an edit, a deletion, a vanished file and a vanished room; verify passes; the token is nowhere', async () => {
    const { deadline, reply, estimateFile } = seedRooms();

    const first = rooms(await run(['--json']));
    expect(first.map((x) => [x.room.externalId, x.room.title, x.status, x.reasons])).toEqual([
      ['111', '案件A', 'captured', ['first capture']],
      ['222', '雑談', 'captured', ['first capture']],
    ]);

    api.edit('111', deadline, '納期は4/30です。', 1709600000);
    api.deleteMessage('111', reply);
    api.removeFile('111', estimateFile);
    const second = rooms(await run(['--json']));
    const a2 = byExternal(second, '111');
    expect(a2.status).toBe('captured');
    expect(a2.reasons).toEqual(['messages changed', 'files changed']);
    expect(a2.files!.gone.map((f) => f.name)).toEqual(['見積書.xlsx']);
    expect(a2.changes).toMatchObject({ edited: 1, deleted: 1 });
    expect(byExternal(second, '222').status).toBe('unchanged');

    api.deleteRoom('111');
    const third = rooms(await run(['--json']));
    const a3 = byExternal(third, '111');
    expect(a3.status).toBe('unreachable');
    expect(a3.observation).not.toBeNull();
    // Asking again while it stays gone adds nothing: the fact is already in the log.
    const fourth = rooms(await run(['--json']));
    expect(byExternal(fourth, '111').observation).toEqual(a3.observation);

    const roomId = a2.room.id!;
    const show = await cli(['show', roomId, '--json', '--db', tmp.db]);
    expect(show.code, show.stderr).toBe(0);
    const view = show.json<{
      messages: { externalId: string; status: string; body: string; history: { body: string }[] }[];
      observations: { kind: string; text: string }[];
    }>();
    const edited = view.messages.find((m) => m.externalId === deadline)!;
    expect(edited.status).toBe('edited');
    expect(edited.history.map((h) => h.body)).toEqual(['納期は3/15です。', '納期は4/30です。']);
    expect(view.messages.find((m) => m.externalId === reply)!.status).toBe('deleted');
    expect(view.observations).toEqual([
      expect.objectContaining({ kind: 'room-unreachable', text: expect.stringContaining("403 — You don't have permission to get this room") }),
    ]);

    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const report = verifyArchive(archive.sqlite);
      expect(report.problems).toEqual([]);
      const captures = archive.captures(roomId);
      expect(captures).toHaveLength(2);
      // 64-bit ids beyond 2^53 arrive digit for digit; the raw body is the capture's blob (docs/design/evidence-model.md P1).
      expect(archive.captureMessages(captures[0]!.id).map((m) => m.externalId)).toEqual(['9007199254740993', '9007199254740994', '9007199254740995']);
      expect(archive.blob(captures[0]!.rawSha256).toString()).toContain('"message_id":"9007199254740993"');
      const meta = (archive.entry(captures[1]!.entrySeq)!.payload['capture'] as { meta: Record<string, unknown> }).meta;
      expect(filesFromMeta(meta)!.map((f) => f.name)).toEqual(['仕様書.pdf']);
      expect(archive.blob(meta['filesBlob'] as string).toString()).toContain('"file_id":9007199254740995');
      const observation = archive.entries(roomId).find((e) => e.kind === 'observation')!;
      expect(observation.payload['observation']).toMatchObject({
        what: 'room-unreachable',
        status: 403,
        request: 'GET /rooms/111/messages?force=1',
        listedInRooms: false,
      });
      for (const sha of observation.payload['blobs'] as string[]) expect(archive.hasBlob(sha)).toBe(true);
    } finally {
      archive.close();
    }
    const verify = await cli(['verify', '--db', tmp.db]);
    expect(verify.code).toBe(0);
    expect(archiveFilesContain(api.token)).toBe(false);
    expect(printed).not.toContain(api.token);
  });

  it('calls the newest message deleted at the next sync: the window reaches up to the request', async () => {
    api.addRoom('111', '案件A');
    api.post('111', { accountId: 1, name: '佐藤', body: 'お願いします', sendTime: 1709251500 });
    const promise = api.post('111', { accountId: 1, name: '佐藤', body: '15万円お支払いします', sendTime: 1709251600 });
    const roomId = rooms(await run(['--json']))[0]!.room.id!;
    api.deleteMessage('111', promise);
    rooms(await run(['--json']));
    const show = await cli(['show', roomId, '--json', '--db', tmp.db]);
    const promised = show.json<{ messages: { externalId: string; status: string; body: string }[] }>().messages.find((m) => m.externalId === promise)!;
    expect(promised).toMatchObject({ status: 'deleted', body: '15万円お支払いします' });
  });

  it('gives the same messages as `import` of the same answer (one importer for both)', async () => {
    seedRooms();
    const synced = rooms(await run(['--json', '--room', '111']))[0]!;
    const archive = Archive.open(tmp.db, { readonly: true });
    const capture = archive.captures(synced.room.id!)[0]!;
    const body = archive.blob(capture.rawSha256);
    archive.close();
    const file = join(tmp.dir, 'room-111-messages.json');
    writeFileSync(file, body);
    const imported = await cli(['import', file, '--json', '--db', tmp.db]);
    expect(imported.code, imported.stderr).toBe(0);
    const c = imported.json<{ capture: { room: { id: string }; merkleRoot: string } }>().capture;
    expect(c.room.id).toBe(synced.room.id);
    expect(c.merkleRoot).toBe(capture.merkleRoot);
  });

  it('records a capture when a room that was unreachable answers again', async () => {
    seedRooms();
    rooms(await run(['--json', '--room', '111']));
    api.deleteRoom('111');
    expect(rooms(await run(['--json', '--room', '111']))[0]!.status).toBe('unreachable');
    api.deleteRoom('111', false);
    expect(rooms(await run(['--json', '--room', '111']))[0]).toMatchObject({ status: 'captured', reasons: ['room answers again'] });
    expect(rooms(await run(['--json', '--room', '111']))[0]!.status).toBe('unchanged');
  });

  it('records nothing when nothing changed, and a capture anyway with --always', async () => {
    seedRooms();
    rooms(await run(['--json']));
    expect(rooms(await run(['--json'])).map((x) => x.status)).toEqual(['unchanged', 'unchanged']);
    const always = rooms(await run(['--json', '--always', '--room', 'rid222']));
    expect(always.map((x) => [x.room.externalId, x.status, x.reasons])).toEqual([['222', 'captured', ['--always']]]);
  });

  it('keeps a room with no messages (204) and the message-limitation header', async () => {
    api.addRoom('333', '静かな部屋');
    const first = rooms(await run(['--json']));
    expect(first[0]).toMatchObject({ status: 'captured', capture: expect.objectContaining({ messages: 0 }) });
    api.post('333', { accountId: 1, name: 'A', body: 'old', sendTime: 1600000000 });
    api.limitMessages('333', 'Only messages from the last 40 days are shown');
    const second = rooms(await run(['--json']));
    expect(second[0]!.reasons).toEqual(['messages changed', 'message limitation changed']);
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const captures = archive.captures(second[0]!.room.id!);
      expect(captures[0]!.rawSize).toBe(0);
      const meta = (archive.entry(captures[1]!.entrySeq)!.payload['capture'] as { meta: Record<string, unknown> }).meta;
      expect(meta['messageLimitation']).toEqual({ limited: true, summary: 'Only messages from the last 40 days are shown' });
    } finally {
      archive.close();
    }
  });

  it('--download-files keeps the bytes, fetched without the token, once', async () => {
    seedRooms();
    const first = rooms(await run(['--json', '--download-files', '--room', '111']));
    expect(first[0]!.status).toBe('captured');
    const downloads = api.requests.filter((r) => r.path.startsWith('/download/'));
    expect(downloads).toHaveLength(2);
    expect(downloads.every((r) => r.token === undefined)).toBe(true);
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const capture = archive.captures(first[0]!.room.id!)[0]!;
      const entry = archive.entry(capture.entrySeq)!;
      const files = filesFromMeta((entry.payload['capture'] as { meta: unknown }).meta)!;
      expect(files.map((f) => f.sha256)).toEqual([sha256Hex('%PDF-1.4 spec'), sha256Hex('PK estimate')]);
      expect(entry.payload['blobs']).toEqual(expect.arrayContaining(files.map((f) => f.sha256)));
      expect(archive.blob(files[0]!.sha256!).toString()).toBe('%PDF-1.4 spec');
      expect(verifyArchive(archive.sqlite).ok).toBe(true);
    } finally {
      archive.close();
    }
    expect(rooms(await run(['--json', '--download-files', '--room', '111']))[0]!.status).toBe('unchanged');
    expect(api.requests.filter((r) => r.path.startsWith('/download/'))).toHaveLength(2);
  });

  it('a refused token is exit 6 with what to do, and the token is not shown', async () => {
    seedRooms();
    const wrong = 'a'.repeat(32);
    const r = await run([], { CHATWORK_API_TOKEN: wrong });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/refused the API token \(401: Invalid API token\)/);
    expect(r.stderr).toMatch(/API Token.*export CHATWORK_API_TOKEN/);
    expect(r.stderr).not.toContain(wrong);
    const ja = await run([], { CHATWORK_API_TOKEN: wrong, LANG: 'ja_JP.UTF-8' });
    expect(ja.stderr).toContain('サービス連携');
  });

  it('a missing token is a usage error (exit 2) that says how to get one', async () => {
    const r = await run([], { CHATWORK_API_TOKEN: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CHATWORK_API_TOKEN is not set/);
  });

  it('an unreachable service is exit 6', async () => {
    const base = api.baseUrl;
    await api.close();
    const r = await run([], { CHATWORK_API_BASE: base });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/Cannot reach Chatwork/);
    api = await FakeChatwork.start();
  });

  it('waits out a 429 and goes on', async () => {
    seedRooms();
    api.fail(429, 1, /\/files$/, { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)), 'x-ratelimit-remaining': '0' });
    const r = await run(['--json']);
    expect(rooms(r).map((x) => x.status)).toEqual(['captured', 'captured']);
    expect(r.stderr).toMatch(/Waiting \d+ s: rate limit reached/);
  });

  it('an error half-way keeps the rooms already done and says which were not', async () => {
    seedRooms();
    api.fail(400, 5, /\/rooms\/222\//);
    const r = await run(['--json']);
    expect(r.code).toBe(6);
    expect(r.json()).toMatchObject({ incomplete: true, notSynced: ['222'], rooms: [expect.objectContaining({ status: 'captured' })] });
    expect(r.stderr).toMatch(/Rooms done \(and recorded\): 案件A \(111\)\. Not synced: 222\./);
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      expect(archive.rooms().map((x) => x.externalId)).toEqual(['111']);
    } finally {
      archive.close();
    }
  });

  it('rejects a bad --room and a service other than chatwork', async () => {
    expect((await run(['--room', 'abc'])).code).toBe(2);
    const other = await cli(['sync', 'line', '--db', tmp.db]);
    expect(other.code).toBe(2);
  });
});
