/**
 * The LINE importer as the CLI uses it: recognition (sniff, detection), options (tz, members),
 * errors that name the line, and the quote rules that need a whole file to show (FORMAT.md
 * "Quoted bodies": E3 line endings, edited line endings, undoubled closing quotes).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/i18n/message.js';
import { decodeInput } from '../../../src/importers/decode.js';
import { detectFormat } from '../../../src/importers/detect.js';
import type { ParseOptions, ParseResult } from '../../../src/importers/importer.js';
import { lineImporter } from '../../../src/importers/line/index.js';
import { importers } from '../../../src/importers/registry.js';
import { caseBytes } from './cases.js';

const OPTIONS: ParseOptions = { tz: 'Asia/Tokyo', members: [], roomTitle: null };
const decode = (text: string): ReturnType<typeof decodeInput> => decodeInput(new TextEncoder().encode(text), 'chat.txt');

function parsed(text: string, options: Partial<ParseOptions> = {}): ParseResult {
  const outcome = lineImporter.parse(decode(text), { ...OPTIONS, ...options });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

const bodies = (r: ParseResult): string[] => r.messages.map((m) => m.body);

describe('LINE: recognising the input', () => {
  it.each([
    ['ja-mobile-1to1', 0.95],
    ['pc-desktop', 0.8],
    ['window-fragment-from-date-line', 0.8],
    ['not-line-shopping-list', 0],
  ])('%s → %s', (name, confidence) => {
    expect(lineImporter.sniff(decodeInput(caseBytes(name), 'input.txt')).confidence).toBe(confidence);
  });

  it('declines JSON and empty input with a reason', () => {
    const json = lineImporter.sniff(decode('[{"message_id":"1","send_time":1}]'));
    expect(json.confidence).toBe(0);
    // Reasons are catalog phrases: the user reads them in their language.
    expect(render('en', json.reason)).toContain('no "[LINE]" header');
    expect(render('ja', json.reason)).toContain('「[LINE]」の見出し');
    const empty = lineImporter.sniff(decode(''));
    expect([empty.confidence, render('en', empty.reason)]).toEqual([0, 'empty input']);
  });

  it('is what --format auto picks for a LINE export', () => {
    expect(detectFormat(decodeInput(caseBytes('ja-mobile-12h'), 'x.txt'), importers, 'x.txt').importer).toBe(lineImporter);
    expect(lineImporter).toMatchObject({ format: 'line', source: 'line', parserVersion: 'line@1' });
  });

  it('reads the shared two-capture scenario: six messages, then the unsend in place of 10:07', () => {
    const one = parsed(readFileSync('test/fixtures/scenarios/line-unsend-and-delete/capture-1.txt', 'utf8'));
    const two = parsed(readFileSync('test/fixtures/scenarios/line-unsend-and-delete/capture-2.txt', 'utf8'));
    expect(one.messages).toHaveLength(6);
    expect(two.messages.find((m) => m.sentAt === '2024-03-04T10:07:00+09:00')).toMatchObject({ kind: 'unsent', sender: '佐藤花子' });
  });
});

describe('LINE: options', () => {
  const text = '[LINE] x\n\n2024/03/10(日)\n01:30\tA\tbefore\n03:30\tA\tafter the clocks went forward\n';

  it('writes times in --tz, DST included', () => {
    expect(parsed(text, { tz: 'America/New_York' }).messages.map((m) => m.sentAt)).toEqual(['2024-03-10T01:30:00-05:00', '2024-03-10T03:30:00-04:00']);
  });

  it('takes --member names to split desktop lines, and then needs no warning', () => {
    const desktop = '2021.01.01 金曜日\n12:03 山田 太郎 あけまして おめでとう\n';
    expect(parsed(desktop).warnings).toHaveLength(1);
    const r = parsed(desktop, { members: ['山田 太郎'] });
    expect(r.messages[0]).toMatchObject({ sender: '山田 太郎', body: 'あけまして おめでとう' });
    expect(r.warnings).toEqual([]);
  });

  it('leaves the title null for a fragment even when --room is given (the CLI uses --room)', () => {
    expect(parsed('2024/03/04(月)\n10:00\tA\thi\n', { roomTitle: 'Room' }).room.title).toBeNull();
  });
});

describe('LINE: lines read in part first (docs/performance.md)', () => {
  const unit = fc.constantFrom('a', 'Z', '日', '本', '😀', ' ', '（');
  // Lengths drawn evenly: fast-check's strings are mostly short, and the part read first is 48 bytes.
  const name = fc
    .integer({ min: 1, max: 30 })
    .chain((n) => fc.string({ unit, minLength: n, maxLength: n }))
    .filter((n) => n.trim() === n);
  const body = fc.string({ unit: fc.constantFrom('a', '日', '😀', ' ', '"'), minLength: 1, maxLength: 30 }).filter((b) => !b.startsWith('"') && b.trim() === b);

  it('finds the sender and body wherever the part read first ends: in the name, at the tab, in the body', () => {
    fc.assert(
      fc.property(name, body, (sender, text) => {
        const r = parsed(`[LINE] x\n\n2024/03/04(月)\n10:00\t${sender}\t${text}\n10:01\tB\tok\n`);
        expect(r.messages.map((m) => [m.sender, m.body])).toEqual([
          [sender, text],
          ['B', 'ok'],
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a quoted body whose opening quote is where the part read first ends, or past it', () => {
    const plain = fc.integer({ min: 1, max: 50 }).chain((n) => fc.string({ unit: fc.constantFrom('a', '日'), minLength: n, maxLength: n }));
    fc.assert(
      fc.property(plain, (sender) => {
        const r = parsed(`[LINE] x\n\n2024/03/04(月)\n10:00\t${sender}\t"一行目\n二行目"\n10:01\tB\tok\n`);
        expect(r.messages.map((m) => [m.sender, m.body])).toEqual([
          [sender, '一行目\n二行目'],
          ['B', 'ok'],
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('does not take a long line that starts like a date line for one', () => {
    const looksLikeDate = `2024/03/05(火)${' '.repeat(45)}と書いてあった`;
    const r = parsed(`[LINE] x\n\n2024/03/04(月)\n10:00\tA\t予定:\n${looksLikeDate}\n`);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]!.body).toBe(`予定:\n${looksLikeDate}`);
    expect(r.messages[0]!.sentAt).toBe('2024-03-04T10:00:00+09:00');
  });
});

describe('LINE: errors say where and what to do', () => {
  it('names the line where the input stops looking like LINE', () => {
    const outcome = lineImporter.parse(decode('[LINE] x\n\n2024/03/01(金)\n'.replace('2024/03/01(金)', 'hello there')), OPTIONS);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.where).toBe('3');
    expect(outcome.error.message).toMatch(/^Line 3 is not what a LINE chat export has there/);
    expect(outcome.error.hint).toContain('トーク履歴を送信');
  });

  it('refuses a file of date lines without messages, unless it has a header (an empty chat)', () => {
    expect(lineImporter.parse(decode('2024/03/01(金)\n'), OPTIONS).ok).toBe(false);
    expect(parsed('[LINE] 佐藤花子とのトーク履歴\n保存日時：2024/03/02 21:15\n\n').messages).toEqual([]);
  });
});

describe('LINE: quoted bodies across the file', () => {
  it('in a CRLF file with bare LFs, a CRLF line never opens a quoted body (E3)', () => {
    const text = '[LINE] x\r\n\r\n2024/03/01(金)\r\n10:00\tA\t"hello\r\n10:01\tB\t"a\nb"\r\n';
    expect(bodies(parsed(text))).toEqual(['"hello', 'a\nb']);
  });

  it('drops the line-ending rule when edited line endings leave a quote open', () => {
    const text = '[LINE] x\r\n\r\n2024/03/01(金)\r\n10:00\tA\t"a\nb"\n10:01\tB\tok\r\n';
    expect(bodies(parsed(text))).toEqual(['a\nb', 'ok']);
  });

  it('closes on a line ending in "" when nothing closes as CSV would (quotes not doubled)', () => {
    const r = parsed('[LINE] x\n\n2024/03/01(金)\n10:00\tA\t"a\nb ""c""\n10:01\tB\tok\n');
    expect(bodies(r)).toEqual(['a\nb ""c"', 'ok']);
    expect(r.warnings.map((w) => w.line)).toEqual([4]);
  });

  it('keeps a "" inside a one-line body as typed', () => {
    expect(bodies(parsed('[LINE] x\n\n2024/03/01(金)\n10:00\tA\tsay ""hi""\n'))).toEqual(['say ""hi""']);
  });

  it('lists decoding warnings first, then the parse warnings by line', () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('[LINE] x\n\n2024/03/01(金)\n24:10\tA\t'),
      0xff,
      ...new TextEncoder().encode('\n24:20\tB\tok\n'),
    ]);
    const outcome = lineImporter.parse(decodeInput(bytes, null), OPTIONS);
    expect(outcome.ok && outcome.result.warnings.map((w) => w.line)).toEqual([4, 4, 5]);
    expect(outcome.ok && outcome.result.messages[0]!.body).toBe('\ufffd');
  });
});
