import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCoverage, CoverageSpan } from '../../src/core/entries/coverage.js';
import { epochToIso } from '../../src/core/time.js';
import { render } from '../../src/i18n/message.js';

/** src/core/entries/coverage.ts: the window the import records and `verify`/`verify-report` derive again. */

const kinds = (stated: unknown, original: Parameters<typeof checkCoverage>[1], serverAt: string | null = null): string[] =>
  checkCoverage(stated, original, serverAt).map((f) => `${f.side}`);

describe('CoverageSpan', () => {
  it('is the earliest and the newest instant of any times in any order and zone, as written; widened only by a later end', () => {
    const zones = ['Asia/Tokyo', 'UTC', 'America/New_York', 'Europe/London'];
    const seconds = fc.integer({ min: 1_500_000_000, max: 1_900_000_000 });
    fc.assert(
      fc.property(fc.array(fc.tuple(seconds, fc.constantFrom(...zones)), { minLength: 1, maxLength: 40 }), fc.option(seconds), (times, end) => {
        const span = new CoverageSpan();
        for (const [s, zone] of times) span.add(epochToIso(s, zone));
        const all = times.map(([s]) => s);
        expect(Date.parse(span.from!)).toBe(Math.min(...all) * 1000);
        expect(Date.parse(span.newest!)).toBe(Math.max(...all) * 1000);
        const endIso = end === null ? null : epochToIso(end, 'Asia/Tokyo');
        const { to } = span.window(endIso);
        expect(Date.parse(to!)).toBe(Math.max(...all, end ?? 0) * 1000);
      }),
    );
    expect(new CoverageSpan().window(null)).toEqual({ from: null, to: null });
    expect(new CoverageSpan().window('2024-03-05T20:00:00+09:00')).toEqual({ from: null, to: '2024-03-05T20:00:00+09:00' });
  });
});

describe('checkCoverage', () => {
  const line = { from: '2024-03-01T09:00:00+09:00', newest: '2024-03-05T19:00:00+09:00', end: '2024-03-05T20:00:00+09:00' };
  const genuine = { kind: 'full', from: line.from, to: line.end };

  it('the window the import made holds, in any offset; a moved start or end is a finding naming that end', () => {
    expect(kinds(genuine, line)).toEqual([]);
    expect(kinds({ ...genuine, to: '2024-03-05T11:00:00Z' }, line)).toEqual([]);
    expect(kinds({ ...genuine, kind: 'window' }, line)).toEqual([]); // import --coverage may set the kind
    // An end moved back to the newest message: a message deleted after it would read "not covered".
    expect(kinds({ ...genuine, to: line.newest }, line)).toEqual(['to']);
    expect(kinds({ ...genuine, from: '2024-03-02T00:00:00+09:00' }, line)).toEqual(['from']);
    expect(kinds({ ...genuine, from: null, to: 1709632800 }, line)).toEqual(['from', 'to']);
    expect(kinds({ kind: 'full' }, line)).toEqual(['from', 'to']);
  });

  it('an original with no end: its newest message; a sync capture: the server time kept with it; no message: none', () => {
    const paste = { from: line.from, newest: line.newest, end: null };
    expect(kinds({ kind: 'window', from: line.from, to: line.newest }, paste)).toEqual([]);
    expect(kinds(genuine, paste)).toEqual(['to']);
    expect(kinds(genuine, paste, line.end)).toEqual([]);
    const [finding] = checkCoverage({ kind: 'window', from: line.from, to: line.newest }, paste, line.end);
    expect([render('en', finding!.expected), render('en', finding!.actual)]).toEqual([
      `${line.end}, the server's Date kept with the capture (its window reaches up to it)`,
      `the capture entry states ${line.newest}`,
    ]);
    const empty = { from: null, newest: null, end: null };
    expect(kinds({ kind: 'window', from: null, to: null }, empty)).toEqual([]);
    expect(kinds({ kind: 'window', from: null, to: line.end }, empty)).toEqual(['to']);
  });
});
