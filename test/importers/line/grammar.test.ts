/**
 * The LINE grammar pieces on their own (FORMAT.md "Date lines", "Times", "Kinds", "Header",
 * "Desktop senders"): table-driven, one row per form seen in docs/design/formats.md §1.2–1.6.
 */
import { describe, expect, it } from 'vitest';
import { isCallText, kindOfSenderBody, readSystemText } from '../../../src/importers/line/catalog.js';
import { readClock } from '../../../src/importers/line/clock.js';
import { readDateLine, voteDayOrder } from '../../../src/importers/line/dates.js';
import { MemberNames, splitDesktopLine } from '../../../src/importers/line/desktop.js';
import { readHeader, savedAtIso } from '../../../src/importers/line/header.js';
import { LocalTimes } from '../../../src/importers/line/local-time.js';
import { splitLines } from '../../../src/importers/lines.js';

describe('date lines', () => {
  it.each([
    ['2024/03/01(金)', 'ja', { year: 2024, month: 3, day: 1 }],
    ['2021/1/1（金）', 'ja', { year: 2021, month: 1, day: 1 }],
    ['2018/04/16(Mon)', 'en-old', { year: 2018, month: 4, day: 16 }],
    ['Tue, 1/6/2026', 'en-new', { year: 2026, month: 1, day: 6 }],
    ['2021.01.02 土曜日', 'desktop', { year: 2021, month: 1, day: 2 }],
    ['2017.09.03 Sunday', 'desktop', { year: 2017, month: 9, day: 3 }],
    ['2026/1/30周五', 'zh', { year: 2026, month: 1, day: 30 }],
    ['2024/1/2星期二', 'zh', { year: 2024, month: 1, day: 2 }],
    ['2026/1/30（五）', 'zh', { year: 2026, month: 1, day: 30 }],
    ['2024/03/01(木)', 'ja', null],
    ['2024/02/30(金)', 'ja', null],
  ])('%s', (text, style, day) => {
    expect(readDateLine(text, 'month-first')).toEqual({ style, day });
  });

  it('reads no date from message lines or prose', () => {
    for (const text of ['09:05\t佐藤花子\tこんにちは', '2024/03/01 10:00', '2024/03/01(金) でお願いします', 'Tuesday', ''])
      expect(readDateLine(text, 'month-first')).toBeNull();
  });

  it('votes day-first only on weekday evidence, and says when nothing told', () => {
    expect(voteDayOrder(['Wed, 13/05/2026', 'Tue, 06/01/2026'])).toEqual({ order: 'day-first', undecided: false });
    expect(voteDayOrder(['Tue, 1/6/2026'])).toEqual({ order: 'month-first', undecided: false });
    expect(voteDayOrder(['Thu, 1/1/2026'])).toEqual({ order: 'month-first', undecided: true });
    expect(voteDayOrder([])).toEqual({ order: 'month-first', undecided: false });
  });
});

describe('clocks', () => {
  it.each([
    [undefined, '09', '05', undefined, 545, null],
    [undefined, '7', '58', undefined, 478, null],
    [undefined, '24', '53', undefined, 1493, null],
    ['午前', '11', '24', undefined, 684, null],
    ['午後', '05', '38', undefined, 1058, null],
    ['午後', '12', '30', undefined, 750, null],
    ['午前', '12', '03', undefined, 3, 723],
    ['上午', '12', '03', undefined, 3, 723],
    ['下午', '03', '04', undefined, 904, null],
    [undefined, '9', '30', 'PM', 1290, null],
    [undefined, '12', '05', 'AM', 5, null],
    [undefined, '8', '00', 'am', 480, null],
  ])('%s %s:%s %s', (marker, h, m, suffix, minutes, noon) => {
    expect(readClock(marker, h, m, suffix)).toMatchObject({ minutes, noonReading: noon });
  });

  it('refuses numbers that are no time', () => {
    expect(readClock(undefined, '25', '00', undefined)).toBeNull();
    expect(readClock(undefined, '9', '75', undefined)).toBeNull();
    expect(readClock('午後', '13', '00', undefined)).toBeNull();
    expect(readClock('午後', '1', '00', 'PM')).toBeNull();
  });
});

