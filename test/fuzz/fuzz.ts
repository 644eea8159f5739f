/**
 * The long fuzz run's engine (`npm run fuzz`, docs/reliability.md): generated inputs through one
 * importer's parser, as the CLI hands them over (decode.ts first), with every outcome counted. An
 * input is generated from (seed, importer, batch, index) alone, so a run resumes at any batch and
 * a failing input is replayed from its coordinates.
 */
import fc from 'fast-check';
import { canonicalMessage } from '../../src/core/canonical.js';
import { InputError } from '../../src/core/errors.js';
import { render } from '../../src/i18n/message.js';
import { decodeInput } from '../../src/importers/decode.js';
import type { DecodedInput, Importer, ParseOptions } from '../../src/importers/importer.js';
import { golden, mutatedFixture, randomBytes, type FuzzInput } from '../reliability/support/mutations.js';

export interface Counts {
  inputs: number;
  /** The parser gave a result: messages (and perhaps warnings). */
  parsed: number;
  messages: number;
  /** The parser refused with an InputError (exit 3 through the CLI). */
  refused: number;
  /** decode.ts refused the bytes (binary, NUL) before any parser saw them. */
  decoderRefused: number;
  /** Anything else: a throw, a refusal that is no InputError, a message that cannot be stored, a warning without words or line, two parses that differ. A bug. */
  internal: number;
}

export const noCounts = (): Counts => ({ inputs: 0, parsed: 0, messages: 0, refused: 0, decoderRefused: 0, internal: 0 });

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    inputs: a.inputs + b.inputs,
    parsed: a.parsed + b.parsed,
    messages: a.messages + b.messages,
    refused: a.refused + b.refused,
    decoderRefused: a.decoderRefused + b.decoderRefused,
    internal: a.internal + b.internal,
  };
}

export interface Failure {
  readonly importer: string;
  readonly batch: number;
  readonly index: number;
  readonly why: string;
}

const OPTIONS: readonly ParseOptions[] = [
  { tz: 'Asia/Tokyo', members: [], roomTitle: null },
  { tz: 'Asia/Tokyo', members: ['佐藤花子', '山田太郎'], roomTitle: 'ファズ' },
];

/** The importer's own fixtures are mutated four times in five; random bytes and the others' fixtures the rest. */
function inputsFor(importer: Importer): fc.Arbitrary<FuzzInput> {
  const own = golden.flatMap((g, i) => (g.path.split(/[\\/]/).includes(importer.source) ? [i] : []));
  return fc.oneof(
    { weight: 4, arbitrary: own.length > 0 ? mutatedFixture(6, own) : mutatedFixture(6) },
    { weight: 1, arbitrary: mutatedFixture(6) },
    { weight: 1, arbitrary: randomBytes },
  );
}

/** A batch's own seed: batches are independent, so any of them can be run (or rerun) alone. */
function batchSeed(seed: number, importer: string, batch: number): number {
  let h = seed ^ 0x9e3779b9;
  for (const c of `${importer}#${batch}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h | 0;
}

export function batchInputs(importer: Importer, seed: number, batch: number, size: number): FuzzInput[] {
  return fc.sample(inputsFor(importer), { seed: batchSeed(seed, importer.format, batch), numRuns: size });
}

function why(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300);
}

/** One parse, counted; a bug is returned as its reason. `recheck`: parse again and compare (determinism). */
function parseOne(importer: Importer, decoded: DecodedInput, options: ParseOptions, counts: Counts, recheck: boolean): string | null {
  let outcome;
  try {
    outcome = importer.parse(decoded, options);
  } catch (e) {
    return `threw ${why(e)}`;
  }
  if (!outcome.ok) {
    if (!(outcome.error instanceof InputError)) return `refused with ${why(outcome.error)}`;
    counts.refused++;
  } else {
    for (const m of outcome.result.messages) {
      try {
        canonicalMessage(m);
      } catch (e) {
        return `a message that cannot be stored: ${why(e)}`;
      }
    }
    for (const w of outcome.result.warnings) {
      if (render('en', w.message).length === 0 || render('ja', w.message).length === 0) return 'a warning without words';
      if (w.line !== null && !(Number.isInteger(w.line) && w.line >= 1)) return `a warning on line ${w.line}`;
    }
    counts.parsed++;
    counts.messages += outcome.result.messages.length;
  }
  if (recheck && JSON.stringify(importer.parse(decoded, options)) !== JSON.stringify(outcome)) return 'two parses of the same bytes differ';
  return null;
}

/** Runs one batch of one importer; `failures` gets the coordinates of every bug found. */
export function runBatch(importer: Importer, seed: number, batch: number, size: number, failures: Failure[]): Counts {
  const counts = noCounts();
  batchInputs(importer, seed, batch, size).forEach((input, index) => {
    counts.inputs++;
    let decoded: DecodedInput;
    try {
      decoded = decodeInput(input.bytes, input.name);
    } catch (e) {
      if (e instanceof InputError) counts.decoderRefused++;
      else {
        counts.internal++;
        failures.push({ importer: importer.format, batch, index, why: `decode threw ${why(e)}` });
      }
      return;
    }
    const bug = parseOne(importer, decoded, OPTIONS[index % OPTIONS.length]!, counts, index % 50 === 0);
    if (bug !== null) {
      counts.internal++;
      failures.push({ importer: importer.format, batch, index, why: bug });
    }
  });
  return counts;
}
