/**
 * The importer contract (src/importers/importer.ts, docs/design/layout.md habit 4): the one suite
 * every importer runs. It checks, through decodeInput as the CLI reads files: deterministic parses
 * and sniffs; well-formed messages; bodies byte-exact (the samples state them); warnings with line
 * numbers inside the input (and exactly the lines a sample names); junk (random bytes, empty, PNG,
 * ZIP, NUL bytes, huge lines, HTML with no messages, JSON of the wrong shape, deep nesting…)
 * refused with an InputError that says what to do and sniffed below 0.5, never a throw; damaged
 * samples and arbitrary text never throw, and sniff stays within 0..1 with a reason in both languages.
 *
 * A new importer adopts it with one call in its test folder (as test/importers/line/conformance.test.ts does):
 *
 *   importerConformance(myImporter, [
 *     fixtureSample('test/fixtures/<source>/<case>/input.txt', ['first body', 'second body'], { warningLines: [7] }),
 *   ]);
 *
 * giving at least one sample per input shape it reads (paste, saved HTML, export file…), each with
 * every body written out by hand from the input, so a body that loses a space or a quote fails here.
 * Junk that its FORMAT.md defines as a valid input is named in `{ reads: [...] }`, with the reason.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { render } from '../../src/i18n/message.js';
import { decodeInput } from '../../src/importers/decode.js';
import { splitLines } from '../../src/importers/lines.js';
import type { DecodedInput, Importer, ParseOptions, ParseOutcome } from '../../src/importers/importer.js';

export const DEFAULT_OPTIONS: ParseOptions = { tz: 'Asia/Tokyo', members: [], roomTitle: null };

export interface ConformanceSample {
  /** Shown in failures. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Passed to decodeInput as the file name (default `input.txt`). */
  readonly fileName?: string;
  readonly options?: Partial<ParseOptions>;
  /** Every message body the sample gives, in order, byte for byte (leading/trailing spaces included). */
  readonly bodies: readonly string[];
  /** The lines the warnings name, in order; omitted: only checked to lie inside the input. */
  readonly warningLines?: readonly number[];
}

/** A sample read from a fixture file; the file name given to decodeInput is the fixture's own unless `fileName` says otherwise. */
export function fixtureSample(
  path: string,
  bodies: readonly string[],
  more: Partial<Pick<ConformanceSample, 'fileName' | 'options' | 'warningLines'>> = {},
): ConformanceSample {
  return { name: path, bytes: readFileSync(path), fileName: basename(path), bodies, warningLines: [], ...more };
}

/** Decodes as the CLI does, then parses. A decode refusal is an `{ ok: false }` like any other. */
export function decodeAndParse(importer: Importer, bytes: Uint8Array, fileName: string | null, options: Partial<ParseOptions> = {}): ParseOutcome {
  let input: DecodedInput;
  try {
    input = decodeInput(bytes, fileName);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: e };
    throw e;
  }
  return importer.parse(input, { ...DEFAULT_OPTIONS, ...options });
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Inputs no importer may accept. */
export const JUNK: readonly { readonly name: string; readonly bytes: Uint8Array }[] = [
  { name: 'empty', bytes: new Uint8Array(0) },
  { name: 'only blank lines', bytes: utf8('\n\r\n  \n') },
  { name: 'PNG header', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
  { name: 'ZIP header', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]) },
  { name: 'PDF header', bytes: utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n') },
  { name: 'NUL bytes in text', bytes: utf8('hello\u0000world\n2024/03/01(金)\n09:05\tA\u0000\tB\n') },
  { name: 'prose', bytes: utf8('買い物メモ\n牛乳\n卵\nThis is just a note, not a chat.\n') },
  { name: 'huge line', bytes: utf8('a'.repeat(2_000_000)) },
  { name: 'huge line of clock-like text', bytes: utf8('12:34 '.repeat(300_000)) },
  { name: 'huge line of quotes and tabs', bytes: utf8('"\t'.repeat(500_000)) },
  { name: 'control characters', bytes: utf8('\u0000\u0001\u0002\u00ff\ufffd\ufffd') },
  { name: 'one line of prose', bytes: utf8('just one line of prose without any structure。') },
  { name: 'HTML with no messages', bytes: utf8('<!DOCTYPE html><html><body><p>no messages here</p></body></html>') },
  { name: 'JSON object', bytes: utf8('{}') },
  { name: 'JSON array of numbers', bytes: utf8('[1, 2, 3]') },
  { name: 'deeply nested unfinished JSON objects', bytes: utf8('{"a":'.repeat(10_000)) },
  { name: 'deeply nested unfinished JSON arrays', bytes: utf8('['.repeat(100_000)) },
  { name: 'deeply nested HTML', bytes: utf8('<div>'.repeat(20_000)) },
  ...fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4096 }), { numRuns: 16, seed: 4242 }).map((bytes, i) => ({ name: `random bytes #${i}`, bytes })),
];

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;
const KINDS = ['text', 'media', 'call', 'system', 'unsent'];

/** Byte-level damage: flip, drop, duplicate or insert bytes, or cut the input short. */
export type Mutation =
  | { readonly op: 'flip'; readonly at: number; readonly value: number }
  | { readonly op: 'drop' | 'repeat'; readonly at: number; readonly length: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly op: 'cut'; readonly at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('drop' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.constantFrom(...['\t', '"', '\r\n', '\n', '""', '2024/03/01(金)\n', '24:00\t', '午前12:00\t', '\u2068', '\uFEFF'].map(utf8)),
  }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
);

