/**
 * A capture kept with `import --raw` in the report: its text is printed verbatim
 * in its own section, verify-report accepts it, and a raw capture that claims messages is caught:
 * nothing was read from it, so its message list must be empty.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageHash } from '../../src/core/canonical.js';
import { sha256Hex } from '../../src/core/hash.js';
import { decodeInput } from '../../src/importers/decode.js';
import { lineImporter } from '../../src/importers/line/index.js';
import { MerkleBuilder } from '../../src/core/merkle.js';
import type { Manifest } from '../../src/report/manifest.js';
import type { CaptureFacts } from '../../src/report/verify/capture-facts.js';
import { checkFullCapture } from '../../src/report/verify/captures.js';
import { cli } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, type VerifyJson } from './helpers.js';

const tmp = tempArchive();
const pdf = join(tmp.dir, 'report.pdf');
const PASTE = '◆ 新しいメッセージ画面 ◆\n差出人＝佐藤花子 / 送信＝3月1日 9時5分\n本文＝見積書を送りました\n';
let pages: string[];

beforeAll(async () => {
  const chat = join(tmp.dir, 'chat.txt');
  writeFileSync(chat, '[LINE] 佐藤花子とのトーク履歴\n保存日時：2024/03/02 10:00\n\n2024/03/01(金)\n09:05\t佐藤花子\t了解です\n');
  const paste = join(tmp.dir, 'paste.txt');
  writeFileSync(paste, PASTE);
  expectOk(await cli(['import', chat, '--db', tmp.db]));
  expectOk(await cli(['import', paste, '--raw', '--room', '佐藤花子', '--db', tmp.db]));
  expectOk(await cli(['report', '佐藤花子', '-o', pdf, '--db', tmp.db]));
  pages = await pdfPages(readFileSync(pdf));
});
afterAll(() => tmp.cleanup());

describe('a raw capture in the report', () => {
  it('is printed verbatim in its own section, after the transcript', () => {
    const text = pages.join('\n');
    const section = text.indexOf('読み取らずに保存した記録');
    expect(section).toBeGreaterThan(text.indexOf('トーク履歴'));
    for (const line of PASTE.trimEnd().split('\n')) expect(text.slice(section)).toContain(line);
    expect(text.slice(section)).toContain(sha256Hex(Buffer.from(PASTE)));
  });

  it('passes verify: its message list is empty, as nothing was read from it', async () => {
    const r = await cli(['verify', '--db', tmp.db, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json<{ reparsed: number }>().reparsed).toBe(2);
  });

  it('passes verify-report', async () => {
    const r = await cli(['verify-report', pdf, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json<VerifyJson>().ok).toBe(true);
  });

  it('is caught when it claims messages, even the ones a parser would read from its bytes', () => {
    // A LINE export kept raw: read as LINE, it gives one message, and a forger records exactly it.
    const bytes = Buffer.from('[LINE] 佐藤花子とのトーク履歴\n\n2024/03/01(金)\n09:05\t佐藤花子\t1点3万円で承知しました\n');
    const parsed = lineImporter.parse(decodeInput(bytes, null), { tz: 'Asia/Tokyo', members: [], roomTitle: null });
    if (!parsed.ok) throw new Error('the LINE text must parse');
    const leaves = parsed.result.messages.map(messageHash);
    const tree = new MerkleBuilder();
    for (const leaf of leaves) tree.push(Buffer.from(leaf, 'hex'));
    const facts: CaptureFacts = {
      rawSha256: sha256Hex(bytes),
      rawSize: bytes.length,
      merkleRoot: tree.rootHex(),
      messageCount: leaves.length,
      format: 'line',
      tz: 'Asia/Tokyo',
      parserVersion: 'raw',
      blobs: [],
    };
    const capture = { id: 'c1', entrySeq: 3, file: 'capture-2.txt', extras: [], messageHashes: leaves, members: [] };
    const checks = checkFullCapture({ manifest: {} as Manifest, files: new Map([['capture-2.txt', bytes]]), entries: new Map() }, capture, facts, '佐藤花子');
    expect(checks.find((c) => c.name === 'capture c1 merkle')?.ok).toBe(true);
    expect(checks.find((c) => c.name === 'capture c1 messages')?.ok).toBe(false);
  });
});
