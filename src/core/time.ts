import { DateTime, IANAZone } from 'luxon';

export const DEFAULT_TZ = 'Asia/Tokyo';

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
}

/**
 * A local wall-clock time read in `zone`, as ISO 8601 with offset at the given precision
 * (LINE has minutes only, so seconds are `:00`, never invented). Returns null for impossible
 * dates (2024/02/30). A time that falls in a DST gap is moved forward by luxon, as clocks do.
 */
export function wallClockToIso(t: WallClock, zone: string): string | null {
  const dt = DateTime.fromObject(
    { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second ?? 0 },
    { zone },
  );
  if (!dt.isValid) return null;
  return dt.toISO({ suppressMilliseconds: true, includeOffset: true });
}

/** Unix epoch seconds as ISO 8601 in `zone` (Chatwork times are unambiguous; the zone only chooses the offset shown). */
export function epochToIso(seconds: number, zone: string): string {
  return DateTime.fromSeconds(seconds, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/**
 * Milliseconds since the epoch for an ISO time with offset (the form this module writes); NaN if
 * unparseable. Date.parse reads that form exactly and is ~20× faster than luxon on hot paths.
 */
export function isoToMillis(iso: string): number {
  return Date.parse(iso);
}

/** The same instant shown in another zone (JST on reports, UTC beside it). */
export function isoInZone(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

export function nowIso(): string {
  return DateTime.utc().toISO({ suppressMilliseconds: true })!;
}
