import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../exporters/pdf/zone-clock.js';

describe('ZoneClock (transcript times without a luxon call per line)', () => {
  it.each(['Asia/Tokyo', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu'])(
    'agrees with luxon around the 2024 offset changes in %s',
    (zone) => {
      const clock = new ZoneClock(zone);
      // Every 7 minutes (and a few odd seconds) through March–April and October–November 2024.
      for (const [from, to] of [
        ['2024-03-01', '2024-04-15'],
        ['2024-09-25', '2024-11-10'],
      ] as const) {
        for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += 7 * 60_000 + 13_000) {
          const iso = new Date(t).toISOString();
          const expected = DateTime.fromMillis(t, { zone });
          expect(clock.wall(iso)).toEqual({ day: expected.toISODate(), time: expected.toFormat(expected.second === 0 ? 'HH:mm' : 'HH:mm:ss') });
        }
      }
    },
  );

  it('reads the offset the source wrote and gives null for an unreadable time', () => {
    expect(new ZoneClock('Asia/Tokyo').wall('2024-03-04T10:07:00+09:00')).toEqual({ day: '2024-03-04', time: '10:07' });
    expect(new ZoneClock('Asia/Tokyo').wall('2024-03-04T01:07:00Z')).toEqual({ day: '2024-03-04', time: '10:07' });
    expect(new ZoneClock('Asia/Tokyo').wall('not a time')).toBeNull();
  });
});