describe('kinds (docs/design/formats.md §1.5)', () => {
  it.each([
    ['[写真]', 'media'],
    ['[Photo]', 'media'],
    ['[スタンプ]', 'media'],
    ['[ボイスメッセージ]', 'media'],
    ['[位置情報]', 'media'],
    ['☎ 通話時間 0:38', 'call'],
    ['通話時間 2:49', 'call'],
    ['☎ 通話時間 1:02:15', 'call'],
    ['☎ Call time 1:23', 'call'],
    ['☎ 不在着信', 'call'],
    ['通話をキャンセルしました。', 'call'],
    ['グループビデオ通話が開始されました。', 'call'],
    ['[写真] きれい', 'text'],
    ['Photos', 'text'],
    ['通話時間は？', 'text'],
    ['了解(emoji)', 'text'],
  ])('%s is %s', (body, kind) => {
    expect(kindOfSenderBody(body, false)).toBe(kind);
  });

  it('knows the desktop English placeholders only in desktop exports', () => {
    expect(kindOfSenderBody('Photos', true)).toBe('media');
    expect(isCallText('☎ 通話時間 4:08')).toBe(true);
  });

  it.each([
    ['佐藤花子がメッセージの送信を取り消しました', 'unsent', '佐藤花子'],
    ['がんばるが太郎がメッセージの送信を取り消しました', 'unsent', 'がんばるが太郎'],
    ['\u2068山田 太郎\u2069がメッセージの送信を取り消しました', 'unsent', '山田 太郎'],
    ['Bob unsent a message.', 'unsent', 'Bob'],
    ['メッセージの送信を取り消しました', 'unsent', null],
    ['You unsent a message.', 'unsent', null],
    ['たろうが参加しました。', 'system', 'たろう'],
    ['Carol joined the group.', 'system', 'Carol'],
    ['佐藤花子が山田太郎を招待しました。', 'system', null],
    ['グループ通話が終了しました。', 'call', null],
  ])('system text %s', (text, kind, actor) => {
    expect(readSystemText(text)).toMatchObject({ kind, actor });
  });
});

describe('desktop senders', () => {
  const names = new MemberNames();
  for (const n of ['山田', '山田 太郎', '佐藤花子']) names.add(n);

  it('splits at the longest known name', () => {
    expect(splitDesktopLine('山田 太郎 こんにちは', names)).toEqual({ kind: 'message', sender: '山田 太郎', body: 'こんにちは', guessed: false });
    expect(splitDesktopLine('山田 こんにちは 皆さん', names)).toEqual({ kind: 'message', sender: '山田', body: 'こんにちは 皆さん', guessed: false });
    expect(splitDesktopLine('佐藤花子', names)).toEqual({ kind: 'message', sender: '佐藤花子', body: '', guessed: false });
  });

  it("reads a system text about a known name as a system line, not as that name's message", () => {
    expect(splitDesktopLine('山田 太郎がメッセージの送信を取り消しました', names)).toMatchObject({
      kind: 'system',
      system: { kind: 'unsent', actor: '山田 太郎' },
    });
  });

  it('guesses at the first space when no known name fits, and says so when more spaces follow', () => {
    expect(splitDesktopLine('鈴木 一郎 はい', names)).toEqual({ kind: 'message', sender: '鈴木', body: '一郎 はい', guessed: true });
    expect(splitDesktopLine('鈴木 はい', names)).toEqual({ kind: 'message', sender: '鈴木', body: 'はい', guessed: false });
  });
});

describe('header', () => {
  const header = (text: string): ReturnType<typeof readHeader> => readHeader(splitLines(text));

  it.each([
    ['[LINE] 佐藤花子とのトーク履歴', '佐藤花子', 'one-to-one'],
    ['[LINE] 制作チームのトーク履歴', '制作チーム', 'group'],
    ['[LINE] 料理好きの集まりのトーク', '料理好きの集まり', 'openchat'],
    ['[LINE] Chat history with Alice', 'Alice', 'one-to-one'],
    ['[LINE] Chat history in Project Team', 'Project Team', 'group'],
    ['[LINE] 與王小明的聊天記錄', '王小明', 'one-to-one'],
    ['[LINE] "制作チーム"のトーク履歴', '制作チーム', 'group'],
    ['[LINE]Keep Memo', 'Keep Memo', 'unknown'],
  ])('%s', (first, title, shape) => {
    expect(header(`${first}\n保存日時：2024/03/02 21:15\n\n2024/03/01(金)\n`)).toMatchObject({ title, shape, bodyStart: 3 });
  });

  it('reads the save time only where it needs no guess', () => {
    const times = new LocalTimes('Asia/Tokyo');
    expect(savedAtIso('2021/04/30 午後1:16', 'month-first', times)).toBe('2021-04-30T13:16:00+09:00');
    expect(savedAtIso('2026年4月26日 10:00', 'month-first', times)).toBe('2026-04-26T10:00:00+09:00');
    expect(savedAtIso('6/1/2026, 23:40', 'day-first', times)).toBe('2026-01-06T23:40:00+09:00');
    expect(savedAtIso('2024/03/02 午前12:10', 'month-first', times)).toBeNull();
    expect(savedAtIso('yesterday', 'month-first', times)).toBeNull();
  });
});
