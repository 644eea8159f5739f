/**
 * Hostile bytes (style.md habit 4: "never throws on junk"): every importer of the registry gets
 * random bytes and mutated golden fixtures. Each must answer `{ ok: false, error: InputError }` or
 * a well-formed result, the same one twice; through the CLI the same inputs end in 0, 2 or 3,
 * never 1 (an internal error) — whatever the format option and the confirmation answer.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalMessage } from '../../src/core/canonical.js';
import { InputError } from '../../src/core/errors.js';
import { decodeInput } from '../../src/importers/decode.js';
import type { DecodedInput, Importer, ParseOutcome } from '../../src/importers/importer.js';
import { importers } from '../../src/importers/registry.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { expectVerifies } from './support/inspect.js';
import { reportNumbers } from './support/random.js';

const FIXTURES = join('test', 'fixtures');

/** Every input a golden test reads: `input.*` in case folders, and the loose sample files. */
function goldenInputs(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return goldenInputs(p);
    return /^expected\.|\.md$/i.test(e.name) ? [] : [p];
  });
}

const golden = goldenInputs().map((path) => ({ path, bytes: readFileSync(path) }));

/** Byte strings that sit on the grammar's edges: separators, quotes, markup, bad UTF-8, BOMs, NUL. */
const TOKENS: readonly Uint8Array[] = [
  '\t', '\t\t', '\r\n', '\n', '\r', '"', '""', '\0', '[qt]', '[/qt]', '[info][title]', '{', '}', '[', ']', ',', '"message_id":',
  '"send_time":', '2024/13/45(金)', '2024/03/01(金)', '25:61', '午後', '午前12:00', '[LINE] ', 'とのトーク履歴', '保存日時：',
  '\\ud800', '\\udc00x', '\u2068', '\u2069', '\uFEFF', '<div class="message">', '</div>', '&amp;', '𠮷', '1e999', '-0', '9007199254740993',
].map((s) => new Uint8Array(Buffer.from(s, 'utf8'))).concat([
  [0xff], [0xfe, 0xff], [0xff, 0xfe], [0xef, 0xbb, 0xbf], [0xc3, 0x28], [0xe3, 0x81], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x82, 0xa0],
  [0x00, 0xd8], [0x00, 0xdc], // half a surrogate pair in UTF-16LE
].map((b) => new Uint8Array(b)));

type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'token'; at: number; token: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'splice'; at: number; from: number; start: number; len: number };

const anyFrac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
/** A position as a share of the input's length: biased to the edges half the time (headers, last lines), uniform otherwise. */
const frac = fc.oneof(anyFrac, fc.noBias(anyFrac));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: frac, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: frac, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ op: fc.constant('token' as const), at: frac, token: fc.nat(TOKENS.length - 1) }),
  fc.record({ op: fc.constant('delete' as const), at: frac, len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: frac, len: fc.integer({ min: 1, max: 256 }), to: frac }),
  fc.record({ op: fc.constant('truncate' as const), at: frac }),
  fc.record({ op: fc.constant('splice' as const), at: frac, from: fc.nat(golden.length - 1), start: frac, len: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(input: Buffer, ops: readonly Mutation[]): Buffer {
  let b = input;
  for (const m of ops) {
    const at = Math.floor(m.at * (b.length + 1));
    switch (m.op) {
      case 'flip': if (b.length > 0) { b = Buffer.from(b); b[Math.min(at, b.length - 1)] = m.byte; } break;
      case 'insert': b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]); break;
      case 'token': b = Buffer.concat([b.subarray(0, at), TOKENS[m.token]!, b.subarray(at)]); break;
      case 'delete': b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]); break;
      case 'duplicate': {
        const piece = b.subarray(at, at + m.len);
        const to = Math.floor(m.to * (b.length + 1));
        b = Buffer.concat([b.subarray(0, to), piece, b.subarray(to)]);
        break;
      }
      case 'truncate': b = b.subarray(0, at); break;
      case 'splice': {
        const other = golden[m.from]!.bytes;
        const start = Math.floor(m.start * other.length);
        b = Buffer.concat([b.subarray(0, at), other.subarray(start, start + m.len), b.subarray(at)]);
        break;
      }
    }
  }
  return b;
}

const mutatedFixture = (maxOps: number): fc.Arbitrary<{ name: string; bytes: Buffer }> =>
  fc.record({ fixture: fc.nat(golden.length - 1), ops: fc.array(mutation, { minLength: 1, maxLength: maxOps }) })
    .map(({ fixture, ops }) => ({ name: golden[fixture]!.path.split('/').pop()!, bytes: mutate(golden[fixture]!.bytes, ops) }));
const randomBytes = fc.record({ name: fc.constantFrom('input.txt', 'input.json', 'input.html', 'chat.bin'), bytes: fc.uint8Array({ maxLength: 2048 }).map((u) => Buffer.from(u)) });

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
    expect(typeof w.message).toBe('string');
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
  afterAll(() => reportNumbers('fuzz', { importers: importers.map((i) => i.format), goldenInputs: golden.length, parseCases: cases, parsedOk, refusedByDecoder, cliRuns: CLI_RUNS }));

  it('has golden inputs of every source to mutate', () => {
    const sources = new Set(golden.map((g) => relative(FIXTURES, g.path).split('/')[0]));
    for (const s of ['line', 'chatwork', 'crowdworks', 'lancers']) expect(sources).toContain(s);
  });

  it(`random bytes (${RANDOM_RUNS} inputs × every importer): never a throw, an InputError or a well-formed result`, () => {
    fc.assert(fc.property(randomBytes, (input) => checkEveryImporter(input)), { numRuns: RANDOM_RUNS });
  });

  it(`mutated golden fixtures (${MUTATED_RUNS} inputs × every importer): never a throw, an InputError or a well-formed result`, () => {
    fc.assert(fc.property(mutatedFixture(6), (input) => checkEveryImporter(input)), { numRuns: MUTATED_RUNS });
  });

  it(`through the CLI (${CLI_RUNS} imports): exit 0, 2 or 3, never an internal error, and the archive verifies`, async () => {
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
      await fc.assert(fc.asyncProperty(arg, async ({ input, format, yes, room }) => {
        const file = join(tmp.dir, `${n++}-${input.name}`);
        writeFileSync(file, input.bytes);
        const r = await cli(['import', file, '--db', tmp.db, '--format', format, ...(yes ? ['--yes'] : []), ...(room ? ['--room', 'ファズ'] : [])]);
        codes[r.code] = (codes[r.code] ?? 0) + 1;
        expect(r.stderr).not.toMatch(/internal error/);
        expect([0, 2, 3], r.stderr).toContain(r.code);
        if (r.code !== 0) expect(r.stderr).toMatch(/^chatproof: /m);
      }), { numRuns: CLI_RUNS });
      reportNumbers('fuzz-cli', { runs: CLI_RUNS, exitCodes: codes });
      if (codes[0] !== undefined) await expectVerifies(tmp.db);
    } finally {
      tmp.cleanup();
    }
  }, 60_000 * SCALE);
});
