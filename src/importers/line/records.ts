/**
 * Lines → records, in one pass (docs/design/formats.md §1.3; FORMAT.md "Records"). A record is a message or
 * system line with its day and clock; quoted bodies (quotes.ts) and unquoted continuation lines
 * (desktop exports, E8) are joined to it. Date lines must name a real day whose weekday fits, in
 * the file's one date style, later than the day before (E2 (b)); a date-looking line that is none
 * of that is text. Blank lines separate records unless a continuation line follows them.
 */
import type { Warning } from '../../core/types.js';
import { msg, type Phrase } from '../../i18n/message.js';
import type { IndexedLines } from '../lines.js';
import { CLOCK, readClock } from './clock.js';
import { looksLikeDateLine } from './date-shape.js';
import { type CalendarDay, type DateLine, type DateStyle, type DayOrder, JA_DATE, checkedDay, dayOrdinal, mayBeDateLine, readDateLine } from './dates.js';
import { QuotedBodies, type Quotes, ReplayedQuotes, quoteOpening } from './quotes.js';
import type { FoundRecord } from './record.js';

/** What one pass of the reader found besides its records. */
export interface RecordsRead {
  /** The records found. */
  readonly count: number;
  readonly warnings: readonly Warning[];
  readonly dateStyle: DateStyle | null;
  /** Message lines carried their own date (the unverified Q? variant). */
  readonly datePrefixed: boolean;
  /** `Ddd, N/N/YYYY` lines outside quoted bodies, to vote month/day against day/month on (dates.ts). */
  readonly englishDates: readonly string[];
  readonly truncated: { readonly line: number; readonly reason: string } | null;
  /** The answers about quoted bodies, in the order given: a later pass over the same lines replays them (`RecordReaderOptions.quotes`). */
  readonly quotes: readonly number[];
  /** The line where the input stopped looking like LINE, with what went wrong there. */
  readonly failure: { readonly line: number; readonly problem: 'unknown-line' | 'unknown-date-line' | 'no-date-yet'; readonly why?: NotADate } | null;
}

/** `[date␣]clock⇥`: groups 1–4 the Q? date prefix, 5–8 the clock. */
const TAB_LINE = new RegExp(`^(?:${JA_DATE} )?${CLOCK}\\t`);
/** Desktop `clock␣`: groups 1–4 the clock. */
const SPACE_LINE = new RegExp(`^${CLOCK} `);

export function looksLikeTabMessage(text: string): boolean {
  return TAB_LINE.test(text);
}

export function looksLikeSpaceMessage(text: string): boolean {
  return SPACE_LINE.test(text);
}

/**
 * True when records end with CRLF while bare LFs occur too (E3): then a bare LF sits inside a
 * quoted body. The first line (header or date line) is always a record end, so its terminator is
 * the file's record terminator; message-like lines cannot tell, as pasted chats inside quotes look like records.
 */
export function hasCrlfRecords(lines: IndexedLines): boolean {
  if (lines.length === 0 || lines.terminatorAt(0) !== '\r\n') return false;
  for (let i = 1; i < lines.length; i++) if (lines.terminatorAt(i) === '\n') return true;
  return false;
}

/** Why a date-shaped line was not taken as a date line (the three rules of FORMAT.md "Date lines", or an unknown form). */
export type NotADate = 'unknown-form' | 'no-such-day' | 'other-form' | 'not-later';

function whyNotADateLine(date: DateLine, style: DateStyle | null): NotADate {
  if (date.day === null) return 'no-such-day';
  if (style !== null && date.style !== style) return 'other-form';
  return 'not-later';
}

/** The warning for a date-shaped line kept as text: every date after it may be off (src/importers/line/FORMAT.md). */
export const DATE_LINE_NOT_READ = 'date-line-not-read';

