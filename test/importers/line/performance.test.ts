/**
 * The parse is linear (FORMAT.md "Performance"): a 200k-message export parses in well under the
 * bound, and inputs shaped to provoke quadratic work (openers that never close, quote runs, long
 * desktop lines with many spaces) stay fast. Bounds are loose (a shared 2-core machine): a
 * quadratic slip would take minutes, not seconds.
 */
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src/importers/decode.js';
import { lineImporter } from '../../../src/importers/line/index.js';

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

function timedParse(text: string, members: readonly string[] = []): { ms: number; messages: number } {
  const started = performance.now();
  const outcome = lineImporter.parse(decodeInput(new TextEncoder().encode(text), 'big.txt'), { ...OPTIONS, members });
  return { ms: performance.now() - started, messages: outcome.ok ? outcome.result.messages.length : -1 };
}

const HEADER = '[LINE] x\n\n2024/03/01(金)\n';

describe('LINE: parse time', () => {
  it('reads 200,000 messages in a few seconds at most', () => {
    const { ms, messages } = timedParse(bigExport(200_000));
    expect(messages).toBe(200_000);
    expect(ms).toBeLessThan(8000);
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
      expect(timedParse(text, members).ms).toBeLessThan(4000);
    });
  }
});
