/**
 * A LINE file the reader cannot read is refused in the user's language, with the line number, the
 * line as found (control characters shown), what was expected and what to do.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

const UNKNOWN_DATE_FIRST = '[LINE] 佐藤花子とのトーク履歴\n保存日時：2024/03/03 10:00\n\n2024-03-01 Fri.\u200b\n09:05\t佐藤花子\t見積書を送りました\n';

describe('a LINE refusal says where, what, and what to do', () => {
  it('in Japanese, with the line number and the line made visible', async () => {
    const path = join(tmp.dir, 'chat.txt');
    writeFileSync(path, UNKNOWN_DATE_FIRST);
    const r = await cli(['import', path, '--format', 'line', '--db', tmp.db], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${path}:4`);
    expect(r.stderr).toContain('4 行目は日付の行に見えますが');
    expect(r.stderr).toContain('"2024-03-01 Fri.<U+200B>"');
    expect(r.stderr).toContain('編集せずに取り込んでください');
    expect(r.stderr.slice(r.stderr.indexOf('chatproof:'))).not.toContain('--format');
  });

  it('in English', async () => {
    const path = join(tmp.dir, 'chat.txt');
    writeFileSync(path, UNKNOWN_DATE_FIRST);
    const r = await cli(['import', path, '--format', 'line', '--db', tmp.db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Line 4 looks like a date line, but it cannot be read as one');
  });
});

describe('a date line that is not read is a warning in the user language, counted in --json', () => {
  const UNKNOWN_DATE_LATER =
    '[LINE] 佐藤花子とのトーク履歴\n保存日時：2024/03/03 10:00\n\n2024/03/01(金)\n09:05\t佐藤花子\t見積書を送りました\n\n2024年3月2日 土曜日\n10:00\t山田太郎\t確認しました\n';

  it('names the line and says the dates after it may be wrong, before anything is stored', async () => {
    const path = join(tmp.dir, 'chat.txt');
    writeFileSync(path, UNKNOWN_DATE_LATER);
    const r = await cli(['import', path, '--db', tmp.db], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${path}:7:`);
    expect(r.stderr).toContain('日付の行に見えますが、日付として読めませんでした');
    expect(r.stderr).toContain('日付が間違っているかもしれません');
  });

  it('carries its code and its text in --json', async () => {
    const path = join(tmp.dir, 'chat.txt');
    writeFileSync(path, UNKNOWN_DATE_LATER);
    const r = await cli(['import', path, '--json', '--db', tmp.db]);
    expect(r.code).toBe(0);
    const { warnings } = r.json<{ warnings: { line: number; message: string; code?: string }[] }>();
    expect(warnings.filter((w) => w.code === 'date-line-not-read')).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringContaining('their dates may be wrong') }),
    ]);
  });
});
