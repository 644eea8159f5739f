/**
 * Dates and times as pasted from platform pages (docs/design/formats.md §2.10, §3.1, §3.2: the layouts are
 * undocumented, so these shapes are what the samples show plus close variants). Times carry no
 * zone; the caller reads them in `--tz` (§5 item 2). No seconds are invented.
 */

/** `year` is null when the page left it out (`3月1日 9:05`); the thread resolves it from context. */
export interface PastedDate {
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
}

export interface PastedStamp {
  readonly date: PastedDate | null;
  readonly hour: number;
  readonly minute: number;
  readonly second: number | null;
  /** A `編集済み` / `(編集済み)` marker followed the time (Chatwork shows one for edited messages). */
  readonly edited: boolean;
}

/** Space characters that separate fields on pasted lines: ASCII space, tab, U+3000, NBSP. */
export const SPACE = '[ \\t\\u3000\\u00a0]';

const DATE =
  '(?:(?<y1>\\d{4})年\\s*(?<m1>\\d{1,2})月\\s*(?<d1>\\d{1,2})日' +
  '|(?<y2>\\d{4})[/.-](?<m2>\\d{1,2})[/.-](?<d2>\\d{1,2})' +
  '|(?<m3>\\d{1,2})月\\s*(?<d3>\\d{1,2})日' +
  '|(?<m4>\\d{1,2})/(?<d4>\\d{1,2}))';
const WEEKDAY = `(?:${SPACE}?[(（][月火水木金土日][)）])?`;
const CLOCK = '(?<h>\\d{1,2}):(?<min>\\d{2})(?::(?<s>\\d{2}))?';
const EDITED = `(?<edited>${SPACE}*[(（]?編集済み?[)）]?)?`;
const STAMP = `(?:${DATE}${WEEKDAY}${SPACE}*)?${CLOCK}${EDITED}`;
/** One-line headers need a date: a body line such as `10:00 集合です` must not start a message. */
const DATED_STAMP = `${DATE}${WEEKDAY}${SPACE}*${CLOCK}${EDITED}`;

const TIME_LINE = new RegExp(`^${SPACE}*${STAMP}${SPACE}*$`, 'u');
/** Date separator lines: a kanji date, or a slash date with its year (`3/1` alone is too common in text). */
const DATE_LINE = new RegExp(
  `^${SPACE}*(?:(?<y1>\\d{4})年\\s*(?<m1>\\d{1,2})月\\s*(?<d1>\\d{1,2})日|(?<y2>\\d{4})[/.-](?<m2>\\d{1,2})[/.-](?<d2>\\d{1,2})|(?<m3>\\d{1,2})月\\s*(?<d3>\\d{1,2})日)${WEEKDAY}${SPACE}*$`,
  'u',
);
/**
 * A name is at most 40 characters, has no tab, no sentence punctuation, and does not end with a
 * colon (`Saved on:` / `応募日時：` are labels); other lines are body text (FORMAT.md "Names").
 */
const NAME = `(?<name>[^\\s\\u3000。、！？!?:：](?:[^\\t。、！？!?]{0,38}?[^\\s\\u3000。、！？!?:：])?)`;
const STAMP_THEN_NAME = new RegExp(`^${SPACE}*${DATED_STAMP}${SPACE}+${NAME}${SPACE}*$`, 'u');
const NAME_THEN_STAMP = new RegExp(`^${SPACE}*${NAME}${SPACE}+${DATED_STAMP}${SPACE}*$`, 'u');

/** A line that is only a time, with an optional date before it: `2024年03月01日 09:05`, `10:12`. */
export function readTimeLine(line: string): PastedStamp | null {
  return stampOf(TIME_LINE.exec(line)?.groups);
}

/** A date separator line such as `2024年3月1日(金)` or `2024/03/01(金)`. */
export function readDateLine(line: string): PastedDate | null {
  return dateOf(DATE_LINE.exec(line)?.groups);
}

/** One-line headers: `2024/03/01 10:12　佐藤花子` (Lancers sample) and `佐藤花子　2024/03/01 10:12`. */
export function readStampThenName(line: string): { readonly stamp: PastedStamp; readonly name: string } | null {
  return withName(STAMP_THEN_NAME.exec(line)?.groups);
}

export function readNameThenStamp(line: string): { readonly stamp: PastedStamp; readonly name: string } | null {
  return withName(NAME_THEN_STAMP.exec(line)?.groups);
}

/** A plausible name line: not blank, not a time or date line, short, not a sentence. */
export function isNameLine(line: string): boolean {
  return NAME_LINE.test(line) && readTimeLine(line) === null && readDateLine(line) === null;
}
const NAME_LINE = new RegExp(`^${SPACE}*${NAME}${SPACE}*$`, 'u');

type Groups = Record<string, string | undefined> | undefined;

function withName(g: Groups): { readonly stamp: PastedStamp; readonly name: string } | null {
  const stamp = stampOf(g);
  const name = g?.['name'];
  return stamp === null || name === undefined ? null : { stamp, name };
}

function stampOf(g: Groups): PastedStamp | null {
  if (g === undefined) return null;
  const hour = Number(g['h']);
  const minute = Number(g['min']);
  const second = g['s'] === undefined ? null : Number(g['s']);
  if (hour > 23 || minute > 59 || (second !== null && second > 59)) return null;
  const hasDate = [1, 2, 3, 4].some((n) => g[`m${n}`] !== undefined);
  const date = hasDate ? dateOf(g) : null;
  if (hasDate && date === null) return null;
  return { date, hour, minute, second, edited: g['edited'] !== undefined };
}

function dateOf(g: Groups): PastedDate | null {
  if (g === undefined) return null;
  for (const n of [1, 2, 3, 4]) {
    const month = g[`m${n}`];
    const day = g[`d${n}`];
    if (month === undefined || day === undefined) continue;
    const year = g[`y${n}`];
    const m = Number(month);
    const d = Number(day);
    if (m < 1 || m > 12 || d < 1 || d > 31) return null;
    return { year: year === undefined ? null : Number(year), month: m, day: d };
  }
  return null;
}
