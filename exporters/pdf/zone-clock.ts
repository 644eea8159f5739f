import { luxon } from '../../src/core/time.js';

export interface WallTime {
  /** yyyy-MM-dd in the zone: the transcript's date separators compare these. */
  readonly day: string;
  /** HH:mm, or HH:mm:ss where the source has seconds. */
  readonly time: string;
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * Instants → wall-clock time in one zone, for every transcript line. luxon's zone conversion goes
 * through Intl and dominated rendering a large room; a zone's offset can only change on a UTC
 * quarter hour (every offset in the tz database is a multiple of 15 minutes, and changes happen on
 * local whole hours), so it is asked once per quarter hour and the rest is arithmetic.
 */
export class ZoneClock {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly zone: string) {}

  wall(iso: string): WallTime | null {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
    const block = Math.floor(ms / QUARTER_HOUR);
    let offset = this.offsets.get(block);
    if (offset === undefined) {
      offset = luxon().DateTime.fromMillis(ms, { zone: this.zone }).offset;
      this.offsets.set(block, offset);
    }
    const local = new Date(ms + offset * 60_000);
    const two = (n: number): string => String(n).padStart(2, '0');
    const seconds = local.getUTCSeconds();
    return {
      day: `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`,
      time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}${seconds === 0 ? '' : `:${two(seconds)}`}`,
    };
  }
}
