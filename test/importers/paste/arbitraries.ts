/**
 * fast-check threads rendered in every accepted paste layout (FORMAT.md "Layouts"). Bodies use
 * no digits and no `:`, so no body line can look like a header; names follow FORMAT.md "Names".
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';

export interface GeneratedMessage {
  readonly shownName: string;
  readonly sender: string;
  readonly at: DateTime;
  readonly bodyLines: readonly string[];
  readonly blankLinesAfter: number;
}

export type Layout = 'name-then-time' | 'time-then-name' | 'stamp-then-name' | 'name-then-stamp';
export type DateStyle = 'kanji' | 'slash' | 'month-day' | 'time-under-date-line';

const nameChar = fc.constantFrom('山', '田', '太', '郎', '佐', '藤', 'A', 'b', '・', 'ー', '_');
const name = fc
  .tuple(fc.string({ unit: nameChar, minLength: 1, maxLength: 6 }), fc.option(fc.string({ unit: nameChar, minLength: 1, maxLength: 4 }), { nil: undefined }))
  .map(([first, last]) => (last === undefined ? first : `${first} ${last}`));
const bodyChar = fc.constantFrom('あ', '漢', 'a', 'Z', ' ', '　', '。', '、', '!', '?', '(', ')', '[', ']', '/', '-', '😀');
const visibleLine = fc.string({ unit: bodyChar, minLength: 1, maxLength: 20 }).filter((l) => /[^ 　]/.test(l));
const innerLine = fc.oneof(visibleLine, fc.constant(''));
const bodyLines = fc.oneof(
  fc.constant([] as string[]),
  fc.tuple(visibleLine, fc.array(innerLine, { maxLength: 3 }), visibleLine).map(([a, mid, z]) => [a, ...mid, z]),
  visibleLine.map((l) => [l]),
);

const messageArb = fc.record({
  name,
  role: fc.boolean(),
  gapMinutes: fc.integer({ min: 0, max: 60 * 24 * 200 }),
  bodyLines,
  blankLinesAfter: fc.integer({ min: 0, max: 2 }),
});

/** Consecutive messages are under 300 days apart, so a year-less `3月1日` is never ambiguous. */
export const threadArb = fc
  .record({
    start: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
    messages: fc.array(messageArb, { minLength: 1, maxLength: 8 }),
  })
  .map(({ start, messages }) => {
    let at = DateTime.fromJSDate(start, { zone: 'Asia/Tokyo' }).startOf('minute');
    return messages.map((m): GeneratedMessage => {
      at = at.plus({ minutes: m.gapMinutes });
      return { shownName: m.role ? `${m.name}（クライアント）` : m.name, sender: m.name, at, bodyLines: m.bodyLines, blankLinesAfter: m.blankLinesAfter };
    });
  });

const pad = (n: number): string => String(n).padStart(2, '0');

function stamp(at: DateTime, style: DateStyle, first: boolean): string {
  const clock = `${pad(at.hour)}:${pad(at.minute)}`;
  if (style === 'kanji' || (first && style === 'month-day')) return `${at.year}年${pad(at.month)}月${pad(at.day)}日 ${clock}`;
  if (style === 'slash') return `${at.year}/${pad(at.month)}/${pad(at.day)} ${clock}`;
  if (style === 'month-day') return `${at.month}月${at.day}日 ${at.hour}:${pad(at.minute)}`;
  return `${at.hour}:${pad(at.minute)}`;
}

const WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'];

/** The paste a browser copy could give for `thread` in `layout`, with dates written in `style`. */
export function renderThread(thread: readonly GeneratedMessage[], layout: Layout, style: DateStyle, separator: string): string {
  const out: string[] = [];
  let day = '';
  thread.forEach((m, i) => {
    const date = `${m.at.year}年${m.at.month}月${m.at.day}日`;
    if (style === 'time-under-date-line' && date !== day) {
      out.push(`${date}(${WEEKDAYS[m.at.weekday - 1] ?? ''})`, '');
      day = date;
    }
    const s = stamp(m.at, style, i === 0);
    if (layout === 'name-then-time') out.push(m.shownName, s);
    if (layout === 'time-then-name') out.push(s, m.shownName);
    if (layout === 'stamp-then-name') out.push(`${s}${separator}${m.shownName}`);
    if (layout === 'name-then-stamp') out.push(`${m.shownName}${separator}${s}`);
    out.push(...m.bodyLines, ...Array<string>(m.blankLinesAfter).fill(''));
  });
  return out.join('\n');
}
