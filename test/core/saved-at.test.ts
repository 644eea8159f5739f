import { describe, expect, it } from 'vitest';
import { checkSaveTime, SERVER_CLOCK_TOLERANCE_HOURS, type StatedSaveTime } from '../../src/core/entries/saved-at.js';

/** src/core/entries/saved-at.ts: the rule `verify` and `verify-report` hold a capture's save time to. */

const kinds = (stated: StatedSaveTime, original: Parameters<typeof checkSaveTime>[1]): string[] | null =>
  checkSaveTime(stated, original)?.findings.map((f) => f.kind) ?? null;

const line = (sourceSavedAt: unknown): StatedSaveTime => ({ sourceSavedAt, capturedAt: '2024-03-06T00:00:00.000Z', tz: 'Asia/Tokyo', serverDate: undefined });
const sync = (serverMs: number, capturedMs: number, sourceSavedAt?: string): StatedSaveTime => ({
  sourceSavedAt: sourceSavedAt ?? new Date(serverMs).toISOString(),
  capturedAt: new Date(capturedMs).toISOString(),
  tz: 'Asia/Tokyo',
  serverDate: new Date(serverMs).toUTCString(),
});

describe('checkSaveTime', () => {
  it('a save time the original states: the same instant, in any offset, holds; any other, or none, is a finding', () => {
    const original = { savedAt: '2024-03-05T20:00:00+09:00', newest: null };
    expect(kinds(line('2024-03-05T20:00:00+09:00'), original)).toEqual([]);
    expect(kinds(line('2024-03-05T11:00:00Z'), original)).toEqual([]);
    expect(kinds(line('2024-03-05T20:01:00+09:00'), original)).toEqual(['capture-saved-at-differs']);
    expect(kinds(line(undefined), original)).toEqual(['capture-saved-at-differs']);
    expect(kinds(line(1709636400), original)).toEqual(['capture-saved-at-differs']);
  });

  it('an original that states none: none holds, any stated one is a finding; with no original at hand, nothing is said', () => {
    const none = { savedAt: null, newest: null };
    expect(kinds(line(undefined), none)).toEqual([]);
    expect(kinds(line('2024-03-05T20:00:00+09:00'), none)).toEqual(['capture-saved-at-differs']);
    expect(checkSaveTime(line('2024-03-05T20:00:00+09:00'), null)).toBeNull();
  });

  it("a sync capture: the server's Date, hours ahead of a wrong local clock, holds up to the tolerance", () => {
    const captured = Date.parse('2026-12-01T00:00:00Z');
    const hour = 3600_000;
    const newest = { savedAt: null, newest: '2026-11-30T23:00:00+09:00' };
    expect(kinds(sync(captured + 3 * hour, captured), newest)).toEqual([]);
    expect(kinds(sync(captured + (SERVER_CLOCK_TOLERANCE_HOURS + 1) * hour, captured), newest)).toEqual(['capture-saved-at-after-capture']);
    expect(kinds(sync(Date.parse('2026-11-30T13:00:00Z'), captured), newest)).toEqual(['capture-saved-at-before-messages']);
    expect(kinds(sync(captured, captured, '2026-12-02T00:00:00Z'), newest)).toEqual(['capture-saved-at-differs']);
    // Its original not at hand (a private report): the server time is still held to the import time.
    expect(checkSaveTime(sync(captured, captured), null)?.basis).toBe('server');
  });
});
