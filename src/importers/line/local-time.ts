/**
 * Wall-clock minutes → ISO 8601 with offset, exactly as src/core/time.ts `wallClockToIso` gives
 * them, but fast enough for 200k-message files (luxon costs ~10 µs a call). One luxon call per
 * day's end points: a day whose 00:00 and 23:59 keep their wall time and share one offset has that
 * offset all day, so its times are built as strings; any other day (a DST change) goes to luxon
 * for each time. test/importers/line/local-time.test.ts checks the equivalence on DST zones.
 */
import { wallClockToIso } from '../../core/time.js';
import { type CalendarDay, isoDay } from './dates.js';

export class LocalTimes {
  /** Per day (`YYYY-MM-DD`): the shared offset (`+09:00`), or null when the day needs luxon. */
  private readonly offsets = new Map<string, string | null>();

  constructor(private readonly zone: string) {}

  /** `minutes` after midnight of `day` (< 1440), as ISO with offset and `:00` seconds; null if no such time. */
  iso(day: CalendarDay, minutes: number): string | null {
    const date = isoDay(day);
    let offset = this.offsets.get(date);
    if (offset === undefined) {
      offset = this.steadyOffset(day, date);
      this.offsets.set(date, offset);
    }
    const hour = Math.floor(minutes / 60);
    const minute = minutes % 60;
    if (offset !== null) return `${date}T${pad(hour)}:${pad(minute)}:00${offset}`;
    return wallClockToIso({ ...day, hour, minute }, this.zone);
  }

  private steadyOffset(day: CalendarDay, date: string): string | null {
    const first = wallClockToIso({ ...day, hour: 0, minute: 0 }, this.zone);
    const last = wallClockToIso({ ...day, hour: 23, minute: 59 }, this.zone);
    if (first === null || last === null) return null;
    if (!first.startsWith(`${date}T00:00:00`) || !last.startsWith(`${date}T23:59:00`)) return null;
    const offset = first.slice(19);
    return offset === last.slice(19) ? offset : null;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
