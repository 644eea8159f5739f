import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderChatworkMarkup as render } from '../../src/core/chatwork-markup.js';

describe('renderChatworkMarkup: docs/design/formats.md §2.7 tags', () => {
  it.each([
    ['[To:1234567]山田さん', 'To: 山田さん'],
    ['[toall]全員確認してください', 'To: 全員全員確認してください'],
    ['[TOALL]x', 'To: 全員x'],
    ['[rp aid=7654321 to=123456-1928374655918273645]佐藤さん', '返信: 佐藤さん'],
    ['[qt][qtmeta aid=1 time=1709251500]納期は3/15です[/qt]了解', '> 納期は3/15です\n了解'],
    ['前文[qt]a\n\nb[/qt]', '前文\n> a\n>\n> b'],
    ['[info][title]議事録[/title]1. 仕様確定[/info]', '【議事録】1. 仕様確定'],
    ['上[hr]下', '上\n――――――――――\n下'],
    ['[code][qt]x[/qt] [To:1][/code]後', '[qt]x[/qt] [To:1]後'],
    ['[picon:1][pname:2][piconname:3]', '(1)(2)(3)'],
    ['[download:99]見積書.pdf (3.62 KB)[/download]', 'ファイル: 見積書.pdf (3.62 KB)'],
    ['[preview id=1 ht=111]x', 'x'],
    ['[task aid=1 st=open lt=1710428400 ltype=date]修正[/task]', 'タスク: 修正'],
    ['[task aid=1 st=done lt=0]修正[/task]', 'タスク(完了): 修正'],
    ['[dtext:chatroom_member_is][piconname:7][dtext:chatroom_leaved]', 'メンバー「(7)」が退席しました。'],
    ['[dtext:no_such_key]', '[dtext:no_such_key]'],
    ['[引用 aid=1 time=2]引用文[/引用]続き', '> 引用文\n続き'],
  ])('%s', (body, expected) => {
    expect(render(body)).toBe(expected);
  });

  it('renders the system notices of §2.7', () => {
    const body =
      '[info][title][dtext:chatroom_groupchat_created][/title][dtext:chatroom_chatname_is]案件A[dtext:chatroom_set]\n\n' +
      '[dtext:chatroom_member_is][piconname:1234567][piconname:7654321][dtext:chatroom_added][/info]';
    expect(render(body)).toBe(
      '【新しくグループチャットを作成しました。】チャット名を「案件A」に設定しました。\n\nメンバー「(1234567)(7654321)」を追加しました。',
    );
  });

  it('nests quotes', () => {
    expect(render('[qt]外[qt]内[/qt]外2[/qt]')).toBe('> 外\n> > 内\n> 外2');
  });
});

describe('renderChatworkMarkup: malformed input keeps its text', () => {
  it.each([
    ['[qt]閉じていない引用', '> 閉じていない引用'],
    ['[/qt]対応する開きタグなし', '[/qt]対応する開きタグなし'],
    ['[code]閉じていないコード [To:1]', '閉じていないコード [To:1]'],
    ['[[[ ]]] [To:] [unknown tag]', '[[[ ]]] [To:] [unknown tag]'],
    ['[info][qt]x[/info]y', '> x\ny'],
    ['[title]見出しだけ', '【見出しだけ'],
  ])('%s', (body, expected) => {
    expect(render(body)).toBe(expected);
  });

  it('renders 10,000 nested [qt] without overflowing the stack, at a capped drawn depth', () => {
    const body = `${'[qt]'.repeat(10_000)}深い${'[/qt]'.repeat(10_000)}後`;
    expect(render(body)).toBe(`${'> '.repeat(8)}深い\n後`);
  });

  it('stays fast on 200,000 unmatched brackets (linear scan)', () => {
    const started = performance.now();
    render('[qt '.repeat(50_000) + '[/info]'.repeat(50_000) + '['.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

const TAGS = [
  '[To:123]',
  '[toall]',
  '[rp aid=1 to=2-3]',
  '[qt]',
  '[/qt]',
  '[qtmeta aid=1 time=2]',
  '[info]',
  '[/info]',
  '[title]',
  '[/title]',
  '[hr]',
  '[code]',
  '[/code]',
  '[picon:1]',
  '[pname:2]',
  '[piconname:3]',
  '[download:9]',
  '[/download]',
  '[preview id=1 ht=2]',
  '[task aid=1 st=done]',
  '[/task]',
  '[dtext:task_done]',
  '[引用 aid=1 time=2]',
  '[/引用]',
];
/** Text that cannot form a tag: no brackets. */
const plain = fc.string({ unit: fc.constantFrom('a', 'あ', '漢', ' ', '\n', '　', '>', 'x', '😀') });
const token = fc.oneof(
  plain.map((text) => ({ text, tag: false })),
  fc.constantFrom(...TAGS).map((text) => ({ text, tag: true })),
);

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (let j = 0; j < haystack.length && i < needle.length; j += 1) if (haystack[j] === needle[i]) i += 1;
  return i === needle.length;
}

describe('renderChatworkMarkup: properties', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => typeof render(s) === 'string'),
      { numRuns: 500 },
    );
  });

  it('every non-tag character of the input survives, in order', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const body = tokens.map((t) => t.text).join('');
        const text = tokens
          .filter((t) => !t.tag)
          .map((t) => t.text)
          .join('');
        const out = render(body);
        // Quote prefixes and line breaks are added; whitespace may be shifted around them.
        return isSubsequence(text.replace(/\s/g, ''), out.replace(/\s/g, ''));
      }),
      { numRuns: 500 },
    );
  });
});
