import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, type ReportJson } from './helpers.js';

/** A LINE export of n distinct messages, 40 a day, with Japanese and English mixed. */
function lineExport(n: number): string {
  const lines = ['[LINE] 大口案件とのトーク履歴', '保存日時：2024/06/30 20:00', ''];
  const words = ['見積', '納期', '修正', 'design', '確認しました', '請求書', 'version', 'ロゴ', '差し替え', 'よろしくお願いします'];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 40)));
    if (i % 40 === 0)
      lines.push('', `${day.getUTCFullYear()}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}(月)`);
    const minute = (i % 40) * 15;
    const body = Array.from({ length: 6 + (i % 9) }, (_, k) => words[(i * 7 + k * 3) % words.length]).join('、') + ` No.${i}`;
    lines.push(
      `${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}\t${i % 3 === 0 ? '山田太郎' : '佐藤花子'}\t${body}`,
    );
  }
  return lines.join('\n') + '\n';
}

describe('a room of 1,200 messages', () => {
  const tmp = tempArchive();
  afterAll(() => tmp.cleanup());

  it('numbers every page "X / Y" with the true total, and verifies', async () => {
    const file = join(tmp.dir, 'big.txt');
    writeFileSync(file, lineExport(1200));
    expectOk(await cli(['import', file, '--db', tmp.db]));
    const pdf = join(tmp.dir, 'big.pdf');
    const out = expectOk(await cli(['report', '大口案件', '-o', pdf, '--db', tmp.db, '--json'])).json<ReportJson>();
    const pages = await pdfPages(readFileSync(pdf));
    expect(pages.length).toBe(out.pages);
    expect(pages.length).toBeGreaterThan(40);
    pages.forEach((p, i) => expect(p).toContain(`${i + 1} / ${pages.length} ページ`));
    expect(pages.join('')).toContain('No.1199');
    expect((await cli(['verify-report', pdf])).code).toBe(0);
  });
});