export function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Array.from(bytes);
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.op === 'flip') out[at] = m.value;
    else if (m.op === 'drop') out.splice(at, m.length);
    else if (m.op === 'repeat') out.splice(at, 0, ...out.slice(at, at + m.length));
    else if (m.op === 'insert') out.splice(at, 0, ...m.bytes);
    else out = out.slice(0, at);
  }
  return Uint8Array.from(out);
}

export interface ConformanceOptions {
  /** Names of JUNK inputs the importer's FORMAT.md defines as valid (chatwork-json: an empty body is the API's 204); they must still never throw. */
  readonly reads?: readonly string[];
}

export function importerConformance(importer: Importer, samples: readonly ConformanceSample[], { reads = [] }: ConformanceOptions = {}): void {
  const run = (s: ConformanceSample): ParseOutcome => decodeAndParse(importer, s.bytes, s.fileName ?? 'input.txt', s.options);

  describe(`${importer.format}: importer conformance`, () => {
    it('gives the same result and the same sniff for the same input, every time', () => {
      for (const s of samples) {
        expect(JSON.stringify(run(s)), s.name).toBe(JSON.stringify(run(s)));
        const input = decodeInput(s.bytes, s.fileName ?? 'input.txt');
        expect(importer.sniff(input), s.name).toEqual(importer.sniff(input));
      }
    });

    it('parses every sample, with well-formed messages of its own format', () => {
      for (const s of samples) {
        const outcome = run(s);
        expect(outcome.ok, `${s.name}: ${outcome.ok ? '' : outcome.error.message}`).toBe(true);
        if (!outcome.ok) continue;
        expect(outcome.result.format).toBe(importer.format);
        expect(outcome.result.source).toBe(importer.source);
        for (const m of outcome.result.messages) {
          expect(m.sentAt, s.name).toMatch(ISO_WITH_OFFSET);
          expect(KINDS, s.name).toContain(m.kind);
          expect(m.sender === null || m.sender !== '', `${s.name}: a sender is a name or null`).toBe(true);
        }
      }
    });

    it('keeps bodies byte-exact, line endings as \\n', () => {
      for (const s of samples) {
        const outcome = run(s);
        const bodies = outcome.ok ? outcome.result.messages.map((m) => m.body) : [];
        expect(bodies, s.name).toEqual(s.bodies);
        for (const b of bodies) expect(b.includes('\r\n'), `${s.name}: CRLF in ${JSON.stringify(b)}`).toBe(false);
      }
    });

    it('gives every warning a line number inside the input', () => {
      for (const s of samples) {
        const outcome = run(s);
        if (!outcome.ok) continue;
        const lineCount = splitLines(decodeInput(s.bytes, null).text).length;
        const lines = outcome.result.warnings.map((w) => w.line);
        for (const line of lines)
          expect(line !== null && Number.isInteger(line) && line >= 1 && line <= lineCount, `${s.name}: warning line ${String(line)}`).toBe(true);
        if (s.warningLines) expect(lines, s.name).toEqual(s.warningLines);
      }
    });

    it('refuses junk with { ok: false } and an InputError that says what to do, and does not claim it, never a throw', () => {
      for (const junk of JUNK) {
        // No clock here: a parser that backtracks without bound on junk hangs past vitest's
        // testTimeout, and speed itself is the benchmark's to measure (npm run bench).
        const outcome = decodeAndParse(importer, junk.bytes, 'junk.bin');
        if (reads.includes(junk.name)) continue;
        expect(outcome.ok, junk.name).toBe(false);
        if (outcome.ok) continue;
        expect(outcome.error, junk.name).toBeInstanceOf(InputError);
        expect(outcome.error.message.length, junk.name).toBeGreaterThan(20);
        expect(outcome.error.hint, junk.name).toBeTruthy();
        const input = decodeJunk(junk.bytes);
        if (input !== null) expect(importer.sniff(input).confidence, `${junk.name}: sniffed`).toBeLessThan(0.5);
      }
    });

    it('never throws on damaged samples, and sniff stays within 0..1', () => {
      if (samples.length === 0) return;
      fc.assert(
        fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (which, mutations) => {
          const bytes = mutate(samples[which]!.bytes, mutations);
          decodeAndParse(importer, bytes, 'input.txt', samples[which]!.options);
          const input = decodeJunk(bytes, 'input.txt');
          if (input === null) return;
          const sniff = importer.sniff(input);
          expect(sniff.confidence).toBeGreaterThanOrEqual(0);
          expect(sniff.confidence).toBeLessThanOrEqual(1);
          expectReason(sniff.reason);
        }),
        { numRuns: 300, seed: 20240301 },
      );
    });

    // Handed over as text, past decodeInput's refusals (NUL bytes, lone surrogates…): an importer must not rely on them.
    it('never throws on arbitrary text, and sniff stays within 0..1', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
          const input: DecodedInput = { bytes: utf8(text), text, encoding: 'utf-8', name: 'any.txt', decodeWarnings: [] };
          importer.parse(input, DEFAULT_OPTIONS);
          const sniff = importer.sniff(input);
          expect(sniff.confidence).toBeGreaterThanOrEqual(0);
          expect(sniff.confidence).toBeLessThanOrEqual(1);
          expectReason(sniff.reason);
        }),
        { numRuns: 300, seed: 20240302 },
      );
    });
  });
}

/** The input as the CLI would hand it to an importer, or null where decoding already refuses it. */
function decodeJunk(bytes: Uint8Array, fileName = 'junk.bin'): DecodedInput | null {
  try {
    return decodeInput(bytes, fileName);
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}

/** Why an importer claims an input (or not) is shown to the user: it must say something in both languages. */
function expectReason(reason: Parameters<typeof render>[1]): void {
  expect(render('en', reason)).not.toBe('');
  expect(render('ja', reason)).not.toBe('');
}