export interface RecordReaderOptions {
  readonly lines: IndexedLines;
  /** Index of the first line after the header. */
  readonly start: number;
  /** Desktop export: `time␣rest` lines are records too, and continuation lines are normal. */
  readonly desktop: boolean;
  readonly order: DayOrder;
  readonly mixedTerminators: boolean;
  /** An earlier pass's `RecordsRead.quotes` over the same lines and options: its answers, instead of scanning for them again. */
  readonly quotes?: readonly number[];
  /**
   * A pass that makes the messages: every line is read whole, and a record keeps its first line
   * (`FoundRecord.firstLine`), which its message is made from, instead of a head now and the line again then.
   */
  readonly wholeLines?: boolean;
}

/**
 * How much of a line is read first (bytes of UTF-8, or characters): enough for the time and a
 * sender of a dozen or more characters. The lines of a large export are decoded from its bytes
 * twice, here and again for the messages (docs/performance.md); here, most need no more than this.
 */
const HEAD_SIZE = 48;

function wholeLine(lines: IndexedLines, i: number): { text: string; whole: boolean } {
  return { text: lines.at(i)!.text, whole: true };
}

/**
 * The records in order, each given once its continuation is known (when the next record starts,
 * or the input ends); what else was found is the generator's return value. Nothing is kept of a
 * record once it is given: a pass holds the lines it looks ahead through, no table of the records
 * (docs/performance.md), so the messages are made by reading the records again.
 */
