/**
 * The parse is linear (FORMAT.md "Performance"): it reads its input only through its lines
 * (`streamLines`), and here every character it reads is counted, over the whole parse and the
 * making of every message. An export, and inputs shaped to provoke quadratic work (openers that
 * never close, quote runs, long desktop lines with many spaces), must be read a small constant
 * number of times over: a quoted-body scan that ran to the end of the file for each opener would
 * read 100,000 lines 100,000 times. Work is counted, not timed: timing belongs to `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import type { Warning } from '../../../src/core/types.js';
import { streamLines } from '../../../src/importers/line/index.js';
import { type IndexedLines, LineIndex, type LineTerminator, type SourceLine } from '../../../src/importers/lines.js';

const OPTIONS = { tz: 'Asia/Tokyo', members: [], roomTitle: null };
const WEEKDAYS = '日月火水木金土';

/** A mobile export: 7 minutes apart, a quoted three-line body every tenth message, stickers, CRLF. */
export function bigExport(messages: number): string {
  const out = ['[LINE] 制作チームのトーク履歴', '保存日時：2024/03/02 21:15', ''];
  let day = -1;
  for (let i = 0; i < messages; i++) {
    const t = new Date(Date.UTC(2015, 0, 1) + i * 7 * 60_000);
    const d = Math.floor((i * 7) / 1440);
    if (d !== day) {
      if (day >= 0) out.push('');
      day = d;
      out.push(`${t.getUTCFullYear()}/${t.getUTCMonth() + 1}/${t.getUTCDate()}(${WEEKDAYS[t.getUTCDay()]})`);
    }
    const body = i % 10 === 0 ? `"一行目 ${i}\n\n2024/01/05(金)\n最後の行"` : i % 7 === 0 ? '[スタンプ]' : `本文 ${i} です。よろしくお願いします`;
    out.push(`${t.getUTCHours()}:${String(t.getUTCMinutes()).padStart(2, '0')}\t${i % 3 === 0 ? '佐藤花子' : '山田 太郎'}\t${body}`);
  }
  return `${out.join('\r\n')}\r\n`;
}

/**
 * Reads per line and characters read per character: the records pass reads each line once (twice
 * for a day-first English file), the messages are made from their lines once more, and a quoted
 * body is scanned ahead once. Measured here: at most ~5 of each.
 */
const BOUND = 8;

/** The lines of `text`, counting the characters and lines the parse asks for. */
class CountedLines implements IndexedLines {
  chars = 0;
  reads = 0;
  private readonly lines: LineIndex;
  constructor(text: string) {
    this.lines = LineIndex.ofText(text);
  }
  get length(): number {
    return this.lines.length;
  }
  at(index: number): SourceLine | undefined {
    const line = this.lines.at(index);
    this.count(line?.text.length ?? 0);
    return line;
  }
  terminatorAt(index: number): LineTerminator {
    return this.lines.terminatorAt(index);
  }
  headAt(index: number, size: number): { readonly text: string; readonly whole: boolean } {
    const head = this.lines.headAt(index, size);
    this.count(head.text.length);
    return head;
  }
  /** A quadratic slip stops here at once, instead of running for minutes. */
  private count(chars: number): void {
    this.reads++;
    this.chars += chars;
    if (this.reads > BOUND * this.length + 1000) throw new Error(`the parse read ${this.reads} lines of ${this.length}`);
  }
}

/** Parses `text` and makes every message, counting what was read: per line of input, and per character. */
function work(text: string, members: readonly string[] = []): { messages: number; readsPerLine: number; charsPerChar: number } {
  const lines = new CountedLines(text);
  const outcome = streamLines(lines, [], { ...OPTIONS, members });
  let messages = -1;
  if (outcome.ok) {
    const warnings: Warning[] = [];
    messages = [...outcome.result.messages.each(warnings)].length;
    outcome.result.warningsWith(warnings);
  }
  return { messages, readsPerLine: lines.reads / lines.length, charsPerChar: lines.chars / text.length };
}

const HEADER = '[LINE] x\n\n2024/03/01(金)\n';

describe('LINE: the parse reads its input a bounded number of times over', () => {
  it('an export of 20,000 messages', () => {
    const counted = work(bigExport(20_000));
    expect(counted.messages).toBe(20_000);
    expect(counted.readsPerLine).toBeLessThan(BOUND);
    expect(counted.charsPerChar).toBeLessThan(BOUND);
  });

  const adversarial: [string, string, readonly string[]][] = [
    ['openers that never close', HEADER + '10:00\tA\t"x\n'.repeat(100_000), []],
    ['quote-only bodies with text lines between', HEADER + '10:00\tA\t"\ncontent\n'.repeat(50_000) + '10:01\tB\t"z" y\n', []],
    ['one opener, then lines ending in a doubled quote', HEADER + '10:00\tA\t"x\n' + '10:01\tB\ty""\n'.repeat(100_000), []],
    ['a desktop line with a million spaces', `2021.01.01 金曜日\n12:00 ${'a '.repeat(1_000_000)}\n`, []],
    ['a desktop body of date-looking lines going back', `2021.01.01 金曜日\n12:00 A hi\n${'2020.01.01 水曜日\n'.repeat(100_000)}`, ['A']],
    ['a line of 1,000,000 quotes', `${HEADER}10:00\tA\t${'"'.repeat(1_000_000)}\n10:01\tB\tz\n`, []],
  ];
  for (const [name, text, members] of adversarial) {
    it(`stays linear on ${name}`, () => {
      const counted = work(text, members);
      expect(counted.messages).toBeGreaterThan(0);
      expect(counted.readsPerLine).toBeLessThan(BOUND);
      expect(counted.charsPerChar).toBeLessThan(BOUND);
    });
  }
});
