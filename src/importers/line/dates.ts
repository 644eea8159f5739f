/**
 * Date lines of every LINE variant (FORMAT.md "Date lines"; docs/design/formats.md §1.3 DATE_JA, DATE_EN1,
 * DATE_EN2, DATE_PC, DATE_ZH). A date-looking line only counts when it names a real day whose
 * weekday fits: the weekday is what tells a date line from text that merely looks like one, and
 * what resolves month/day against day/month in English exports (§1.6).
 */

export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type DateStyle = 'ja' | 'en-old' | 'en-new' | 'desktop' | 'zh';

/** English `Ddd, N/N/YYYY` dates are month-first (US) or day-first, by the phone's locale (§1.6). */
export type DayOrder = 'month-first' | 'day-first';

export interface DateLine {
  readonly style: DateStyle;
  /** The day, or null when the numbers name no real day or the weekday does not fit it. */
  readonly day: CalendarDay | null;
}

const JA_WEEKDAYS = '日月火水木金土';
const ZH_WEEKDAYS = '日一二三四五六';
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_LONG_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `2024/03/01(金)`, `2021/1/1（金）` (E7: unpadded, full-width parentheses). Also the Q? message prefix. */
export const JA_DATE = '(\\d{4})/(\\d{1,2})/(\\d{1,2})[(（]([日月火水木金土])[)）]';
const JA_LINE = new RegExp(`^${JA_DATE}[ \\t]*$`);
const EN_OLD_LINE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\((Sun|Mon|Tue|Wed|Thu|Fri|Sat)\)[ \t]*$/;
const EN_NEW_LINE = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d{1,2})\/(\d{1,2})\/(\d{4})[ \t]*$/;
/** `2021.01.02 土曜日`, `2017.09.03 Sunday`, and the zh-TW desktop app's `2025.08.04 星期一`. */
const DESKTOP_LINE =
  /^(\d{4})\.(\d{1,2})\.(\d{1,2}) (?:([日月火水木金土])曜日|(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)|(?:星期|週|周)([日天一二三四五六]))[ \t]*$/;
/**
 * `2026/1/30周五`, `2024/1/2週二`, `2024/1/2星期二`, and in parentheses `2026/1/30（五）` or, on
 * zh-TW iPhones, the long form `2025/7/6（週日）` (src/importers/line/FORMAT.md).
 */
const ZH_LINE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:(?:周|週|星期)([日天一二三四五六])|[(（](?:周|週|星期)?([日天一二三四五六])[)）])[ \t]*$/;

/** Date lines start with `YYYY/`, `YYYY.` or an English weekday: false rules a line out from its first five characters. */
export function mayBeDateLine(text: string): boolean {
  const first = text.charCodeAt(0);
  const fifth = text.charCodeAt(4);
  return first >= 0x30 && first <= 0x39 ? fifth === 0x2f || fifth === 0x2e : first >= 0x41 && first <= 0x5a;
}

/** Reads a date line, or null when the line does not have the shape of one. */
export function readDateLine(text: string, order: DayOrder): DateLine | null {
  if (!mayBeDateLine(text)) return null;
  let m = JA_LINE.exec(text);
  if (m) return { style: 'ja', day: checkedDay(+m[1]!, +m[2]!, +m[3]!, JA_WEEKDAYS.indexOf(m[4]!)) };
  m = EN_OLD_LINE.exec(text);
  if (m) return { style: 'en-old', day: checkedDay(+m[1]!, +m[2]!, +m[3]!, EN_WEEKDAYS.indexOf(m[4]!)) };
  m = EN_NEW_LINE.exec(text);
  if (m) {
    const [a, b] = [+m[2]!, +m[3]!];
    const [month, day] = order === 'month-first' ? [a, b] : [b, a];
    return { style: 'en-new', day: checkedDay(+m[4]!, month, day, EN_WEEKDAYS.indexOf(m[1]!)) };
  }
  m = DESKTOP_LINE.exec(text);
  if (m) {
    const weekday = m[4] !== undefined ? JA_WEEKDAYS.indexOf(m[4]) : m[5] !== undefined ? EN_LONG_WEEKDAYS.indexOf(m[5]) : zhWeekday(m[6]!);
    return { style: 'desktop', day: checkedDay(+m[1]!, +m[2]!, +m[3]!, weekday) };
  }
  m = ZH_LINE.exec(text);
  if (m) return { style: 'zh', day: checkedDay(+m[1]!, +m[2]!, +m[3]!, zhWeekday(m[4] ?? m[5]!)) };
  return null;
}

/** 星期天 and 星期日 are both Sunday. */
function zhWeekday(character: string): number {
  return ZH_WEEKDAYS.indexOf(character === '天' ? '日' : character);
}

/**
 * Month-first or day-first for the whole file: each `Ddd, A/B/YYYY` line votes for the reading(s)
 * its weekday fits. `undecided` is true when some date lines were read but none told the two apart.
 */
export function voteDayOrder(texts: Iterable<string>): { readonly order: DayOrder; readonly undecided: boolean } {
  let monthFirst = 0;
  let dayFirst = 0;
  let seen = 0;
  for (const text of texts) {
    const m = EN_NEW_LINE.exec(text);
    if (!m) continue;
    seen++;
    const weekday = EN_WEEKDAYS.indexOf(m[1]!);
    const md = checkedDay(+m[4]!, +m[2]!, +m[3]!, weekday) !== null;
    const dm = checkedDay(+m[4]!, +m[3]!, +m[2]!, weekday) !== null;
    if (md && !dm) monthFirst++;
    if (dm && !md) dayFirst++;
  }
  return { order: dayFirst > monthFirst ? 'day-first' : 'month-first', undecided: seen > 0 && monthFirst === 0 && dayFirst === 0 };
}

/** The day, if it exists in the calendar and (when given, 0 = Sunday) falls on `weekday`. */
export function checkedDay(year: number, month: number, day: number, weekday: number | null): CalendarDay | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  if (weekday !== null && utc.getUTCDay() !== weekday) return null;
  return { year, month, day };
}

export function nextDay(d: CalendarDay): CalendarDay {
  const utc = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** A number that orders days, for the "date lines never go back" rule (docs/design/formats.md §1.8 E2 (b)). */
export function dayOrdinal(d: CalendarDay): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

export function isoDay(d: CalendarDay): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
