import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatworkTextImporter } from '../../../src/importers/chatwork-text/index.js';
import { crowdworksImporter } from '../../../src/importers/crowdworks/index.js';
import { lancersImporter } from '../../../src/importers/lancers/index.js';
import { type DateStyle, type Layout, renderThread, threadArb } from './arbitraries.js';
import { OPTIONS, decoded } from './support.js';

const CASES: readonly (readonly [Layout, DateStyle])[] = [
  ['name-then-time', 'kanji'],
  ['name-then-time', 'slash'],
  ['name-then-time', 'month-day'],
  ['name-then-time', 'time-under-date-line'],
  ['time-then-name', 'kanji'],
  ['time-then-name', 'month-day'],
  ['time-then-name', 'time-under-date-line'],
  ['stamp-then-name', 'slash'],
  ['stamp-then-name', 'kanji'],
  ['stamp-then-name', 'month-day'],
  ['name-then-stamp', 'slash'],
  ['name-then-stamp', 'month-day'],
];

describe('pasted threads: render in each accepted layout, parse back, same messages', () => {
  for (const importer of [crowdworksImporter, lancersImporter, chatworkTextImporter]) {
    it.each(CASES)(`${importer.format}: %s with %s dates`, (layout, style) => {
      fc.assert(
        fc.property(threadArb, fc.constantFrom('\u3000', ' ', '\t'), (thread, separator) => {
          const outcome = importer.parse(decoded(renderThread(thread, layout, style, separator)), OPTIONS);
          if (!outcome.ok) throw new Error(outcome.error.message);
          expect(outcome.result.messages.map((m) => [m.sender, m.sentAt, m.body])).toEqual(
            thread.map((m) => [m.sender, m.at.toISO({ suppressMilliseconds: true }), m.bodyLines.join('\n')]),
          );
          expect(outcome.result.inferred?.messages).toBe(thread.length);
        }),
        { numRuns: 60 },
      );
    });
  }
});
