import { UsageError } from '../core/errors.js';
import { isoToMillis, luxon } from '../core/time.js';
import { msg } from '../i18n/message.js';

/** `--from/--to`: which part of a room a private report shows. Bounds are inclusive instants. */
export interface DateRange {
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * A date (`2024-03-04`: the whole day) or a date and time (`2024-03-04T10:00`), read in `tz`
 * unless it carries an offset. `--to 2024-03-05` includes the whole of that day.
 */
function parseBound(text: string, tz: string, side: 'from' | 'to'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const dt = luxon().DateTime.fromISO(text.trim(), { zone: tz, setZone: true });
  if (!dt.isValid) {
    throw new UsageError(msg('usage.range-date', { side, value: text }), { hint: msg('usage.range-date.hint', { tz }) });
  }
  const bound = dateOnly && side === 'to' ? dt.endOf('day') : dt;
  return bound.toISO({ includeOffset: true })!;
}

export function parseRange(from: string | undefined, to: string | undefined, tz: string): DateRange | null {
  if (from === undefined && to === undefined) return null;
  const range = { from: from === undefined ? null : parseBound(from, tz, 'from'), to: to === undefined ? null : parseBound(to, tz, 'to') };
  if (range.from !== null && range.to !== null && isoToMillis(range.from) > isoToMillis(range.to)) {
    throw new UsageError(msg('usage.range-empty', { from: from ?? '', to: to ?? '' }));
  }
  return range;
}

/** A predicate over message times; a time that cannot be read is outside any range. */
export function rangeTest(range: DateRange | null): (sentAt: string) => boolean {
  const inside = rangeMillisTest(range);
  return (sentAt) => inside(isoToMillis(sentAt));
}

/** The range as instants (ms since 1970, both ends included), ±Infinity for an open end. */
export function rangeMillis(range: DateRange | null): { from: number; to: number } {
  return {
    from: range?.from == null ? Number.NEGATIVE_INFINITY : isoToMillis(range.from),
    to: range?.to == null ? Number.POSITIVE_INFINITY : isoToMillis(range.to),
  };
}

/** The same predicate over instants (ms since 1970; NaN: a time that cannot be read, outside any range but the whole). */
export function rangeMillisTest(range: DateRange | null): (ms: number) => boolean {
  if (range === null) return () => true;
  const { from, to } = rangeMillis(range);
  return (t) => !Number.isNaN(t) && t >= from && t <= to;
}
