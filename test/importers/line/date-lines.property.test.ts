/**
 * The structural guarantee of src/importers/line/FORMAT.md: a line that looks like a date line but is not read as one
 * never changes a message's date silently. Valid exports are generated in four date styles; one
 * date line is replaced by the same day written in a form LINE may or may not use (other
 * separators, orders, weekdays in other languages), or such a line is inserted between messages.
 * Whatever the reader makes of it, every message keeps the date it had, or the outcome says why:
 * a refusal at or after that line (nothing is stored), or a `date-line-not-read` (or, for an
 * English date both day orders fit, `date-order-undecided`) warning before the first message
 * whose date changed.
 *
 * Bounded for CI; `DATE_LINE_RUNS=200000 npx vitest run test/importers/line/date-lines` for a long run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDateLine } from '../../../src/importers/line/dates.js';
import { lineImporter } from '../../../src/importers/line/index.js';
import { decodeAndParse } from '../../support/conformance.js';

const RUNS = Number(process.env['DATE_LINE_RUNS'] ?? 300);

type Style = 'ja' | 'zh' | 'desktop' | 'en-new';
interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  readonly wd: number;
}

const JA = '日月火水木金土';
const ZH = '日一二三四五六';
const EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const KO = '일월화수목금토';
const TH = ['อาทิตย์', 'จันทร์', 'อังคาร', 'พุธ', 'พฤหัสบดี', 'ศุกร์', 'เสาร์'];
const DE = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];

function dayAt(start: number, offset: number): Day {
  const date = new Date(start + offset * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), wd: date.getUTCDay() };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function knownDateLine(style: Style, day: Day): string {
  switch (style) {
    case 'ja':
      return `${day.y}/${pad(day.m)}/${pad(day.d)}(${JA[day.wd]})`;
    case 'zh':
      return `${day.y}/${day.m}/${day.d}（週${ZH[day.wd]}）`;
    case 'desktop':
      return `${day.y}.${pad(day.m)}.${pad(day.d)} ${JA[day.wd]}曜日`;
    case 'en-new':
      return `${EN[day.wd]}, ${day.m}/${day.d}/${day.y}`;
  }
}

/** The same day in a form picked from the parts date lines are made of, known to LINE or not. */
const otherForm = fc.record({
  sep: fc.constantFrom('/', '.', '-', ' / ', '. ', 'cjk', 'ko'),
  order: fc.constantFrom('ymd', 'dmy', 'mdy'),
  padded: fc.boolean(),
  weekday: fc.constantFrom('none', 'ja', 'ja-long', 'zh', 'zh-long', 'zh-xingqi', 'en', 'en-long', 'ko', 'th', 'de'),
  place: fc.constantFrom('paren', 'fullwidth-paren', 'space', 'before'),
});

function writeOtherForm(day: Day, f: typeof otherForm extends fc.Arbitrary<infer T> ? T : never): string {
  const m = f.padded ? pad(day.m) : String(day.m);
  const d = f.padded ? pad(day.d) : String(day.d);
  let date: string;
  if (f.sep === 'cjk') date = `${day.y}年${m}月${d}日`;
  else if (f.sep === 'ko') date = `${day.y}년 ${m}월 ${d}일`;
  else if (f.order === 'ymd') date = [day.y, m, d].join(f.sep);
  else if (f.order === 'dmy') date = [d, m, day.y].join(f.sep);
  else date = [m, d, day.y].join(f.sep);
  const word = {
    none: '',
    ja: JA[day.wd]!,
    'ja-long': `${JA[day.wd]}曜日`,
    zh: ZH[day.wd]!,
    'zh-long': `週${ZH[day.wd]}`,
    'zh-xingqi': `星期${ZH[day.wd]}`,
    en: EN[day.wd]!,
    'en-long': EN_LONG[day.wd]!,
    ko: `${KO[day.wd]}요일`,
    th: `วัน${TH[day.wd]}`,
    de: DE[day.wd]!,
  }[f.weekday];
  if (word === '') return date;
  switch (f.place) {
    case 'paren':
      return `${date}(${word})`;
    case 'fullwidth-paren':
      return `${date}（${word}）`;
    case 'space':
      return `${date} ${word}`;
    case 'before':
      return `${word}, ${date}`;
  }
}

