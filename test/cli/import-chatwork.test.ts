/**
 * Chatwork API bodies through `import`: the room id in a `room-<id>.json` name makes the
 * room without --room, an empty 204 answer is "nothing new" (no message taken as deleted), and a
 * body replaced by `[deleted]` is the author's deletion with the earlier text kept.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

interface ImportJson {
  capture: { room: { title: string; id: string }; messages: number };
  changes: Record<string, number>;
}

const message = (id: string, body: string, at: number): string =>
  `{"message_id":"${id}","account":{"account_id":1234567,"name":"山田 太郎"},"body":${JSON.stringify(body)},"send_time":${at},"update_time":0}`;

/** Writes `body` as `<dir>/<step>/room-123456.json`: the name is what carries the room id. */
function answer(step: number, body: string): string {
  const dir = join(tmp.dir, String(step));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'room-123456.json');
  writeFileSync(path, body);
  return path;
}

interface ShownJson {
  messages: { externalId: string; status: string; body: string; history: { body: string; kind: string }[] }[];
}

interface DiffJson {
  changes: { type: string; before: { body: string } | null; after: { body: string; kind: string } | null }[];
}

const SCENARIO = join(import.meta.dirname, '../fixtures/scenarios/chatwork-deleted');

/** The scenario's capture `n` as `<dir>/<n>/room-123456.json`. */
function scenarioCapture(n: number): string {
  mkdirSync(join(tmp.dir, String(n)), { recursive: true });
  const path = join(tmp.dir, String(n), 'room-123456.json');
  copyFileSync(join(SCENARIO, `capture-${n}.json`), path);
  return path;
}

describe('a body Chatwork replaced by [deleted] or [delete] (test/fixtures/scenarios/chatwork-deleted)', () => {
  it('is a deletion in the import summary, show and diff, with the earlier text kept', async () => {
    const first = await cli(['import', scenarioCapture(1), '--json', '--db', tmp.db]);
    expect(first.code, first.stderr).toBe(0);
    const room = first.json<ImportJson>().capture.room.id;

    const second = await cli(['import', scenarioCapture(2), '--db', tmp.db], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout + second.stderr).toContain('削除 2');
    expect(second.stdout + second.stderr).not.toContain('送信取消');

    const shown = (await cli(['show', room, '--json', '--db', tmp.db])).json<ShownJson>();
    const byId = new Map(shown.messages.map((m) => [m.externalId.slice(-1), m]));
    expect([...byId.values()].map((m) => m.status)).toEqual(['present', 'deleted', 'deleted', 'present']);
    expect(byId.get('2')).toMatchObject({
      body: '修正は2回まで無料で対応します',
      history: [{ body: '修正は2回まで無料で対応します' }, { body: '[deleted]', kind: 'unsent' }],
    });
    expect(byId.get('3')).toMatchObject({
      body: '納期は3/15でお願いします',
      history: [{ body: '納期は3/15でお願いします' }, { body: '[delete]', kind: 'unsent' }],
    });

    const text = await cli(['show', room, '--db', tmp.db]);
    expect(text.stdout).toContain('修正は2回まで無料で対応します  →  (deleted)');

    const diff = (await cli(['diff', room, '--json', '--db', tmp.db])).json<DiffJson>();
    expect(diff.changes).toEqual([
      expect.objectContaining({
        type: 'deleted',
        before: expect.objectContaining({ body: '修正は2回まで無料で対応します' }),
        after: expect.objectContaining({ body: '[deleted]', kind: 'unsent' }),
      }),
      expect.objectContaining({
        type: 'deleted',
        before: expect.objectContaining({ body: '納期は3/15でお願いします' }),
        after: expect.objectContaining({ body: '[delete]', kind: 'unsent' }),
      }),
    ]);

    // Still shown as deleted by a later answer: the deletion is not reported again.
    mkdirSync(join(tmp.dir, '3'));
    copyFileSync(join(SCENARIO, 'capture-2.json'), join(tmp.dir, '3', 'room-123456.json'));
    const again = await cli(['import', join(tmp.dir, '3', 'room-123456.json'), '--json', '--db', tmp.db]);
    expect(again.json<ImportJson>().changes).toMatchObject({ unchanged: 4, deleted: 0, added: 0 });
  });

  it("in a room's first capture: deleted, and says no capture has the earlier text", async () => {
    const first = await cli(['import', scenarioCapture(2), '--json', '--db', tmp.db]);
    expect(first.code, first.stderr).toBe(0);
    const room = first.json<ImportJson>().capture.room.id;
    const shown = (await cli(['show', room, '--json', '--db', tmp.db])).json<ShownJson>();
    expect(shown.messages.map((m) => [m.status, m.body])).toEqual([
      ['present', '見積書を送ります。合計 330,000 円です。'],
      ['deleted', '[deleted]'],
      ['deleted', '[delete]'],
      ['present', '承知しました'],
    ]);
    const text = await cli(['show', room, '--db', tmp.db], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(text.stdout).toContain('（削除前の本文はどの取り込みにもありません。最初の取り込みで既に削除済み）  →  （削除）');
  });
});

describe('import of Chatwork API answers', () => {
  it('names the room from room-<id>.json, reads an empty answer as nothing new, and a [deleted] body as a deletion', async () => {
    const first = await cli([
      'import',
      answer(1, `[${message('11', '見積書です', 1709251500)},${message('12', '納期は3/15です', 1709251560)}]`),
      '--json',
      '--db',
      tmp.db,
    ]);
    expect(first.code, first.stderr).toBe(0);
    const made = first.json<ImportJson>();
    expect(made.capture.room.title).toBe('Chatwork room 123456');
    expect(made.changes).toMatchObject({ added: 2 });

    const empty = await cli(['import', answer(2, ''), '--json', '--db', tmp.db]);
    expect(empty.code, empty.stderr).toBe(0);
    const nothing = empty.json<ImportJson>();
    expect(nothing.capture.room.id).toBe(made.capture.room.id);
    expect(nothing.capture.messages).toBe(0);
    expect(nothing.changes).toMatchObject({ added: 0, deleted: 0, edited: 0, unsent: 0 });

    const deleted = await cli([
      'import',
      answer(3, `[${message('11', '見積書です', 1709251500)},${message('12', '[deleted]', 1709251560)}]`),
      '--json',
      '--db',
      tmp.db,
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.json<ImportJson>().changes).toMatchObject({ unchanged: 1, unsent: 0, edited: 0, deleted: 1 });
    const shown = await cli(['show', made.capture.room.id, '--json', '--db', tmp.db]);
    expect(shown.stdout).toContain('納期は3/15です');
  });

  it('still refuses an empty input that is not a .json answer', async () => {
    const path = join(tmp.dir, 'chat.txt');
    writeFileSync(path, '');
    const r = await cli(['import', path, '--db', tmp.db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('The input is empty');
  });

  it('names a webhook event body as such', async () => {
    const path = join(tmp.dir, 'event.json');
    writeFileSync(
      path,
      `{"webhook_setting_id":"4321","webhook_event_type":"message_created","webhook_event_time":1709251560,"webhook_event":{"message_id":"13","room_id":123456,"account_id":1234567,"body":"x","send_time":1709251555,"update_time":0}}`,
    );
    const r = await cli(['import', path, '--db', tmp.db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('webhook event');
    const ja = await cli(['import', path, '--db', tmp.db], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(ja.code).toBe(3);
    expect(ja.stderr).toContain('これは Chatwork の Webhook のイベント');
    expect(ja.stderr).toContain('`chatproof sync` でルームを取得してください');
  });
});
