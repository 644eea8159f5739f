import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';

let loaded: typeof Luxon | null = null;

/**
 * luxon, loaded on first use: ~5 ms of every command's start-up, which `verify`, `show` and
 * `--help` never need (issue 8). Its CommonJS build, as the callers are synchronous; everything
 * in chatproof reaches luxon through here, so one copy is loaded.
 */
export function luxon(): typeof Luxon {
  loaded ??= createRequire(import.meta.url)('luxon') as typeof Luxon;
  return loaded;
}

export const DEFAULT_TZ = 'Asia/Tokyo';

export function isValidZone(zone: string): boolean {
  return luxon().IANAZone.isValidZone(zone);
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
  const dt = luxon().DateTime.fromObject(
    { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second ?? 0 },
    { zone },
  );
  if (!dt.isValid) return null;
  return dt.toISO({ suppressMilliseconds: true, includeOffset: true });
}

/** Unix epoch seconds as ISO 8601 in `zone` (Chatwork times are unambiguous; the zone only chooses the offset shown). */
export function epochToIso(seconds: number, zone: string): string {
  return (Number.isInteger(seconds) ? epochToIsoByHour(seconds, zone) : null) ?? luxonEpochToIso(seconds, zone);
}

function luxonEpochToIso(seconds: number, zone: string): string {
  return luxon().DateTime.fromSeconds(seconds, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/**
 * Fast path (issue 8: luxon was a quarter of a 200k-message Chatwork import, ~4 µs a call): per
 * zone and UTC hour, the offset luxon gives, when it is the same at both ends of the hour and
 * adding it by hand reproduces luxon's text for the hour's start; any other hour (a DST change,
 * an odd historical offset) keeps going to luxon. Same text as luxon, checked by
 * test/bench/hot-paths.test.ts on DST zones.
 */
const hourOffsets = new Map<string, Map<number, string | null>>();
const HOURS_KEPT = 100_000;
const OFFSET_TEXT = /(?:[+-]\d\d:\d\d|Z)$/;

function epochToIsoByHour(seconds: number, zone: string): string | null {
  const hour = Math.floor(seconds / 3600);
  let byHour = hourOffsets.get(zone);
  if (byHour === undefined || byHour.size > HOURS_KEPT) {
    byHour = new Map();
    hourOffsets.set(zone, byHour);
  }
  let offset = byHour.get(hour);
  if (offset === undefined) {
    const start = luxonEpochToIso(hour * 3600, zone);
    const first = OFFSET_TEXT.exec(start)?.[0] ?? null;
    const last = OFFSET_TEXT.exec(luxonEpochToIso(hour * 3600 + 3599, zone))?.[0] ?? null;
    offset = first !== null && first === last && withOffset(hour * 3600, first) === start ? first : null;
    byHour.set(hour, offset);
  }
  return offset === null ? null : withOffset(seconds, offset);
}

/** `seconds` shown at `offset` (`+09:00`, or `Z` for UTC), as luxon writes it; null outside years 0–9999. */
function withOffset(seconds: number, offset: string): string | null {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const t = new Date((seconds + minutes * 60) * 1000);
  const year = t.getUTCFullYear();
  if (year < 0 || year > 9999) return null;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}T${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}${offset}`;
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
  return luxon().DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

export function nowIso(): string {
  return luxon().DateTime.utc().toISO({ suppressMilliseconds: true })!;
}
