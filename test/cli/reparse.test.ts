/**
 * `reparse CAPTURE` (src/app/reparse.ts): a capture kept with `import --raw` is read again as a NEW
 * capture of the same original, which names the raw one (`reparseOf`); `verify` re-parses it like
 * any capture and refuses a `reparseOf` that names anything but a raw capture of the same room and
 * original (a capture borrowing an older paste's time).
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical.js';
import { entryHash } from '../../src/store/entry-hash.js';
import { cli } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

/** A page layout no importer reads: what a changed CrowdWorks page might paste as. */
const UNKNOWN_LAYOUT = '◆ 新しいメッセージ画面 ◆\n差出人＝山田太郎 / 送信＝3月1日 9時5分\n本文＝見積書を送りました\n';
/** A CrowdWorks paste the parser reads (test/fixtures/crowdworks/paste-contract-thread), kept raw by choice: the parser that "learned" its layout. */
const READABLE = readFileSync(join('test', 'fixtures', 'crowdworks', 'paste-contract-thread', 'input.txt'));

interface CaptureJson {
  readonly capture: {
    readonly id: string;
    readonly capturedAt: string;
    readonly messages: number;
    readonly rawSha256: string;
    readonly room: { readonly id: string };
  };
}
interface ReparseJson extends CaptureJson {
  readonly reparseOf: { readonly id: string; readonly capturedAt: string };
  readonly changes: Record<string, number>;
  readonly placedBefore: { readonly newer: number } | null;
}
interface VerifyJson {
  readonly ok: boolean;
  readonly reparsed: number;
  readonly problems: readonly { readonly kind: string; readonly where: string }[];
}

async function keepRaw(bytes: string | Buffer, name: string): Promise<CaptureJson['capture']> {
  const path = join(tmp.dir, name);
  writeFileSync(path, bytes);
  const r = await cli(['import', path, '--raw', '--room', '案件A', '--format', 'crowdworks', '--json', '--db', tmp.db]);
  expect(r.code, r.stderr).toBe(0);
  return r.json<CaptureJson>().capture;
}

const logLength = async (): Promise<number> => {
  const sqlite = new Database(tmp.db, { readonly: true });
  try {
    return sqlite.prepare('SELECT COUNT(*) FROM log').pluck().get() as number;
  } finally {
    sqlite.close();
  }
};