function writeExport(
  style: Style,
  start: number,
  gaps: readonly number[],
  perDay: readonly number[],
): { lines: string[]; dateLines: number[]; messageLines: number[]; days: Day[] } {
  const desktop = style === 'desktop';
  const lines: string[] = desktop ? [] : ['[LINE] Chat history with Alice', ''];
  const dateLines: number[] = [];
  const messageLines: number[] = [];
  const days: Day[] = [];
  let offset = 0;
  gaps.forEach((gap, k) => {
    offset += gap;
    const day = dayAt(start, offset);
    days.push(day);
    if (!desktop && k > 0) lines.push('');
    dateLines.push(lines.length);
    lines.push(knownDateLine(style, day));
    for (let i = 0; i < perDay[k]!; i++) {
      messageLines.push(lines.length);
      const time = `${pad(8 + i * 3)}:${pad(5 * i)}`;
      lines.push(desktop ? `${time} Alice note ${k}-${i}` : `${time}\tAlice\tnote ${k}-${i}`);
    }
  });
  return { lines, dateLines, messageLines, days };
}

function parse(lines: readonly string[]) {
  return decodeAndParse(lineImporter, new TextEncoder().encode(`${lines.join('\n')}\n`), 'input.txt', { tz: 'Asia/Tokyo' });
}

const exportArb = fc.record({
  style: fc.constantFrom<Style>('ja', 'zh', 'desktop', 'en-new'),
  start: fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2027, 0, 1) }).map((t) => t - (t % 86_400_000)),
  gaps: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 5 }).map((g) => [0, ...g.slice(1)]),
  perDay: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
});

describe('a date-shaped line never changes a date silently (src/importers/line/FORMAT.md)', () => {
  it('replacing a date line with another form of its day', () => {
    fc.assert(
      fc.property(exportArb, fc.nat(), otherForm, ({ style, start, gaps, perDay }, pick, form) => {
        const file = writeExport(style, start, gaps, perDay);
        const before = parse(file.lines);
        expect(before.ok).toBe(true);
        if (!before.ok) return;
        const k = pick % file.dateLines.length;
        const at = file.dateLines[k]!;
        const lines = [...file.lines];
        lines[at] = writeOtherForm(file.days[k]!, form);
        const after = parse(lines);
        expectDatesKeptOrExplained(
          before.result.messages.map((m) => m.sentAt),
          after,
          at + 1,
          file.messageLines,
        );
      }),
      { numRuns: RUNS, seed: 23 },
    );
  });

  it('inserting a date-shaped line after a message', () => {
    fc.assert(
      fc.property(exportArb, fc.nat(), fc.nat(), otherForm, ({ style, start, gaps, perDay }, pick, dayPick, form) => {
        const file = writeExport(style, start, gaps, perDay);
        const before = parse(file.lines);
        if (!before.ok) throw new Error('a generated export must parse');
        const at = file.messageLines[pick % file.messageLines.length]! + 1;
        const inserted = writeOtherForm(dayAt(start, dayPick % 400), form);
        const lines = [...file.lines];
        lines.splice(at, 0, inserted);
        // A line in the file's own date form, of a later day, is a date line: the messages after it move to its day, as they should.
        if (readDateLine(inserted, 'month-first')?.style === (style === 'desktop' ? 'desktop' : style)) return;
        expectDatesKeptOrExplained(
          before.result.messages.map((m) => m.sentAt),
          parse(lines),
          at + 1,
          file.messageLines.map((l) => (l >= at ? l + 1 : l)),
        );
      }),
      { numRuns: RUNS, seed: 2323 },
    );
  });
});

/** The diagnostics that say dates may be read wrong: a date-shaped line not read, or an English day order no line decides. */
const DATE_WARNINGS: ReadonlySet<string> = new Set(['date-line-not-read', 'date-order-undecided']);

/**
 * Every message keeps its date, or the parse failed at or after the changed line, or a `date-line-not-read`
 * warning comes before the first message whose date changed: the changed line itself, or a later
 * date line that the changed one kept from being read (a first date line in another form fixes
 * the file's form).
 */
function expectDatesKeptOrExplained(sentAt: readonly string[], after: ReturnType<typeof parse>, line: number, messageIndices: readonly number[]): void {
  // A refusal stores nothing, so no date can be wrong in the archive; it stops at the changed line
  // or after it (a first date line in a mobile form makes a desktop file's next line unreadable).
  if (!after.ok) {
    expect(Number(after.error.where)).toBeGreaterThanOrEqual(line);
    return;
  }
  expect(after.result.messages).toHaveLength(sentAt.length);
  const first = after.result.messages.findIndex((m, i) => m.sentAt !== sentAt[i]);
  if (first === -1) return;
  const firstLine = messageIndices[first]! + 1;
  const named = after.result.warnings.filter((w) => DATE_WARNINGS.has(w.code ?? '') && w.line !== null && w.line < firstLine).map((w) => w.line);
  expect(named.length, `the date of the message on line ${firstLine} changed with no warning before it (line ${line} was changed)`).toBeGreaterThan(0);
}
