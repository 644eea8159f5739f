/**
 * Clock readings at the start of message lines (docs/design/formats.md §1.3 CLOCK, §1.6; FORMAT.md "Times"):
 * `09:05`, `7:58`, `24:53`, `午前11:24`, `午後05:38`, `下午03:04`, `9:30 PM`, `9:31PM`, and
 * U+202F / U+00A0 / U+2009 before AM/PM (E11).
 */
import { msg, type Phrase } from '../../i18n/message.js';

/** Regex source of a clock, with groups: 1 = 午前/午後/上午/下午, 2 = hour, 3 = minute, 4 = AM/PM. */
export const CLOCK = '(午前|午後|上午|下午)?(\\d{1,2}):(\\d{2})(?:[ \\u202F\\u00A0\\u2009]?([AaPp][Mm]))?';

const MINUTES_PER_DAY = 24 * 60;

export interface ClockReading {
  /** Minutes after midnight of the date line; 24:xx gives 1440 + xx (the next day, §1.6). */
  readonly minutes: number;
  /** For `午前12:xx`: the noon reading (12:xx), while `minutes` holds the midnight one (00:xx). */
  readonly noonReading: number | null;
  readonly twelveHour: boolean;
}

/** The reading of a matched clock, or null when the numbers are no time (25:00, 午後13:00, 9:75). */
export function readClock(marker: string | undefined, hourText: string, minuteText: string, suffix: string | undefined): ClockReading | null {
  const hour = Number(hourText);
  const minute = Number(minuteText);
  if (minute > 59) return null;
  if (marker === undefined && suffix === undefined) {
    // 24:xx was seen in a real export (meyfa/line-chat-parser PR #4); nothing later than 24:59.
    return hour <= 24 ? shared(plainClocks, hour * 60 + minute, null, false) : null;
  }
  if (marker !== undefined && suffix !== undefined) return null;
  if (hour > 12) return null;
  const pm = marker === '午後' || marker === '下午' || suffix?.toLowerCase() === 'pm';
  const base = hour === 12 ? 0 : hour;
  const minutes = (pm ? base + 12 : base) * 60 + minute;
  // 午前12:xx is midnight in some conventions and noon in others (line2json's fixture orders it
  // after 午前11:27): resolved later by the order of the day (§1.6). 12:xx AM is plainly midnight.
  const ambiguous = !pm && hour === 12 && marker !== undefined;
  return ambiguous ? shared(ambiguousClocks, minutes, 12 * 60 + minute, true) : shared(twelveHourClocks, minutes, null, true);
}

/*
 * Readings are immutable and a file has at most a few thousand distinct ones, so each is made
 * once and shared by every record with that clock: one object per message line was 10 MB of a
 * 200k-message parse (docs/performance.md).
 */
const plainClocks: ClockReading[] = [];
const twelveHourClocks: ClockReading[] = [];
const ambiguousClocks: ClockReading[] = [];

function shared(table: ClockReading[], minutes: number, noonReading: number | null, twelveHour: boolean): ClockReading {
  return (table[minutes] ??= { minutes, noonReading, twelveHour });
}

/** A record as far as its time goes. */
export interface TimedRecord {
  /** Identifies the date line the record sits under (records of one day share it). */
  readonly dayKey: number;
  readonly clock: ClockReading;
}

export interface ResolvedTime {
  /** Minutes after midnight of the record's date line, possibly ≥ 1440 (the next day). */
  readonly minutes: number;
  /** Set when the time needed a judgement worth telling the user. */
  readonly note: Phrase | null;
}

/**
 * Resolves every `午前12:xx` and `24:xx` by the monotonic order of its day: the reading that keeps
 * the times of the day from going backwards, looking at the previous time and at the next
 * unambiguous one (docs/design/formats.md §1.6). When both readings fit (or neither), `午前12:xx` is read as
 * midnight and `24:xx` as 00:xx of the next day, what the notation means; a note says so. Every
 * `24:xx` gets a note, whichever reading wins (src/importers/line/FORMAT.md). Linear time.
 *
 * The records come one at a time, in order (`push`, then `end`): a record whose reading waits for
 * the next unambiguous time of its day is held until that time or the day's end comes, so what is
 * held is a run of such records, not the file's records (docs/performance.md).
 */
