/**
 * Inputs that are large, deep, binary or mis-encoded on purpose. Each must end in a clear answer
 * (a capture, or exit 3 with a message), never in an internal error, a hang or a memory blow-up;
 * and what is kept stays the original bytes (docs/design/evidence-model.md P1) even where the text had to be repaired to read it.
 */
import Database from 'better-sqlite3';
import { FORM_READ, messageOfRow } from '../../src/store/message-forms.js';
import { Archive } from '../../src/store/archive.js';
import iconv from 'iconv-lite';
import { existsSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { renderChatworkMarkup } from '../../src/core/chatwork-markup.js';
import { importers } from '../../src/importers/registry.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { expectVerifies } from './support/inspect.js';
import { lineExport } from './support/line-export.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());

interface ImportJson {
  capture: { id: string; messages: number; merkleRoot: string; rawSha256: string };
  warnings: { line: number | null; message: string }[];
}

function file(name: string, bytes: string | Uint8Array): string {
  const p = join(tmp.dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Every stored body of the archive's messages, by reading their rows directly. */
function storedBodies(db: string): string[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return (sqlite.prepare(`SELECT ${FORM_READ} FROM messages`).raw().all() as unknown[][]).map((row) => messageOfRow(row, 0).body);
  } finally {
    sqlite.close();
  }
}

function storedBlob(db: string, sha: string): Buffer {
  const a = Archive.open(db, { readonly: true });
  try {
    return a.blob(sha);
  } finally {
    a.close();
  }
}

const SMALL_LINE = lineExport({ title: 'サイズ', messages: 40, tag: 'size' });

describe('size limits', () => {
  it('an input over --max-size is refused with exit 3 and a message naming the flag; raising the limit imports it', async () => {
    const db = join(tmp.dir, 'size.db');
    const p = file('size.txt', SMALL_LINE);
    expect(Buffer.byteLength(SMALL_LINE)).toBeGreaterThan(2048);
    const refused = await cli(['import', p, '--db', db, '--max-size', '2KB']);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toMatch(/limit/);
    expect(refused.stderr).toMatch(/--max-size/);
    const piped = await cli(['import', '-', '--db', db, '--max-size', '2KB'], { stdin: SMALL_LINE });
    expect(piped.code, piped.stderr).toBe(3);
    expect(piped.stderr).toMatch(/standard input/);
    const ok = await cli(['import', p, '--db', db, '--max-size', '1MB', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json<ImportJson>().capture.messages).toBe(40);
  });

  it('a sparse 1 GB file is refused from its size alone: fast, and without reading it into memory', async () => {
    const p = join(tmp.dir, 'huge.txt');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const r = await cli(['import', p, '--db', join(tmp.dir, 'huge.db')]);
    const ms = Date.now() - started;
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/1024\.0 MB, more than the 256\.0 MB limit/);
    expect(ms).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 ** 2);
  });
});

describe('long lines, deep nesting, binary bytes', () => {
  it('a LINE message of one 10 MB line imports whole, its body byte-exact', async () => {
    const body = 'あいうえお'.repeat(700_000); // 3 bytes each in UTF-8: 10.5 MB
    const text = `[LINE] 長い行とのトーク履歴\n保存日時：2024/03/02 21:15\n\n2024/03/01(金)\n09:05\t長い行\t${body}\n09:06\t山田太郎\t読みました\n`;
    const db = join(tmp.dir, 'long.db');
    const r = await cli(['import', file('long.txt', text), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<ImportJson>().capture.messages).toBe(2);
    expect(storedBodies(db)).toContain(body);
  });

  it('a 10 MB line without a newline: every importer answers in bounded time (no catastrophic backtracking)', () => {
    for (const unit of ['a', '\t', '12:00 ', '"', '[qt]', '2024/03/01(金) ', '<div>']) {
      const text = unit.repeat(Math.ceil(10_000_000 / unit.length));
      const decoded = { bytes: Buffer.from(text), text, encoding: 'utf-8', name: 'line.txt', decodeWarnings: [] };
      for (const importer of importers) {
        const started = Date.now();
        importer.sniff(decoded);
        const outcome = importer.parse(decoded, { tz: 'Asia/Tokyo', members: [], roomTitle: 'x' });
        expect(typeof outcome.ok).toBe('boolean');
        expect(Date.now() - started, `${importer.format} on ${JSON.stringify(unit)}×`).toBeLessThan(5_000);
      }
    }
  }, 60_000);

  it('100k nested [qt] in a Chatwork message import byte-exact and render without a stack overflow', async () => {
    const body = `${'[qt]'.repeat(100_000)}深い引用${'[/qt]'.repeat(100_000)}`;
    const json = JSON.stringify([
      {
        message_id: '1928374655918273645',
        account: { account_id: 7654321, name: '佐藤 花子', avatar_image_url: 'https://example.invalid/a.png' },
        body,
        send_time: 1709251500,
        update_time: 0,
      },
    ]);
    const db = join(tmp.dir, 'deep.db');
    const r = await cli(['import', file('room-123456.json', json), '--db', db, '--room', '深い', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(storedBodies(db)).toEqual([body]);
    expect(renderChatworkMarkup(body)).toContain('深い引用');
  });

  it('100k nested JSON arrays are refused with exit 3 and where, not a stack overflow', async () => {
    const r = await cli([
      'import',
      file('nested.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      '--db',
      join(tmp.dir, 'nested.db'),
      '--format',
      'chatwork-json',
    ]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/nested more than \d+ levels deep/);
  });

  it('NUL bytes inside a LINE file: refused as binary with exit 3, naming the line; nothing stored', async () => {
    const text = SMALL_LINE.replace('size 第3件', 'size 第3件\0\0NUL入り');
    const line = text.split('\n').findIndex((l) => l.includes('\0')) + 1;
    const db = join(tmp.dir, 'nul.db');
    const r = await cli(['import', file('nul.txt', text), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`NUL byte on line ${line}`);
    expect(r.stderr).toContain(`nul.txt:${line}`);
    // Under --json the refusal is a document on stdout (docs/json.md), with the same exit code.
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { kind: 'input', exitCode: 3, where: expect.stringContaining(`nul.txt:${line}`) } });
    expect(existsSync(db)).toBe(false);
  });

  it('a binary file (PNG header, NULs) is exit 3 with a message, and nothing is stored', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096), Buffer.from('IEND')]);
    const db = join(tmp.dir, 'binary.db');
    const r = await cli(['import', file('photo.png', png), '--db', db]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/looks like a PNG image/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('encodings', () => {
  const text = lineExport({ title: '文字コード', messages: 30, tag: 'enc', eol: '\r\n' });

  async function importBytes(name: string, bytes: Uint8Array, db: string): Promise<ImportJson> {
    const r = await cli(['import', file(name, bytes), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    return r.json<ImportJson>();
  }

  it('Shift_JIS and UTF-16 (LE/BE with BOM) exports give the same messages as UTF-8, and keep their own bytes', async () => {
    const db = join(tmp.dir, 'enc.db');
    const utf8 = await importBytes('utf8.txt', Buffer.from(text, 'utf8'), db);
    const variants: [string, Buffer][] = [
      ['sjis.txt', iconv.encode(text, 'Shift_JIS')],
      ['utf16le.txt', iconv.encode(text, 'utf-16le', { addBOM: true })],
      ['utf16be.txt', iconv.encode(text, 'utf-16be', { addBOM: true })],
    ];
    for (const [name, bytes] of variants) {
      const got = await importBytes(name, bytes, db);
      expect(got.capture.messages, name).toBe(30);
      // Same canonical messages → same Merkle root, whatever the file's encoding.
      expect(got.capture.merkleRoot, name).toBe(utf8.capture.merkleRoot);
      expect(got.capture.rawSha256, name).toBe(sha256Hex(bytes));
      expect(storedBlob(db, got.capture.rawSha256).equals(bytes), name).toBe(true);
    }
    await expectVerifies(db);
  });

  it('half a surrogate pair (a damaged UTF-16 file, a JSON \\ud800 escape): U+FFFD in the text, the bytes kept, exit 0 not 1', async () => {
    const db = join(tmp.dir, 'surrogates.db');
    const utf16 = iconv.encode(text, 'utf-16le', { addBOM: true });
    const lines = text.split('\r\n');
    const target = lines.findIndex((l) => l.includes('enc 第5件'));
    // Two bytes 00 D8 (a high surrogate with no low one) right after "第5件" in UTF-16LE.
    const at = 2 + 2 * (lines.slice(0, target).join('\r\n').length + 2 + lines[target]!.indexOf('第5件') + 3);
    const damaged = Buffer.concat([utf16.subarray(0, at), Buffer.from([0x00, 0xd8]), utf16.subarray(at)]);
    const r = await cli(['import', file('lone-surrogate.txt', damaged), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<ImportJson>();
    expect(
      out.warnings.some((w) => w.line === target + 1),
      JSON.stringify(out.warnings),
    ).toBe(true);
    expect(storedBlob(db, out.capture.rawSha256).equals(damaged)).toBe(true);
    expect(storedBodies(db).some((b) => b.includes('第5件\uFFFD'))).toBe(true);

    const json = Buffer.from('[{"message_id":"1","account":{"account_id":1,"name":"a"},"body":"x\\ud800y","send_time":1709251500,"update_time":0}]');
    const j = await cli(['import', file('room-1.json', json), '--room', 'サロゲート', '--db', db, '--json']);
    expect(j.code, j.stderr).toBe(0);
    expect(storedBlob(db, j.json<ImportJson>().capture.rawSha256).equals(json)).toBe(true);
    expect(storedBodies(db)).toContain('x\uFFFDy');
    await expectVerifies(db);
  });

  it('invalid UTF-8 inside a good LINE file: kept byte-exact, decoded with U+FFFD, and a warning names the line', async () => {
    const lines = text.split('\r\n');
    const target = lines.findIndex((l) => l.includes('enc 第7件'));
    expect(target).toBeGreaterThan(0);
    const good = Buffer.from(text, 'utf8');
    const cut = Buffer.byteLength(lines.slice(0, target).join('\r\n') + '\r\n' + lines[target]!.slice(0, -2), 'utf8');
    const bytes = Buffer.concat([good.subarray(0, cut), Buffer.from([0xff, 0xc3, 0x28]), good.subarray(cut)]);
    const db = join(tmp.dir, 'bad-utf8.db');
    const r = await cli(['import', file('bad-utf8.txt', bytes), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<ImportJson>();
    expect(out.capture.messages).toBe(30);
    expect(
      out.warnings.some((w) => w.line === target + 1),
      JSON.stringify(out.warnings),
    ).toBe(true);
    expect(r.stderr).toContain(`bad-utf8.txt:${target + 1}`);
    expect(storedBlob(db, out.capture.rawSha256).equals(bytes)).toBe(true);
    expect(storedBodies(db).some((b) => b.includes('enc 第7件') && b.includes('\uFFFD'))).toBe(true);
    await expectVerifies(db);
  });
});
