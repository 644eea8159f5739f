/**
 * The bench's generated inputs must stay what the bench claims they are: LINE exports the LINE
 * importer reads whole and without warnings, a later export with about 1 % changes, a Chatwork
 * list the Chatwork importer reads. If an importer changes its mind about them, the bench would
 * silently measure something else.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/importers/decode.js';
import { chatworkJsonImporter } from '../../src/importers/chatwork-json/index.js';
import { lineImporter, type LineParseResult } from '../../src/importers/line/index.js';
import { writeChatworkList } from './gen/chatwork.js';
import { LINE_TITLE, writeLineExport } from './gen/line.js';
import { DailyLineExport } from './gen/line-daily.js';
import { forEachMessage } from './limits/split.js';

const dir = mkdtempSync(join(tmpdir(), 'chatproof-bench-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { tz: 'Asia/Tokyo', members: [], roomTitle: null };

describe('generated LINE exports', () => {
  it('parse whole, as the generator counted them, with multi-line bodies and every kind', () => {
    const written = writeLineExport(join(dir, 'a.txt'), { messages: 3000 });
    const bytes = readFileSync(written.path);
    expect(bytes.length).toBe(written.bytes);
    const out = lineImporter.parse(decodeInput(bytes, 'a.txt'), options);
    if (!out.ok) throw out.error;
    expect(out.result.messages).toHaveLength(3000);
    expect(out.result.warnings).toEqual([]);
    expect(out.result.room.title).toBe(LINE_TITLE);
    expect(out.result.variant).toBe('line/ja-mobile-24h');
    expect(out.result.messages.some((m) => m.body.includes('\n'))).toBe(true);
    expect(new Set(out.result.messages.map((m) => m.kind))).toEqual(new Set(['text', 'media', 'call', 'unsent']));
    // The limit scripts split the same file into the same number of messages.
    expect(forEachMessage(bytes.toString('utf8'), () => {})).toBe(3000);
  });

  it('are the same bytes every time', () => {
    const a = writeLineExport(join(dir, 'b1.txt'), { messages: 500 });
    const b = writeLineExport(join(dir, 'b2.txt'), { messages: 500 });
    expect(readFileSync(a.path).equals(readFileSync(b.path))).toBe(true);
  });

  it('the later export differs in about 1 % of messages', () => {
    const n = 20_000;
    const before = lineImporter.parse(decodeInput(readFileSync(writeLineExport(join(dir, 'c1.txt'), { messages: n }).path), null), options);
    const later = writeLineExport(join(dir, 'c2.txt'), { messages: n, changes: true });
    const after = lineImporter.parse(decodeInput(readFileSync(later.path), null), options);
    if (!before.ok || !after.ok) throw new Error('generated export did not parse');
    expect(after.result.messages).toHaveLength(later.messages);
    const seen = new Set(before.result.messages.map((m) => `${m.sentAt}\t${m.sender}\t${m.body}`));
    const different = after.result.messages.filter((m) => !seen.has(`${m.sentAt}\t${m.sender}\t${m.body}`)).length;
    expect(different / n).toBeGreaterThan(0.005);
    expect(different / n).toBeLessThan(0.015);
  });
});

describe('the daily export of a growing LINE group', () => {
  it('grows in place: every earlier message the same, new ones after them, saved a day later', () => {
    const daily = new DailyLineExport(join(dir, 'daily.txt'), 1000);
    const parse = (): ReturnType<typeof lineImporter.parse> => lineImporter.parse(decodeInput(readFileSync(daily.path), 'daily.txt'), options);
    const first = parse();
    const grown = daily.grow(250);
    const second = parse();
    daily.close();
    if (!first.ok || !second.ok) throw new Error('daily export did not parse');
    expect(first.result.messages).toHaveLength(1000);
    expect(second.result.messages).toHaveLength(1250);
    expect(grown.messages).toBe(1250);
    expect(readFileSync(daily.path).length).toBe(grown.bytes);
    expect(second.result.warnings).toEqual([]);
    // A chat day cut by the first export reads the same once the second finishes it.
    expect(second.result.messages.slice(0, 1000)).toEqual(first.result.messages);
    expect((first.result as LineParseResult).savedAt?.iso).toBe('2026-11-20T21:15:00+09:00');
    expect((second.result as LineParseResult).savedAt?.iso).toBe('2026-11-21T21:15:00+09:00');
  });
});

describe('generated Chatwork lists', () => {
  it('parse whole, with the room id taken from the file name', () => {
    const written = writeChatworkList(join(dir, 'room-381234567-x.json'), 1000);
    const out = chatworkJsonImporter.parse(decodeInput(readFileSync(written.path), 'room-381234567-x.json'), options);
    if (!out.ok) throw out.error;
    expect(out.result.messages).toHaveLength(1000);
    expect(out.result.room.externalId).toBe('381234567');
    expect(out.result.warnings).toEqual([]);
  });
});
