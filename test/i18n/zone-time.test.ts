import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateTime } from '../../exporters/pdf/format.js';
import { ZoneTime } from '../../src/core/zone-time.js';

const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];

describe('times on the terminal', () => {
  it('are written as the PDF report writes them, in any zone, across offset changes and before 1952', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        fc.boolean(),
        (at, zone, withSeconds) => {
          const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
          expect(new ZoneTime(zone).write(iso, withSeconds)).toBe(dateTime(iso, zone, withSeconds || at.getUTCSeconds() !== 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('name Tokyo time JST and keep a text that is no time as it is', () => {
    const clock = new ZoneTime('Asia/Tokyo');
    expect(clock.write('2024-03-04T16:16:00Z')).toBe('2024-03-05 01:16 JST');
    expect(clock.write('yesterday')).toBe('yesterday');
  });
});