export function* readRecords(o: RecordReaderOptions): Generator<FoundRecord, RecordsRead, undefined> {
  const { lines, desktop, order } = o;
  let count = 0;
  const warnings: Warning[] = [];
  const scanned =
    o.quotes === undefined
      ? new QuotedBodies({
          lines,
          mixedTerminators: o.mixedTerminators,
          startsRecord: (t) => TAB_LINE.test(t) || (desktop && SPACE_LINE.test(t)) || readDateLine(t, order) !== null || looksLikeDateLine(t),
          looksLikeMessage: (t) => TAB_LINE.test(t),
        })
      : null;
  const quoted: Quotes = scanned ?? new ReplayedQuotes(lines, o.quotes!);
  let style: DateStyle | null = null;
  let current: CalendarDay | null = null;
  let dayKey = 0;
  let datePrefixed = false;
  const englishDates: string[] = [];
  /** The record being read, until the next record starts. */
  let pending: FoundRecord | null = null;
  let blanks = 0;
  /** Ends the pending record: the caller gives it. */
  const flush = (): FoundRecord | null => {
    const done = pending;
    pending = null;
    blanks = 0;
    return done;
  };
  const result = (extra: Partial<RecordsRead> = {}): RecordsRead => ({
    count,
    warnings,
    dateStyle: style,
    datePrefixed,
    englishDates,
    truncated: null,
    failure: null,
    quotes: scanned?.log ?? o.quotes!,
    ...extra,
  });

  for (let i = o.start; i < lines.length; i++) {
    const number = i + 1;
    // Most lines are read only as far as their time and sender (lines.ts headAt): date lines and
    // the bodies that might be quoted are read whole.
    let { text, whole } = o.wholeLines === true ? wholeLine(lines, i) : lines.headAt(i, HEAD_SIZE);
    if (text === '' && whole) {
      blanks++;
      continue;
    }
    if (!whole && mayBeDateLine(text)) ({ text, whole } = wholeLine(lines, i));
    let notRecord: Phrase | null = null;
    /** Set when the line looks like a date line but is not read as one: why not. */
    let notADate: NotADate | null = null;
    const date = readDateLine(text, order);
    if (date !== null) {
      if (date.style === 'en-new') englishDates.push(text);
      if (date.day !== null && (style === null || date.style === style) && (current === null || dayOrdinal(date.day) > dayOrdinal(current))) {
        const done = flush();
        if (done !== null) yield done;
        style = date.style;
        current = date.day;
        dayKey++;
        continue;
      }
      notADate = whyNotADateLine(date, style);
      notRecord = msg(`line.why.${notADate}`);
    }
    const tab = notRecord === null ? TAB_LINE.exec(text) : null;
    const space = notRecord === null && tab === null && desktop ? SPACE_LINE.exec(text) : null;
    const clock = tab ? readClock(tab[5], tab[6]!, tab[7]!, tab[8]) : space ? readClock(space[1], space[2]!, space[3]!, space[4]) : null;
    if ((tab || space) && clock === null) notRecord = msg('line.why.no-real-time');
    if (tab && clock && tab[1] !== undefined) {
      const prefixDay = checkedDay(+tab[1], +tab[2]!, +tab[3]!, '日月火水木金土'.indexOf(tab[4]!));
      if (prefixDay === null) notRecord = msg('line.why.prefix-weekday');
      else if (current === null || dayOrdinal(prefixDay) !== dayOrdinal(current)) {
        current = prefixDay;
        dayKey++;
        datePrefixed = true;
      }
    }
    if (notRecord === null && clock && (tab || space)) {
      if (current === null) return result({ failure: { line: number, problem: 'no-date-yet' } });
      const done = flush();
      if (done !== null) yield done;
      const timeEnd = (tab ?? space)![0].length;
      if (space) {
        count++;
        pending = {
          index: i,
          line: number,
          day: current,
          dayKey,
          clock,
          form: 'space',
          sender: null,
          textFrom: timeEnd,
          body: null,
          firstLine: whole ? text : null,
          contFrom: -1,
          contTo: -1,
          noted: false,
        };
        continue;
      }
      let tab2 = text.indexOf('\t', timeEnd);
      // The sender and the body's first character decide; a body that opens with " may be quoted.
      if (!whole && (tab2 === -1 || tab2 + 1 >= text.length || text.charCodeAt(tab2 + 1) === 0x22)) {
        ({ text, whole } = wholeLine(lines, i));
        tab2 = text.indexOf('\t', timeEnd);
      }
      const sender = tab2 === -1 ? null : text.slice(timeEnd, tab2);
      const textFrom = tab2 === -1 ? timeEnd : tab2 + 1;
      const body = text.slice(textFrom);
      const first = i;
      let unquoted: string | null = null;
      const opening = sender ? quoteOpening(body, lines.terminatorAt(i), o.mixedTerminators) : 'none';
      if (opening === 'clean' || (opening !== 'none' && !quoted.nextStartsRecord(i))) {
        const q = quoted.read(i, body, opening === 'unless-record-follows');
        if (q.kind === 'closed') {
          unquoted = q.body;
          i = q.lastIndex;
          warnings.push(...q.warnings);
        } else if (q.messageFollows) {
          warnings.push({ line: number, message: msg('line.warn.unclosed-quote') });
        } else {
          const kept = count === 1 ? 'the 1 complete message' : `the ${count} complete messages`;
          const reason = `the message starting on line ${number} has no closing " (the file was probably cut off); ${kept} before it can be kept`;
          return result({ truncated: { line: number, reason } });
        }
      }
      count++;
      pending = {
        index: first,
        line: number,
        day: current,
        dayKey,
        clock,
        form: 'tab',
        sender,
        textFrom,
        body: unquoted,
        firstLine: whole ? text : null,
        contFrom: -1,
        contTo: -1,
        noted: false,
      };
      continue;
    }
    // Only lines that are no record are looked at whole here: most lines of a large export are records.
    if (notADate === null && date === null && looksLikeDateLine(whole ? text : lines.at(i)!.text)) notADate = 'unknown-form';
    const open: FoundRecord | null = pending;
    if (open === null)
      return result({ failure: notADate === null ? { line: number, problem: 'unknown-line' } : { line: number, problem: 'unknown-date-line', why: notADate } });
    // The blank lines before it are part of the continuation too: it runs from the first of them.
    if (open.contFrom === -1) open.contFrom = i - blanks;
    open.contTo = i;
    blanks = 0;
    if (notADate !== null) {
      warnings.push({
        line: number,
        code: DATE_LINE_NOT_READ,
        message: msg('line.warn.date-line-not-read', { why: msg(`line.why.${notADate}`), start: open.line }),
      });
    } else if (notRecord !== null) {
      warnings.push({ line: number, message: msg('line.warn.not-a-record', { why: notRecord, start: open.line }) });
    } else if (!desktop && !open.noted) {
      open.noted = true;
      warnings.push({ line: number, message: msg('line.warn.continuation', { start: open.line }) });
    }
  }
  const done = flush();
  if (done !== null) yield done;
  return result();
}
