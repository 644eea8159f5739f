import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';

let loaded: typeof Luxon | null = null;

/**
 * luxon, loaded on first use: ~5 ms of every command's start-up, which `verify`, `show` and
 * `--help` never need (docs/performance.md). Its CommonJS build, as the callers are synchronous; everything
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
 * Asia/Tokyo, the default zone, has been +09:00 all year since 1952 (tz database: Japan's last
 * summer time ended in September 1951). From then on its times are written here, without luxon:
 * luxon's first call in a zone loads ICU's time zone data, ~20 ms of every import's start-up, a
 * twentieth of importing 20k LINE messages (docs/performance.md). test/bench/hot-paths.test.ts checks both
 * paths against luxon.
 */
const JST_OFFSET = '+09:00';
const JST_SECONDS = 9 * 3600;
const JST_STEADY_FROM_YEAR = 1952;
/** 1952-01-01T00:00:00+09:00 in epoch seconds. */
const JST_STEADY_FROM = Date.UTC(JST_STEADY_FROM_YEAR, 0, 1) / 1000 - JST_SECONDS;

/** A wall-clock time that exists, with whole fields, in Asia/Tokyo's steady years; anything else goes to luxon. */
function isSteadyJstWallClock(t: WallClock): boolean {
  const second = t.second ?? 0;
  return (
    Number.isInteger(t.year) &&
    t.year >= JST_STEADY_FROM_YEAR &&
    t.year <= 9999 &&
    Number.isInteger(t.month) &&
    t.month >= 1 &&
    t.month <= 12 &&
    Number.isInteger(t.day) &&
    t.day >= 1 &&
    t.day <= new Date(Date.UTC(t.year, t.month, 0)).getUTCDate() &&
    Number.isInteger(t.hour) &&
    t.hour >= 0 &&
    t.hour <= 23 &&
    Number.isInteger(t.minute) &&
    t.minute >= 0 &&
    t.minute <= 59 &&
    Number.isInteger(second) &&
    second >= 0 &&
    second <= 59
  );
}

/**
 * A local wall-clock time read in `zone`, as ISO 8601 with offset at the given precision
 * (LINE has minutes only, so seconds are `:00`, never invented). Returns null for impossible
 * dates (2024/02/30). A time that falls in a DST gap is moved forward by luxon, as clocks do.
 */
export function wallClockToIso(t: WallClock, zone: string): string | null {
  if (zone === DEFAULT_TZ && isSteadyJstWallClock(t))
    return withOffset(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second ?? 0) / 1000 - JST_SECONDS, JST_OFFSET);
  const dt = luxon().DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second ?? 0 }, { zone });
  if (!dt.isValid) return null;
  return dt.toISO({ suppressMilliseconds: true, includeOffset: true });
}

/** Unix epoch seconds as ISO 8601 in `zone` (Chatwork times are unambiguous; the zone only chooses the offset shown). */
export function epochToIso(seconds: number, zone: string): string {
  if (!Number.isInteger(seconds)) return luxonEpochToIso(seconds, zone);
  if (zone === DEFAULT_TZ && seconds >= JST_STEADY_FROM) {
    const iso = withOffset(seconds, JST_OFFSET);
    if (iso !== null) return iso;
  }
  return epochToIsoByHour(seconds, zone) ?? luxonEpochToIso(seconds, zone);
}

function luxonEpochToIso(seconds: number, zone: string): string {
  return luxon().DateTime.fromSeconds(seconds, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/**
 * Fast path (docs/performance.md: luxon was a quarter of a 200k-message Chatwork import, ~4 µs a call): per
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

/**
 * Whether instant `a` comes before instant `b`. ISO times written alike (same length, same offset
 * or `Z`) compare as text, as the fixed-width form orders like time; others by Date.parse. A
 * capture's window is the earliest and latest of its messages: parsing every message's time
 * back was ~2 % of a 20k-message import (docs/performance.md). Property-tested against Date.parse.
 */
export function isoBefore(a: string, b: string): boolean {
  if (a.length === b.length && a.length >= 20 && sameOffset(a, b)) return a < b;
  return Date.parse(a) < Date.parse(b);
}

/** Both end in `Z`, or in the same `±HH:MM`. */
function sameOffset(a: string, b: string): boolean {
  const n = a.length;
  if (a.charCodeAt(n - 1) === 0x5a) return b.charCodeAt(n - 1) === 0x5a;
  return a.charCodeAt(n - 3) === 0x3a && a.slice(n - 6) === b.slice(n - 6);
}

/** The same instant shown in another zone (JST on reports, UTC beside it). */
export function isoInZone(iso: string, zone: string): string {
  return luxon().DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

export function nowIso(): string {
  return utcIso(new Date());
}

/** An instant in UTC, with milliseconds unless they are zero (as luxon's `toISO({ suppressMilliseconds: true })` writes it). */
export function utcIso(at: Date): string {
  const iso = at.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
