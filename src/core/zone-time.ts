import { luxon } from './time.js';

const QUARTER_HOUR = 15 * 60_000;
/** Asia/Tokyo has been +09:00 all year since 1952 (core/time.ts): from then on no luxon is needed. */
const JST_STEADY_FROM_MS = Date.UTC(1952, 0, 1) - 9 * 3_600_000;
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Instants as a person reads them: `2024-03-05 20:00 JST` in one zone, the zone named as the PDF
 * report names it (exporters/pdf/format.ts `dateTime`; test/i18n/zone-time.test.ts holds the two
 * equal). A zone's offset changes only on a UTC quarter hour, so luxon is asked once per quarter
 * hour: `show` writes a time on every line of a room.
 */
export class ZoneTime {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly zone: string) {}

  /** Seconds are written where the instant has them, or always with `seconds`; an unreadable text is returned as it is. */
  write(iso: string, seconds = false): string {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    const offset = this.offsetAt(ms);
    const local = new Date(ms + offset * 60_000);
    const s = local.getUTCSeconds();
    const clock = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}${seconds || s !== 0 ? `:${two(s)}` : ''}`;
    return `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${clock} ${this.label(offset)}`;
  }

  private offsetAt(ms: number): number {
    const block = Math.floor(ms / QUARTER_HOUR);
    let offset = this.offsets.get(block);
    if (offset === undefined) {
      offset = this.zone === 'Asia/Tokyo' && ms >= JST_STEADY_FROM_MS ? 540 : luxon().DateTime.fromMillis(ms, { zone: this.zone }).offset;
      this.offsets.set(block, offset);
    }
    return offset;
  }

  /** "JST" for Asia/Tokyo (what a Japanese reader expects), else UTC±hh:mm. */
  private label(offset: number): string {
    if (this.zone === 'Asia/Tokyo') return 'JST';
    const a = Math.abs(offset);
    return `UTC${offset < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
  }
}
