import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { chatworkTextImporter } from '../../../src/importers/chatwork-text/index.js';
import { crowdworksImporter } from '../../../src/importers/crowdworks/index.js';
import { lancersImporter } from '../../../src/importers/lancers/index.js';
import { visibleText } from '../../../src/importers/paste/html-text.js';
import { readHtmlThread } from '../../../src/importers/paste/html.js';
import { senderName } from '../../../src/importers/paste/names.js';
import { parsePastedThread } from '../../../src/importers/paste/thread.js';
import { readTimeLine } from '../../../src/importers/paste/timestamp.js';
import { render } from '../../../src/i18n/message.js';
import { decoded } from './support.js';

const thread = (text: string) => parsePastedThread(text.split('\n'), 'Asia/Tokyo');
const bodies = (text: string) => {
  const outcome = thread(text);
  if (!outcome.ok) throw new Error(render('en', outcome.problem));
  return outcome.thread.messages.map((m) => m.body);
};

describe('paste grammar: what starts a message and what stays body text', () => {
  it('keeps a line shaped like another layout inside the body (one layout per paste)', () => {
    expect(bodies('2024/03/01 10:12　佐藤\n次の行は別の形:\n山田\n2024/03/01 10:13\nおわり')).toEqual(['次の行は別の形:\n山田\n2024/03/01 10:13\nおわり']);
  });

  it('keeps a date line that is followed by more text in the body; drops one right above a header', () => {
    expect(bodies('山田\n2024/03/01 10:12\n納期は\n2024年3月15日\nです\n\n2024年3月2日(土)\n佐藤\n9:00\nはい')).toEqual([
      '納期は\n2024年3月15日\nです',
      'はい',
    ]);
  });

  it('does not take a long line or a sentence as a name', () => {
    const long = 'あ'.repeat(41);
    expect(bodies(`山田\n2024/03/01 10:12\n${long}\n2024/03/01 10:13`)).toEqual([`${long}\n2024/03/01 10:13`]);
    expect(bodies('山田\n2024/03/01 10:12\nはい、了解です\n2024/03/01 10:13')).toEqual(['はい、了解です\n2024/03/01 10:13']);
  });

  it('warns about a time-like line kept in a body, with its line number', () => {
    const outcome = thread('山田\n2024/03/01 10:12\n\n10:00\n佐藤\n2024/03/01 10:13\nx');
    expect(outcome.ok && outcome.thread.warnings.map((w) => w.line)).toEqual([4]);
  });

  it('refuses an impossible date, with its line', () => {
    const outcome = thread('山田\n2024/02/30 10:12\nx');
    expect(!outcome.ok && [outcome.line, render('en', outcome.problem)]).toEqual([2, 'Line 2: 2024/2/30 is not a real date.']);
  });

  it('says how to fix a paste without any header', () => {
    const outcome = thread('ただの文章です。\n改行もあります。');
    expect(!outcome.ok && render('en', outcome.hint)).toContain('2024年03月01日 09:05');
  });

  it('reads times with seconds, 編集済み marks and weekday dates', () => {
    expect(readTimeLine('2024年3月1日(金) 10:12:33 (編集済み)')).toEqual({
      date: { year: 2024, month: 3, day: 1 },
      hour: 10,
      minute: 12,
      second: 33,
      edited: true,
    });
    expect(readTimeLine('24:10')).toBeNull();
    expect(readTimeLine('2024/13/01 10:10')).toBeNull();
  });
});

describe('names', () => {
  it.each([
    ['佐藤花子（クライアント）', '佐藤花子', true],
    ['佐藤花子 (ワーカー)', '佐藤花子', true],
    ['山田（デザイナー）', '山田（デザイナー）', false],
    ['　山田 太郎　', '山田 太郎', false],
    ['（クライアント）', '（クライアント）', false],
  ])('%s → %s', (shown, name, roleRemoved) => {
    expect(senderName(shown)).toEqual({ name, roleRemoved });
  });
});

describe('saved HTML', () => {
  it('shows text as a browser would: <br> breaks, blocks split, spaces collapse, <pre> kept, hidden dropped', () => {
    const doc = parse('<div>a  b\n   c<br><br>d</div><p>　全角<span hidden>x</span></p><pre>  p  q</pre><script>s</script>');
    expect(visibleText(doc).lines).toEqual(['a b', 'c', '', 'd', '　全角', '  p  q']);
  });

  it('maps each text line to its line in the HTML file', () => {
    const doc = parse('<html><body>\n<p>one</p>\n\n<p>two<br>\nthree</p></body></html>', { sourceCodeLocationInfo: true });
    expect(visibleText(doc)).toEqual({ lines: ['one', 'two', 'three'], lineNumbers: [2, 4, 5] });
  });

  it('reads a page nested 100,000 elements deep without overflowing the stack', () => {
    const page = `<!DOCTYPE html><html><body>${'<div>'.repeat(100_000)}山田</div></body></html>`;
    expect(readHtmlThread(page).lines).toContain('山田');
  });
});

describe('LINE exports are left to the LINE importer', () => {
  // docs/design/formats.md §1.4 examples A and C-old (header, date lines, TAB-separated message lines).
  const exports = [
    '[LINE] 佐藤花子とのトーク履歴\n保存日時：2024/03/02 21:15\n\n2024/03/01(金)\n09:05\t佐藤花子\tおはようございます\n09:30\t山田太郎\t"確認しました。\n\n納期は3/15で合っていますか？"\n18:03\t\t佐藤花子がメッセージの送信を取り消しました',
    '[LINE] Chat history in Project Team\nSaved on: 2018/04/20 10:00\n\n2018/04/16(Mon)\n16:23\tAlice\t"Today I found something:\nApparently the build is green"\n16:26\t\tBob unsent a message.',
  ];
  it.each(exports)('no paste importer claims %#', (text) => {
    for (const importer of [crowdworksImporter, lancersImporter, chatworkTextImporter]) {
      expect(importer.sniff(decoded(text)).confidence).toBe(0);
    }
  });
});
