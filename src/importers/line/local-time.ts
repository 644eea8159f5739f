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
  /** Per offset: `THH:MM:00<offset>` for each minute of the day, made when first asked for. */
  private readonly suffixes = new Map<string, string[]>();
  /*
   * Records of one date line share their day object, and a chat's messages come in runs of one
   * minute: the last day and the last answer are kept, so a 200k-message file builds a few
   * thousand date strings and shares each time string among its minute (docs/performance.md: the times were
   * a fifth of the parse's memory, ~100 bytes of joined string pieces per message).
   */
  private lastDay: CalendarDay | null = null;
  private lastDate = '';
  private lastOffset: string | null = null;
  private lastMinutes = -1;
  private lastIso: string | null = null;

  constructor(private readonly zone: string) {}

  /** `minutes` after midnight of `day` (< 1440), as ISO with offset and `:00` seconds; null if no such time. */
  iso(day: CalendarDay, minutes: number): string | null {
    if (day !== this.lastDay) {
      const date = isoDay(day);
      let offset = this.offsets.get(date);
      if (offset === undefined) {
        offset = this.steadyOffset(day, date);
        this.offsets.set(date, offset);
      }
      this.lastDay = day;
      this.lastDate = date;
      this.lastOffset = offset;
      this.lastMinutes = -1;
    }
    if (minutes === this.lastMinutes) return this.lastIso;
    const iso =
      this.lastOffset !== null
        ? this.lastDate + this.suffix(this.lastOffset, minutes)
        : wallClockToIso({ ...day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, this.zone);
    this.lastMinutes = minutes;
    this.lastIso = iso;
    return iso;
  }

  private suffix(offset: string, minutes: number): string {
    let table = this.suffixes.get(offset);
    if (table === undefined) {
      table = [];
      this.suffixes.set(offset, table);
    }
    return (table[minutes] ??= `T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00${offset}`);
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
