import { readFileSync } from 'node:fs';
import { describeError } from '../../../src/core/errors.js';
import { describe, expect, it } from 'vitest';
import { chatworkTextImporter } from '../../../src/importers/chatwork-text/index.js';
import { crowdworksImporter } from '../../../src/importers/crowdworks/index.js';
import { lancersImporter } from '../../../src/importers/lancers/index.js';
import { fixtureSample, importerConformance } from '../../support/conformance.js';
import { OPTIONS, decoded } from '../paste/support.js';

const timeOnly = readFileSync('test/fixtures/chatwork/text-date-lines-time-only/input.txt', 'utf8');

importerConformance(chatworkTextImporter, [
  fixtureSample(
    'test/fixtures/chatwork/text-date-lines-time-only/input.txt',
    ['[To:1234567]山田さん\nLP制作の件、仕様書を送ります。', '承知しました。\n金額は15万円でよろしいでしょうか。', 'はい、15万円でお願いします。'],
    { fileName: 'paste.txt', warningLines: [7] },
  ),
  fixtureSample('test/fixtures/chatwork/text-preamble-and-stray-time/input.txt', ['集合時間は以下です。\n\n10:00\n会場で会いましょう。', '了解です。'], {
    fileName: 'paste.txt',
    warningLines: [1, 2, 8],
  }),
]);

describe('chatwork-text', () => {
  it('claims a paste with date lines, time-only lines and 編集済み over the platform importers', () => {
    const input = decoded(timeOnly);
    const mine = chatworkTextImporter.sniff(input);
    expect(mine.confidence).toBeGreaterThan(crowdworksImporter.sniff(input).confidence);
    expect(mine.confidence).toBeGreaterThan(lancersImporter.sniff(input).confidence);
  });

  it('does not read saved HTML (only CrowdWorks and Lancers pages are read)', () => {
    const page = '<!DOCTYPE html><html><body><p>佐藤</p><p>2024/03/01 10:12</p><p>本文</p></body></html>';
    expect(chatworkTextImporter.sniff(decoded(page, 'page.html')).confidence).toBe(0);
  });

  it('refuses a time with no date anywhere above it, naming the line and what to add', () => {
    const outcome = chatworkTextImporter.parse(decoded('佐藤 花子\n10:12\nこんにちは'), OPTIONS);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.message).toBe('Line 2: this time has no date, and no line above it gives one.');
      expect(outcome.error.hint).toContain('2024年3月1日');
      expect(describeError(outcome.error, 'ja').message).toBe('2行目：この時刻には日付がなく、上の行にも日付がありません。');
      expect(outcome.error.where).toBe('2');
    }
  });

  it('keeps CRLF pastes byte-exact but for line endings', () => {
    const outcome = chatworkTextImporter.parse(decoded(timeOnly.replaceAll('\n', '\r\n')), OPTIONS);
    const lf = chatworkTextImporter.parse(decoded(timeOnly), OPTIONS);
    expect(outcome).toEqual(lf);
  });
});
