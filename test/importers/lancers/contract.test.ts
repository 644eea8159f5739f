import { readFileSync } from 'node:fs';
import { render } from '../../../src/i18n/message.js';
import { describe, expect, it } from 'vitest';
import { chatworkTextImporter } from '../../../src/importers/chatwork-text/index.js';
import { crowdworksImporter } from '../../../src/importers/crowdworks/index.js';
import { lancersImporter } from '../../../src/importers/lancers/index.js';
import { fixtureSample, importerConformance } from '../../support/conformance.js';
import { decoded } from '../paste/support.js';

const sample = readFileSync('test/fixtures/lancers/paste-message-board/input.txt', 'utf8');
const html = readFileSync('test/fixtures/lancers/saved-html-message-blocks/input.html', 'utf8');

importerConformance(lancersImporter, [
  fixtureSample(
    'test/fixtures/lancers/paste-message-board/input.txt',
    ['はじめまして。ご提案ありがとうございます。', 'ご連絡ありがとうございます。\n納期は2週間を想定しています。', '承知しました。契約に進みます。'],
    { fileName: 'paste.txt' },
  ),
  fixtureSample(
    'test/fixtures/lancers/saved-html-message-blocks/input.html',
    ['はじめまして。\nご提案ありがとうございます。', 'ご連絡ありがとうございます。'],
    { fileName: 'board.html' },
  ),
]);

describe('lancers: recognising its input', () => {
  it('claims the sample paste (time, full-width space, name) over crowdworks and chatwork-text', () => {
    const input = decoded(sample);
    const mine = lancersImporter.sniff(input);
    expect(mine.confidence).toBeGreaterThan(crowdworksImporter.sniff(input).confidence);
    expect(mine.confidence).toBeGreaterThan(chatworkTextImporter.sniff(input).confidence);
    expect(render('en', mine.reason)).toContain('full-width space');
    expect(render('ja', mine.reason)).toContain('全角スペース');
  });

  it('claims saved HTML that names lancers.jp; leaves crowdworks.jp pages alone', () => {
    expect(lancersImporter.sniff(decoded(html, 'board.html')).confidence).toBeGreaterThanOrEqual(0.8);
    expect(crowdworksImporter.sniff(decoded(html, 'board.html')).confidence).toBe(0);
  });

  it('takes the board id from the page address as the room id', () => {
    const outcome = lancersImporter.parse(decoded(html, 'board.html'), { tz: 'Asia/Tokyo', members: [], roomTitle: null });
    expect(outcome.ok && outcome.result.room.externalId).toBe('boardId=424242');
  });

  it('does not run or read scripts in saved HTML', () => {
    const page = html.replace('</body>', '<script>throw new Error("ran")</script><p>2024/03/02 09:00　悪意</p></body>');
    const outcome = lancersImporter.parse(decoded(page, 'board.html'), { tz: 'Asia/Tokyo', members: [], roomTitle: null });
    expect(outcome.ok && outcome.result.messages.map((m) => m.body).join()).not.toContain('throw');
  });
});
