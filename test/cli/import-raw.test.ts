/**
 * `import --raw`: an input whose layout no parser reads is still kept as evidence,
 * as it is. The refusal offers it; the raw capture is hashed and logged like any other, holds no
 * messages, passes verify, and never makes a later capture's messages look deleted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

/** A page layout no importer knows: what a changed CrowdWorks page might paste as. */
const UNKNOWN_LAYOUT = '◆ 新しいメッセージ画面 ◆\n差出人＝山田太郎 / 送信＝3月1日 9時5分\n本文＝見積書を送りました\n';

interface CaptureJson {
  capture: { id: string; variant: string; messages: number; rawSha256: string; room: { id: string; title: string; source: string } };
}

describe('import --raw', () => {
  it('is offered when the input cannot be read, and keeps the bytes as a capture that verify checks', async () => {
    const path = join(tmp.dir, 'paste.txt');
    writeFileSync(path, UNKNOWN_LAYOUT);
    const refused = await cli(['import', path, '--db', tmp.db]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`chatproof import --raw "${path}" --room "ROOM"`);

    const kept = await cli(['import', path, '--raw', '--room', '案件A', '--format', 'crowdworks', '--json', '--db', tmp.db]);
    expect(kept.code, kept.stderr).toBe(0);
    const { capture } = kept.json<CaptureJson>();
    // The import document's shape (docs/schema/import.schema.json): a raw capture changes nothing.
    expect(kept.json()).toMatchObject({ changes: { added: 0, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 }, warnings: [] });
    expect(capture).toMatchObject({
      variant: 'raw',
      messages: 0,
      rawSha256: sha256Hex(Buffer.from(UNKNOWN_LAYOUT)),
      room: { title: '案件A', source: 'crowdworks' },
    });

    const verified = await cli(['verify', '--json', '--db', tmp.db]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.json()).toMatchObject({ ok: true, problems: [] });
  });

  it('needs --room, and --format for a new room when the input does not tell', async () => {
    const path = join(tmp.dir, 'paste.txt');
    writeFileSync(path, UNKNOWN_LAYOUT);
    expect((await cli(['import', path, '--raw', '--db', tmp.db])).code).toBe(2);
    const noSource = await cli(['import', path, '--raw', '--room', '案件A', '--db', tmp.db]);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain('--format');
  });

  it('joins a known room and makes none of its messages look deleted', async () => {
    const chat = join(tmp.dir, 'chat.txt');
    writeFileSync(chat, '[LINE] 佐藤花子とのトーク履歴\n保存日時：2024/03/02 10:00\n\n2024/03/01(金)\n09:05\t佐藤花子\t見積書を送りました\n');
    expect((await cli(['import', chat, '--db', tmp.db])).code).toBe(0);
    const path = join(tmp.dir, 'paste.txt');
    writeFileSync(path, UNKNOWN_LAYOUT);
    const kept = await cli(['import', path, '--raw', '--room', '佐藤花子', '--json', '--db', tmp.db]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.json<CaptureJson>().capture.room.source).toBe('line');
    const again = await cli(['import', chat, '--json', '--db', tmp.db]);
    expect(again.json<{ changes: Record<string, number> }>().changes).toMatchObject({ unchanged: 1, deleted: 0 });
  });
});
