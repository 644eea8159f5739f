/**
 * Fuzz: every golden input, damaged at the line level (lines dropped, repeated, swapped, LINE-ish
 * lines inserted) and at the byte level, never makes the importer throw; what it accepts stays
 * well formed (ISO times, bodies without CRLF, warnings on lines that exist).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../../src/importers/lines.js';
import { lineImporter } from '../../../src/importers/line/index.js';
import { decodeAndParse, mutate } from '../../support/conformance.js';
import { caseBytes, caseNames, caseOptions } from './cases.js';

const NAMES = caseNames();
const INSERTS = [
  '',
  '"',
  '""',
  '2024/03/01(金)',
  '2024/02/29(木)',
  '2021.01.01 金曜日',
  'Tue, 1/6/2026',
  '10:00\tA\t"x',
  '10:00\t\tA joined the group.',
  '午前12:00\tA\thi',
  '24:59\tB\t',
  '12:34 A B C',
  '10:00\tA',
  'x"',
];

const lineEdit = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), line: fc.constantFrom(...INSERTS) }),
);

describe('LINE fuzz', () => {
  it('never throws on damaged golden inputs, and keeps what it accepts well formed', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(lineEdit, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (name, edits, eol) => {
        const lines = new TextDecoder().decode(caseBytes(name)).split(/\r?\n/);
        for (const e of edits) {
          const at = lines.length === 0 ? 0 : e.at % lines.length;
          if (e.op === 'drop') lines.splice(at, 1);
          else if (e.op === 'repeat') lines.splice(at, 0, lines[at] ?? '');
          else if (e.op === 'swap' && at + 1 < lines.length) [lines[at], lines[at + 1]] = [lines[at + 1]!, lines[at]!];
          else if (e.op === 'insert') lines.splice(at, 0, e.line);
        }
        const text = lines.join(eol);
        const outcome = decodeAndParse(lineImporter, encoder.encode(text), 'input.txt', caseOptions(name));
        if (!outcome.ok) return;
        const count = splitLines(text).length;
        for (const w of outcome.result.warnings) expect(w.line !== null && w.line >= 1 && w.line <= count).toBe(true);
        for (const m of outcome.result.messages) {
          expect(m.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
          expect(m.body.includes('\r\n')).toBe(false);
        }
      }),
      { numRuns: 1000, seed: 42 },
    );
  });

  it('never throws on byte-damaged golden inputs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (name, flips) => {
        decodeAndParse(
          lineImporter,
          mutate(
            caseBytes(name),
            flips.map(([at, value]) => ({ op: 'flip', at, value })),
          ),
          'input.txt',
          caseOptions(name),
        );
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
