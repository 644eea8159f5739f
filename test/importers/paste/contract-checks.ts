/**
 * The importer contract of src/importers/importer.ts, checked on our importers: deterministic,
 * never throws, junk gives { ok: false }, warnings carry line numbers inside the input, messages
 * are well formed. (Written because the shared test/support/conformance.ts did not exist yet.)
 */
import { render } from '../../../src/i18n/message.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Importer } from '../../../src/importers/importer.js';
import { OPTIONS, decoded } from './support.js';

export const JUNK: readonly string[] = [
  '\u0000\u0001\u0002\u00ff\ufffd\ufffd',
  'just one line of prose without any structure。',
  '<!DOCTYPE html><html><body><p>no messages here</p></body></html>',
  '{}',
  '[1, 2, 3]',
  '{"a":'.repeat(10_000),
  '['.repeat(100_000),
  '<div>'.repeat(20_000),
  'PK\u0003\u0004\u0014\u0000\u0006\u0000',
];

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;

export function contractChecks(importer: Importer, samples: readonly { readonly text: string; readonly name: string }[]): void {
  describe(`${importer.format}: importer contract`, () => {
    it('parses each sample the same way twice, with well-formed messages and warnings', () => {
      for (const sample of samples) {
        const input = decoded(sample.text, sample.name);
        const first = importer.parse(input, OPTIONS);
        expect(importer.parse(input, OPTIONS)).toEqual(first);
        expect(importer.sniff(input)).toEqual(importer.sniff(input));
        if (!first.ok) continue;
        const lineCount = sample.text.split(/\r\n|\r|\n/).length;
        for (const w of first.result.warnings) {
          expect(w.line === null || (Number.isInteger(w.line) && w.line >= 1 && w.line <= lineCount), `warning line ${String(w.line)}`).toBe(true);
        }
        for (const m of first.result.messages) {
          expect(m.sentAt).toMatch(ISO_WITH_OFFSET);
          expect(m.body.includes('\r')).toBe(false);
          expect(['text', 'media', 'call', 'system', 'unsent']).toContain(m.kind);
        }
      }
    });

    it('refuses junk with { ok: false } and a message, never a throw', () => {
      for (const junk of JUNK) {
        const outcome = importer.parse(decoded(junk, 'junk.bin'), OPTIONS);
        expect(outcome.ok, junk.slice(0, 40)).toBe(false);
        if (!outcome.ok) expect(outcome.error.message.length).toBeGreaterThan(10);
        const sniff = importer.sniff(decoded(junk, 'junk.bin'));
        expect(sniff.confidence).toBeLessThan(0.5);
      }
    });

    it('never throws on arbitrary text, and sniff stays within 0..1', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
          const input = decoded(text, 'any.txt');
          const sniff = importer.sniff(input);
          importer.parse(input, OPTIONS);
          return sniff.confidence >= 0 && sniff.confidence <= 1 && render('en', sniff.reason) !== '' && render('ja', sniff.reason) !== '';
        }),
        { numRuns: 300 },
      );
    });
  });
}
