/**
 * The LINE importer's streamed parse (docs/performance.md): an import into a new room stores the messages as
 * they are made instead of holding them all. Every pass must make exactly the messages `parse`
 * gives, and the warnings found on the way must complete `parse`'s warnings; goldens and generated
 * exports in every variant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message, Warning } from '../../../src/core/types.js';
import { decodeInput } from '../../../src/importers/decode.js';
import { detectFormat } from '../../../src/importers/detect.js';
import { streamedParse, type DecodedInput, type ParseOptions, type StreamedParse } from '../../../src/importers/importer.js';
import { importers } from '../../../src/importers/registry.js';
import { lancersImporter } from '../../../src/importers/lancers/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineImporter } from '../../../src/importers/line/index.js';
import { conversationArb } from '../../support/arbitraries.js';
import { DEFAULT_OPTIONS } from '../../support/conformance.js';
import { LINE_VARIANTS, isDesktop, renderLine } from '../../support/line-render.js';
import { caseBytes, caseNames, caseOptions } from './cases.js';

function pass(streamed: StreamedParse): { messages: Message[]; making: Warning[] } {
  const making: Warning[] = [];
  const messages = [...streamed.messages.each(making)];
  return { messages, making };
}

/** Two passes over the stream, each checked against the whole parse; the first pass's warnings. */
function expectSameAsParse(bytes: Uint8Array, options: ParseOptions): Warning[] | null {
  const input = decodeInput(bytes, 'input.txt');
  const whole = lineImporter.parse(input, options);
  const streamed = lineImporter.stream!(input, options);
  expect(streamed.ok).toBe(whole.ok);
  if (!whole.ok || !streamed.ok) return null;
  const first = pass(streamed.result);
  const second = pass(streamed.result);
  expect(first.messages).toEqual(whole.result.messages);
  expect(second.messages).toEqual(whole.result.messages);
  expect(second.making).toEqual(first.making);
  expect(streamed.result.warningsWith(first.making)).toEqual(whole.result.warnings);
  expect(streamed.result.messages.max).toBeGreaterThanOrEqual(first.messages.length);
  const { messages: _m, warnings: _w, ...rest } = whole.result;
  const { messages: _s, warningsWith: _f, ...streamedRest } = streamed.result;
  expect(streamedRest).toEqual(rest);
  return first.making;
}

describe('LINE streamed parse: each pass makes what parse gives', () => {
  it('every golden case, and some find warnings only while making the messages', () => {
    const withMaking: string[] = [];
    for (const name of caseNames()) {
      const making = expectSameAsParse(caseBytes(name), { ...DEFAULT_OPTIONS, ...caseOptions(name) });
      if (making !== null && making.length > 0) withMaking.push(name);
    }
    // 午前12:xx notes and desktop names guessed: the warnings the CLI prints after storing.
    expect(withMaking).toEqual(expect.arrayContaining(['12h-midnight', 'desktop-name-with-space-and-member-hint']));
  });

  for (const variant of LINE_VARIANTS) {
    it(`generated exports, ${variant}`, () => {
      const arb = fc.record({
        conversation: conversationArb({ withUnsent: true }),
        header: fc.boolean(),
        tz: fc.constantFrom('Asia/Tokyo', 'America/New_York'),
      });
      fc.assert(
        fc.property(arb, ({ conversation, header, tz }) => {
          const text = renderLine(conversation, { variant, eol: '\n', lfInsideQuotes: false, header });
          expectSameAsParse(new TextEncoder().encode(text), { tz, members: isDesktop(variant) ? conversation.members : [], roomTitle: null });
        }),
        { numRuns: Number(process.env['RUNS'] ?? 40) },
      );
    });
  }
});

/** The input as decodeInput gives valid UTF-8, except that reading its whole text fails the test. */
function textNeverMade(input: DecodedInput): DecodedInput {
  const { bytes, utf8, encoding, name, decodeWarnings } = input;
  if (utf8 === undefined) throw new Error('not read as UTF-8');
  return {
    bytes,
    utf8,
    encoding,
    name,
    decodeWarnings,
    get text(): string {
      throw new Error('the whole text was made');
    },
  };
}

/** The same input as a decoded text only, as every reader had it before `utf8`. */
function textOnly(input: DecodedInput): DecodedInput {
  const { bytes, text, encoding, name, decodeWarnings } = input;
  return { bytes, text, encoding, name, decodeWarnings };
}

/** What `--format auto` picks, or null where nothing reads the input. */
function detected(input: DecodedInput): unknown {
  try {
    return detectFormat(input, importers, 'input.txt').importer;
  } catch {
    return null;
  }
}

/** Detected and parsed from the bytes line by line, never making the text, exactly as from the text. */
function expectSameFromBytes(bytes: Uint8Array, options: ParseOptions): void {
  // Any size stays bytes here: the CLI keeps inputs from LAZY_TEXT_FROM (8 MiB) so.
  const decoded = decodeInput(bytes, 'input.txt', 0);
  const lazy = textNeverMade(decoded);
  const eager = textOnly(decoded);
  expect(detected(lazy)).toBe(detected(eager));
  expect(lineImporter.parse(lazy, options)).toEqual(lineImporter.parse(eager, options));
}

describe('LINE read from UTF-8 bytes line by line (docs/performance.md: the whole text is never made)', () => {
  it('every golden case in UTF-8 that --format auto reads as LINE', () => {
    let read = 0;
    for (const name of caseNames()) {
      const decoded = decodeInput(caseBytes(name), 'input.txt', 0);
      if (decoded.utf8 === undefined || detected(textOnly(decoded)) !== lineImporter) continue;
      expectSameFromBytes(caseBytes(name), { ...DEFAULT_OPTIONS, ...caseOptions(name) });
      read++;
    }
    expect(read).toBeGreaterThan(20);
  });

  for (const variant of LINE_VARIANTS) {
    it(`generated exports, ${variant}, with CRLF records and LF inside quotes`, () => {
      const arb = fc.record({ conversation: conversationArb({ withUnsent: true }), eol: fc.constantFrom('\n', '\r\n'), lfInsideQuotes: fc.boolean() });
      fc.assert(
        fc.property(arb, ({ conversation, eol, lfInsideQuotes }) => {
          const text = renderLine(conversation, { variant, eol, lfInsideQuotes, header: true });
          expectSameFromBytes(new TextEncoder().encode(text), { ...DEFAULT_OPTIONS, members: isDesktop(variant) ? conversation.members : [] });
        }),
        { numRuns: Number(process.env['RUNS'] ?? 25) },
      );
    });
  }
});

describe('streamedParse of an importer without a stream', () => {
  it('is its whole parse: the list as the stream, every warning before any pass', () => {
    const input = decodeInput(readFileSync(join('test', 'fixtures', 'lancers', 'name-before-time-one-line', 'input.txt')), 'input.txt');
    expect(lancersImporter.stream).toBeUndefined();
    const whole = lancersImporter.parse(input, DEFAULT_OPTIONS);
    const streamed = streamedParse(lancersImporter, input, DEFAULT_OPTIONS);
    if (!whole.ok || !streamed.ok) throw new Error('the sample should parse');
    const { messages, making } = pass(streamed.result);
    expect(messages).toEqual(whole.result.messages);
    expect(messages.length).toBeGreaterThan(0);
    expect(making).toEqual([]);
    expect(streamed.result.warningsWith([])).toEqual(whole.result.warnings);
  });
});