describe('reparse', () => {
  it('says a paste it still cannot read stays kept as it is, where it failed, and stores nothing', async () => {
    const raw = await keepRaw(UNKNOWN_LAYOUT, 'paste.txt');
    const before = await logLength();
    const auto = await cli(['reparse', raw.id, '--db', tmp.db]);
    expect(auto.code, auto.stderr).toBe(3);
    expect(auto.stderr).toContain(`chatproof reparse ${raw.id}`);
    const chosen = await cli(['reparse', raw.id, '--format', 'crowdworks', '--db', tmp.db, '--lang', 'ja']);
    expect(chosen.code, chosen.stderr).toBe(3);
    // A format of another service is refused before anything is read.
    const other = await cli(['reparse', raw.id, '--format', 'line', '--db', tmp.db]);
    expect(other.code, other.stderr).toBe(2);
    expect(other.stderr).toContain('a crowdworks room');
    const listed = await cli(['captures', '案件A', '--db', tmp.db]);
    expect(listed.stdout).toContain('(kept as it is, not read: chatproof reparse ID reads it');
    // Where: the capture (and its line, where the parser names one).
    expect(chosen.stderr).toContain(`(capture ${raw.id}`);
    expect(chosen.stderr).toContain(`取り込み ${raw.id} は元のまま保存されています`);
    expect(await logLength()).toBe(before);
  });

  it('reads a raw capture again as a new capture of the same original, dated by the paste', async () => {
    const raw = await keepRaw(READABLE, 'paste.txt');
    // A later paste of the same thread, read when it was imported: the room's newest capture.
    const later = join(tmp.dir, 'later.txt');
    writeFileSync(later, Buffer.concat([READABLE, Buffer.from('山田太郎\n2024年03月06日 10:00\n追加の連絡です。\n')]));
    const newer = await cli(['import', later, '--room', '案件A', '--yes', '--json', '--db', tmp.db]);
    expect(newer.code, newer.stderr).toBe(0);
    const newerId = newer.json<CaptureJson>().capture.id;
    const before = await logLength();
    // A guessed layout asks first, as import does: without a terminal and without --yes nothing is stored.
    const unasked = await cli(['reparse', raw.id, '--db', tmp.db]);
    expect(unasked.code, unasked.stderr).toBe(2);
    expect(await logLength()).toBe(before);

    const r = await cli(['reparse', raw.id.slice(0, 8), '--yes', '--json', '--db', tmp.db]);
    expect(r.code, r.stderr).toBe(0);
    const doc = r.json<ReparseJson>();
    expect(doc.reparseOf).toMatchObject({ id: raw.id, capturedAt: raw.capturedAt });
    // Dated by the paste, not by the reparse: before the later capture, whose state stays the room's.
    expect(doc.capture).toMatchObject({ messages: 3, rawSha256: raw.rawSha256, room: { id: raw.room.id }, asOf: raw.capturedAt });
    expect(doc.capture.id).not.toBe(raw.id);
    expect(doc.placedBefore).toMatchObject({ newer: 1 });
    // Compared with the room as of the paste: only the raw capture, which holds no message.
    expect(doc.changes).toMatchObject({ added: 3, deleted: 0 });
    expect(await logLength()).toBe(before + 1);
    const order = await cli(['captures', '案件A', '--json', '--db', tmp.db]);
    expect(order.json<{ captures: { id: string; reparseOf?: string }[] }>().captures.map((c) => [c.id, c.reparseOf])).toEqual([
      [raw.id, undefined],
      [doc.capture.id, raw.id],
      [newerId, undefined],
    ]);
    const listed = await cli(['captures', '案件A', '--db', tmp.db, '--lang', 'ja']);
    expect(listed.stdout).toContain(`（${raw.id} の読み直し: その時点の記録）`);

    const sqlite = new Database(tmp.db, { readonly: true });
    try {
      // The paste is stored once, under its hash, for both its captures; the later paste is the other original.
      expect(sqlite.prepare('SELECT COUNT(*) FROM blobs').pluck().get()).toBe(2);
      const payload = JSON.parse(sqlite.prepare("SELECT payload FROM log WHERE kind = 'capture' ORDER BY seq DESC LIMIT 1").pluck().get() as string);
      expect(payload.capture.reparseOf).toBe(raw.id);
    } finally {
      sqlite.close();
    }

    const shown = await cli(['show', '案件A', '--json', '--db', tmp.db]);
    expect(shown.code, shown.stderr).toBe(0);
    const messages = shown.json<{ messages: { body: string; status: string; firstSeen: string }[] }>().messages;
    // The pasted messages were first seen in the paste (by the reparse of it), the added one later.
    expect(messages.map((m) => [m.body, m.status, m.firstSeen])).toEqual([
      ['お世話になっております。見積書を添付しました。\nご確認よろしくお願いいたします。', 'present', doc.capture.id],
      ['ありがとうございます。仮払いを行いました。', 'present', doc.capture.id],
      ['納品しました。検収をお願いいたします。', 'present', doc.capture.id],
      ['追加の連絡です。', 'present', newerId],
    ]);

    const verified = await cli(['verify', '--json', '--db', tmp.db]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.json<VerifyJson>()).toMatchObject({ ok: true, reparsed: 3, problems: [] });

    // The report's raw section says when it was read again, as which capture; verify-report rebuilds it from the report alone.
    const pdf = join(tmp.dir, 'report.pdf');
    const reported = await cli(['report', '案件A', '-o', pdf, '--db', tmp.db]);
    expect(reported.code, reported.stderr).toBe(0);
    const text = (await pdfPages(readFileSync(pdf))).join('\n');
    const section = text.slice(text.indexOf('読み取らずに保存した記録'));
    expect(section).toContain('として読み直し');
    expect(text).toContain('検収をお願いいたします');
    const checked = await cli(['verify-report', pdf, '--json']);
    expect(checked.code, checked.stdout).toBe(0);
    // The raw capture it names is checked from the report's own log, as verify checks it.
    expect(
      checked.json<{ checks: { name: string; ok: boolean; detail: string }[] }>().checks.find((c) => c.name === `capture ${doc.capture.id} read again from`),
    ).toMatchObject({
      ok: true,
      detail: expect.stringContaining(`it reads again capture ${raw.id}`),
    });

    // Read once with this parser, it is not read again.
    const again = await cli(['reparse', raw.id, '--yes', '--db', tmp.db]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(doc.capture.id);
  });

  it('reads local times in the zone the paste was kept in, unless --tz says otherwise', async () => {
    const path = join(tmp.dir, 'chat.txt');
    writeFileSync(path, '[LINE] 佐藤花子とのトーク履歴\n保存日時：2024/03/02 10:00\n\n2024/03/01(金)\n09:05\t佐藤花子\t了解です\n');
    const kept = await cli(['import', path, '--raw', '--room', '佐藤花子', '--format', 'line', '--tz', 'UTC', '--json', '--db', tmp.db]);
    const raw = kept.json<CaptureJson>().capture;
    const read = await cli(['reparse', raw.id, '--json', '--db', tmp.db]);
    expect(read.code, read.stderr).toBe(0);
    // The save time its text states dates it; the raw capture, which holds nothing, is no later state to be placed before.
    expect(read.json<ReparseJson>()).toMatchObject({ capture: { asOf: '2024-03-02T10:00:00Z' }, placedBefore: null });
    const id = read.json<ReparseJson>().capture.id;
    const shown = await cli(['show', '佐藤花子', '--capture', id, '--json', '--db', tmp.db]);
    expect(shown.json<{ messages: { sentAt: string }[] }>().messages.map((m) => m.sentAt)).toEqual(['2024-03-01T09:05:00Z']);
    // Another zone is another reading of the same text: a capture of its own (the same reading again is refused).
    expect((await cli(['reparse', raw.id, '--tz', 'UTC', '--db', tmp.db])).code).toBe(2);
    const tokyo = await cli(['reparse', raw.id, '--tz', 'Asia/Tokyo', '--json', '--db', tmp.db]);
    expect(tokyo.code, tokyo.stderr).toBe(0);
    const again = await cli(['show', '佐藤花子', '--capture', tokyo.json<ReparseJson>().capture.id, '--json', '--db', tmp.db]);
    expect(again.json<{ messages: { sentAt: string }[] }>().messages.map((m) => m.sentAt)).toEqual(['2024-03-01T09:05:00+09:00']);
  });

  it('reads only raw captures, and names an unknown one as every command does', async () => {
    const path = join(tmp.dir, 'chat.txt');
    writeFileSync(path, '[LINE] 佐藤花子とのトーク履歴\n\n2024/03/01(金)\n09:05\t佐藤花子\t了解です\n');
    const imported = await cli(['import', path, '--json', '--db', tmp.db]);
    const id = imported.json<CaptureJson>().capture.id;
    const notRaw = await cli(['reparse', id, '--db', tmp.db]);
    expect(notRaw.code).toBe(2);
    expect(notRaw.stderr).toContain('import --raw');
    const unknown = await cli(['reparse', 'ffffffffffff', '--json', '--db', tmp.db]);
    expect(unknown.code).toBe(4);
    expect(unknown.json()).toMatchObject({ error: { code: 'archive.no-capture' } });
  });

  it('verify refuses a reparseOf rewritten to borrow an older paste, even with the chain recomputed', async () => {
    const older = await keepRaw(UNKNOWN_LAYOUT, 'older.txt');
    const raw = await keepRaw(READABLE, 'paste.txt');
    expect((await cli(['reparse', raw.id, '--yes', '--db', tmp.db])).code).toBe(0);
    expect((await cli(['verify', '--db', tmp.db])).code).toBe(0);

    rewriteChain(tmp.db, (payload) => {
      const capture = payload['capture'] as Record<string, unknown> | undefined;
      if (capture?.['reparseOf'] === raw.id) capture['reparseOf'] = older.id;
    });
    const r = await cli(['verify', '--json', '--db', tmp.db]);
    expect(r.code, r.stdout).toBe(5);
    const problems = r.json<VerifyJson>().problems;
    expect(problems.map((p) => p.kind)).toEqual(['capture-reparse-of-wrong']);
    expect(problems[0]!.where).toContain(older.id);
    // Nor does a report date the paste's messages by the borrowed time: exit 5, nothing written.
    const pdf = join(tmp.dir, 'borrowed.pdf');
    const reported = await cli(['report', '案件A', '-o', pdf, '--db', tmp.db]);
    expect(reported.code, reported.stderr).toBe(5);
    expect(reported.stderr).toContain('is not what it names');
    expect(existsSync(pdf)).toBe(false);
  });
});

/** Every entry's payload passed through `change`, and the chain recomputed after it, as the archive's owner could. */
function rewriteChain(db: string, change: (payload: Record<string, unknown>) => void): void {
  const sqlite = new Database(db);
  try {
    for (const name of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) sqlite.exec(`DROP TRIGGER ${name}`);
    const log = sqlite.prepare('SELECT seq, kind, at, room_id AS roomId, payload FROM log ORDER BY seq').all() as {
      seq: number;
      kind: string;
      at: string;
      roomId: string | null;
      payload: string;
    }[];
    let prev: string | null = null;
    for (const e of log) {
      const payload = JSON.parse(e.payload) as Record<string, unknown>;
      change(payload);
      const hash = entryHash({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prevHash: prev, payload });
      sqlite.prepare('UPDATE log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(canonicalJson(payload), prev, hash, e.seq);
      prev = hash;
    }
  } finally {
    sqlite.close();
  }
}
