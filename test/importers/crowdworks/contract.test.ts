import { readFileSync } from 'node:fs';
import { render } from '../../../src/i18n/message.js';
import { describe, expect, it } from 'vitest';
import { crowdworksImporter } from '../../../src/importers/crowdworks/index.js';
import { lancersImporter } from '../../../src/importers/lancers/index.js';
import { chatworkTextImporter } from '../../../src/importers/chatwork-text/index.js';
import { fixtureSample, importerConformance } from '../../support/conformance.js';
import { decoded } from '../paste/support.js';

const sample = readFileSync('test/fixtures/crowdworks/paste-contract-thread/input.txt', 'utf8');
const html = readFileSync('test/fixtures/crowdworks/saved-html-message-blocks/input.html', 'utf8');

importerConformance(crowdworksImporter, [
  fixtureSample(
    'test/fixtures/crowdworks/paste-contract-thread/input.txt',
    [
      'お世話になっております。見積書を添付しました。\nご確認よろしくお願いいたします。',
      'ありがとうございます。仮払いを行いました。',
      '納品しました。検収をお願いいたします。',
    ],
    { fileName: 'paste.txt' },
  ),
  fixtureSample(
    'test/fixtures/crowdworks/saved-html-message-blocks/input.html',
    ['お世話になっております。\n見積書を添付しました。\n\nご確認&ご検討ください。', 'ありがとうございます。仮払いを行いました。'],
    { fileName: 'thread.html' },
  ),
  fixtureSample('test/fixtures/crowdworks/multiline-blank-lines-inside-body/input.txt', [
    '　全角スペースで始まる行\n\n\n空行を挟んだ段落  ',
    'ありがとうございます。',
  ]),
]);

describe('crowdworks: recognising its input', () => {
  it('claims the sample paste over lancers and chatwork-text, and says why', () => {
    const input = decoded(sample);
    const mine = crowdworksImporter.sniff(input);
    expect(mine.confidence).toBeGreaterThan(lancersImporter.sniff(input).confidence);
    expect(mine.confidence).toBeGreaterThan(chatworkTextImporter.sniff(input).confidence);
    expect(render('ja', mine.reason)).toContain('役割ラベル「（クライアント）」');
    expect(render('en', mine.reason)).toContain('role labels 「（クライアント）」');
  });

  it('claims saved HTML that names crowdworks.jp, and not HTML of lancers.jp', () => {
    expect(crowdworksImporter.sniff(decoded(html, 'x.html')).confidence).toBeGreaterThanOrEqual(0.8);
    expect(crowdworksImporter.sniff(decoded(html.replaceAll('crowdworks.jp', 'lancers.jp'), 'x.html')).confidence).toBe(0);
  });

  it('always asks for confirmation (inferred) and never reports truncation', () => {
    const outcome = crowdworksImporter.parse(decoded(sample), { tz: 'Asia/Tokyo', members: [], roomTitle: 'LP制作' });
    expect(outcome.ok && outcome.result.inferred?.senders).toEqual([
      { name: '山田太郎', count: 2 },
      { name: '佐藤花子', count: 1 },
    ]);
    expect(outcome.ok && outcome.result.truncated).toBeNull();
  });

  it('reads times in --tz', () => {
    const outcome = crowdworksImporter.parse(decoded(sample), { tz: 'America/New_York', members: [], roomTitle: null });
    expect(outcome.ok && outcome.result.messages[0]?.sentAt).toBe('2024-03-01T09:05:00-05:00');
  });
});
