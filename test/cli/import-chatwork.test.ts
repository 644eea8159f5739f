/**
 * Chatwork API bodies through `import`: the room id in a `room-<id>.json` name makes the
 * room without --room, an empty 204 answer is "nothing new" (no message taken as deleted), and a
 * body replaced by `[deleted]` is the author's deletion with the earlier text kept.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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

describe('import of Chatwork API answers', () => {
  it('names the room from room-<id>.json, reads an empty answer as nothing new, and a [deleted] body as unsent', async () => {
    const first = await cli(['import', answer(1, `[${message('11', '見積書です', 1709251500)},${message('12', '納期は3/15です', 1709251560)}]`), '--json', '--db', tmp.db]);
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

    const deleted = await cli(['import', answer(3, `[${message('11', '見積書です', 1709251500)},${message('12', '[deleted]', 1709251560)}]`), '--json', '--db', tmp.db]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.json<ImportJson>().changes).toMatchObject({ unchanged: 1, unsent: 1, edited: 0, deleted: 0 });
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
    writeFileSync(path, `{"webhook_setting_id":"4321","webhook_event_type":"message_created","webhook_event_time":1709251560,"webhook_event":{"message_id":"13","room_id":123456,"account_id":1234567,"body":"x","send_time":1709251555,"update_time":0}}`);
    const r = await cli(['import', path, '--db', tmp.db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('webhook event');
  });
});
