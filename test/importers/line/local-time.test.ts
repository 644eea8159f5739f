/**
 * LocalTimes (src/importers/line/local-time.ts) must give exactly what core/time.ts wallClockToIso
 * gives, for every minute, in zones with DST gaps and folds (including a 30-minute shift and a
 * change at midnight) — it only skips luxon on days without a change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClockToIso } from '../../../src/core/time.js';
import { checkedDay } from '../../../src/importers/line/dates.js';
import { LocalTimes } from '../../../src/importers/line/local-time.js';

const ZONES = ['Asia/Tokyo', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'UTC'];

describe('LocalTimes', () => {
  it('equals wallClockToIso on any minute of any day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (zone, date, minutes) => {
          const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
          const hour = Math.floor(minutes / 60);
          expect(new LocalTimes(zone).iso(day, minutes)).toBe(wallClockToIso({ ...day, hour, minute: minutes % 60 }, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equals wallClockToIso through every minute of DST change days', () => {
    const days: [string, number, number, number][] = [
      ['America/New_York', 2024, 3, 10],
      ['America/New_York', 2024, 11, 3],
      ['Europe/London', 2024, 3, 31],
      ['Australia/Lord_Howe', 2024, 4, 7],
      ['Australia/Lord_Howe', 2024, 10, 6],
      ['America/Santiago', 2024, 9, 8],
    ];
    for (const [zone, y, m, d] of days) {
      const day = checkedDay(y, m, d, null)!;
      const times = new LocalTimes(zone);
      for (let minutes = 0; minutes < 24 * 60; minutes++) {
        expect(times.iso(day, minutes), `${zone} ${y}-${m}-${d} +${minutes}`).toBe(
          wallClockToIso({ ...day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, zone),
        );
      }
    }
  });
});
