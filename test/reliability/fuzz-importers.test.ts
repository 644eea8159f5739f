/**
 * Hostile bytes (docs/design/layout.md habit 4: "never throws on junk"): every importer of the registry gets
 * random bytes and mutated golden fixtures. Each must answer `{ ok: false, error: InputError }` or
 * a well-formed result, the same one twice; through the CLI the same inputs end in 0, 2 or 3,
 * never 1 (an internal error) — whatever the format option and the confirmation answer.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalMessage } from '../../src/core/canonical.js';
import { InputError } from '../../src/core/errors.js';
import { decodeInput } from '../../src/importers/decode.js';
import type { DecodedInput, Importer, ParseOutcome } from '../../src/importers/importer.js';
import { importers } from '../../src/importers/registry.js';
import { render } from '../../src/i18n/message.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { expectVerifies } from './support/inspect.js';
import { FIXTURES, golden, mutatedFixture, randomBytes } from './support/mutations.js';
import { reportNumbers } from './support/random.js';

const KINDS = new Set(['text', 'media', 'call', 'system', 'unsent']);
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const OPTIONS = [
  { tz: 'Asia/Tokyo', members: [], roomTitle: null },
  { tz: 'Asia/Tokyo', members: ['佐藤花子', '山田太郎'], roomTitle: 'ファズ' },
] as const;

/** The contract of importer.ts: an InputError, or a result whose every part has its documented shape. */
function expectWellFormed(importer: Importer, outcome: ParseOutcome): void {
  if (!outcome.ok) {
    expect(outcome.error).toBeInstanceOf(InputError);
    expect(outcome.error.message.length).toBeGreaterThan(0);
    return;
  }
  const r = outcome.result;
  expect(r.format).toBe(importer.format);
  expect(r.source).toBe(importer.source);
  expect(['full', 'window']).toContain(r.coverage);
  for (const m of r.messages) {
    expect(KINDS.has(m.kind), `kind ${m.kind}`).toBe(true);
    expect(typeof m.body).toBe('string');
    expect(m.sentAt).toMatch(OFFSET_TIME);
    // Storable: the canonical form (RFC 8785) exists, which needs well-formed text (no lone surrogate).
    expect(() => canonicalMessage(m), JSON.stringify(m.body.slice(0, 80))).not.toThrow();
  }
  for (const w of r.warnings) {
    // A plain string, or a catalog phrase (src/i18n) that writes out in both languages.
    for (const lang of ['en', 'ja'] as const) expect(render(lang, w.message).length).toBeGreaterThan(0);
    if (w.line !== null) expect(Number.isInteger(w.line) && w.line >= 1, `warning line ${w.line}`).toBe(true);
  }
}

let cases = 0;
let parsedOk = 0;
let refusedByDecoder = 0;

/** Sniff and parse with every importer; the outcome must be well-formed and deterministic. */
function checkImporters(decoded: DecodedInput): void {
  for (const importer of importers) {
    const sniff = importer.sniff(decoded);
    expect(sniff.confidence).toBeGreaterThanOrEqual(0);
    expect(sniff.confidence).toBeLessThanOrEqual(1);
    for (const options of OPTIONS) {
      const first = importer.parse(decoded, options);
      expectWellFormed(importer, first);
      if (first.ok) parsedOk++;
      // Pure and deterministic: the same bytes and options give the same outcome.
      expect(JSON.stringify(importer.parse(decoded, options))).toBe(JSON.stringify(first));
      cases++;
    }
  }
}

/**
 * Through decode.ts, as the CLI does: the decoder may refuse (binary, NUL) only with an
 * InputError. Then once more with the bytes read as lossy UTF-8 and handed over as they are, so
 * the importers also meet what the decoder would have kept from them (NULs, U+FFFD, lone CRs).
 */
function checkEveryImporter(input: { name: string; bytes: Buffer }): void {
  let decoded: DecodedInput | null = null;
  try {
    decoded = decodeInput(input.bytes, input.name);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    refusedByDecoder++;
  }
  if (decoded) checkImporters(decoded);
  checkImporters({ bytes: input.bytes, text: new TextDecoder('utf-8').decode(input.bytes), encoding: 'utf-8', name: input.name, decodeWarnings: [] });
}

/** CHATPROOF_FUZZ_SCALE=N runs N times as many cases (by hand; docs/reliability.md gives a ×20 run). */
const SCALE = Math.max(1, Math.floor(Number(process.env['CHATPROOF_FUZZ_SCALE'] ?? '1')) || 1);
const RANDOM_RUNS = 400 * SCALE;
const MUTATED_RUNS = 1_200 * SCALE;
const CLI_RUNS = 200 * SCALE;

describe('fuzzing every importer in the registry', () => {
  afterAll(() =>
    reportNumbers('fuzz', {
      importers: importers.map((i) => i.format),
      goldenInputs: golden.length,
      parseCases: cases,
      parsedOk,
      refusedByDecoder,
      cliRuns: CLI_RUNS,
    }),
  );

  it('has golden inputs of every source to mutate', () => {
    const sources = new Set(golden.map((g) => relative(FIXTURES, g.path).split('/')[0]));
    for (const s of ['line', 'chatwork', 'crowdworks', 'lancers']) expect(sources).toContain(s);
  });

  it(`random bytes (${RANDOM_RUNS} inputs × every importer): never a throw, an InputError or a well-formed result`, () => {
    fc.assert(
      fc.property(randomBytes, (input) => checkEveryImporter(input)),
      { numRuns: RANDOM_RUNS },
    );
  });

  it(`mutated golden fixtures (${MUTATED_RUNS} inputs × every importer): never a throw, an InputError or a well-formed result`, () => {
    fc.assert(
      fc.property(mutatedFixture(6), (input) => checkEveryImporter(input)),
      { numRuns: MUTATED_RUNS },
    );
  });

  it(
    `through the CLI (${CLI_RUNS} imports): exit 0, 2 or 3, never an internal error, and the archive verifies`,
    async () => {
      const tmp = tempArchive();
      try {
        const formats = ['auto', ...importers.map((i) => i.format)];
        const arg = fc.record({
          // Few mutations and mostly `auto`, so that a good share of the runs get as far as the archive.
          input: fc.oneof({ weight: 1, arbitrary: randomBytes }, { weight: 4, arbitrary: mutatedFixture(2) }),
          format: fc.oneof({ weight: 3, arbitrary: fc.constant('auto') }, { weight: 2, arbitrary: fc.constantFrom(...formats) }),
          yes: fc.boolean(),
          room: fc.boolean(),
        });
        let n = 0;
        const codes: Record<number, number> = {};
        await fc.assert(
          fc.asyncProperty(arg, async ({ input, format, yes, room }) => {
            const file = join(tmp.dir, `${n++}-${input.name}`);
            writeFileSync(file, input.bytes);
            const r = await cli(['import', file, '--db', tmp.db, '--format', format, ...(yes ? ['--yes'] : []), ...(room ? ['--room', 'ファズ'] : [])]);
            codes[r.code] = (codes[r.code] ?? 0) + 1;
            expect(r.stderr).not.toMatch(/internal error/);
            expect([0, 2, 3], r.stderr).toContain(r.code);
            if (r.code !== 0) expect(r.stderr).toMatch(/^chatproof: /m);
          }),
          { numRuns: CLI_RUNS },
        );
        reportNumbers('fuzz-cli', { runs: CLI_RUNS, exitCodes: codes });
        if (codes[0] !== undefined) await expectVerifies(tmp.db);
      } finally {
        tmp.cleanup();
      }
    },
    60_000 * SCALE,
  );
});