export class DayTimes<R extends TimedRecord> {
  private readonly waiting: R[] = [];
  /** The records resolved by the last call, in order, and their times: the first `resolved` of each (valid until the next call). */
  readonly records: R[] = [];
  readonly times: ResolvedTime[] = [];
  resolved = 0;
  private dayKey: number | null = null;
  private previous = -1;

  /** Takes the next record; `records` and `times` are then those whose times it resolved. */
  push(r: R): void {
    this.resolved = 0;
    if (r.dayKey !== this.dayKey) {
      this.resolveWaiting(null);
      this.dayKey = r.dayKey;
      this.previous = -1;
    }
    if (isFixed(r.clock)) {
      this.resolveWaiting(r.clock.minutes);
      this.give(r, resolveTime(r.clock, this.previous, null));
    } else {
      this.waiting.push(r);
    }
  }

  /** The records still held, resolved (into `records` and `times`): there is no later time in their day. */
  end(): void {
    this.resolved = 0;
    this.resolveWaiting(null);
  }

  private resolveWaiting(next: number | null): void {
    for (const r of this.waiting) this.give(r, resolveTime(r.clock, this.previous, next));
    this.waiting.length = 0;
  }

  private give(r: R, time: ResolvedTime): void {
    this.previous = time.minutes;
    this.records[this.resolved] = r;
    this.times[this.resolved++] = time;
  }
}

/** A reading that needs no other time of its day: neither `午前12:xx` nor `24:xx`. */
export function isFixed(clock: ClockReading): boolean {
  return clock.noonReading === null && clock.minutes < MINUTES_PER_DAY;
}

/**
 * One record's time, given the time resolved before it in its day (-1: none) and the next fixed
 * reading after it in its day (null: none).
 */
export function resolveTime(clock: ClockReading, previous: number, next: number | null): ResolvedTime {
  if (clock.noonReading !== null) return ambiguousTime(clock.minutes, clock.noonReading, previous, next);
  return clock.minutes >= MINUTES_PER_DAY ? hour24Time(clock.minutes, previous, next) : fixedTime(clock.minutes);
}

/** The plain resolutions, shared like the readings. */
const plainTimes: ResolvedTime[] = [];

function fixedTime(minutes: number): ResolvedTime {
  return (plainTimes[minutes] ??= { minutes, note: null });
}

/**
 * `24:xx` is 00:xx of the date line when it comes before the day's other times (a clock that
 * counts the small hours of the day onto the day before is not what the date line says), and of
 * the next day when it follows a late time.
 */
function hour24Time(nextDay: number, previous: number, next: number | null): ResolvedTime {
  const sameDay = nextDay - MINUTES_PER_DAY;
  const fits = (m: number): boolean => previous <= m && (next === null || m <= next);
  const mm = String(sameDay).padStart(2, '0');
  if (fits(sameDay) && !fits(nextDay)) {
    return { minutes: sameDay, note: msg('line.warn.hour-24-same-day', { mm }) };
  }
  const told = fits(nextDay) && !fits(sameDay);
  return { minutes: nextDay, note: msg(told ? 'line.warn.hour-24-next-day' : 'line.warn.hour-24-undecided', { mm }) };
}

function ambiguousTime(midnight: number, noon: number, previous: number, next: number | null): ResolvedTime {
  const fits = (m: number): boolean => previous <= m && (next === null || m <= next);
  if (fits(noon) && !fits(midnight)) return { minutes: noon, note: null };
  if (fits(midnight) && !fits(noon)) return { minutes: midnight, note: null };
  const mm = String(noon % 60).padStart(2, '0');
  return { minutes: midnight, note: msg('line.warn.noon-undecided', { mm }) };
}
