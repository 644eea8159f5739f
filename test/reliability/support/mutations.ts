/**
 * Hostile inputs for the importers, shared by the fuzz test (fuzz-importers.test.ts) and the long
 * run (`npm run fuzz`): random bytes, and golden fixtures mutated on the grammar's edges.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FuzzInput {
  readonly name: string;
  readonly bytes: Buffer;
}

export const FIXTURES = join('test', 'fixtures');

/** Every input a golden test reads: `input.*` in case folders, and the loose sample files. */
function goldenInputs(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return goldenInputs(p);
    return /^expected\.|\.md$/i.test(e.name) ? [] : [p];
  });
}

export const golden = goldenInputs().map((path) => ({ path, bytes: readFileSync(path) }));

/** Byte strings that sit on the grammar's edges: separators, quotes, markup, bad UTF-8, BOMs, NUL. */
const TOKENS: readonly Uint8Array[] = [
  '\t',
  '\t\t',
  '\r\n',
  '\n',
  '\r',
  '"',
  '""',
  '\0',
  '[qt]',
  '[/qt]',
  '[info][title]',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"message_id":',
  '"send_time":',
  '2024/13/45(金)',
  '2024/03/01(金)',
  '25:61',
  '午後',
  '午前12:00',
  '[LINE] ',
  'とのトーク履歴',
  '保存日時：',
  '\\ud800',
  '\\udc00x',
  '\u2068',
  '\u2069',
  '\uFEFF',
  '<div class="message">',
  '</div>',
  '&amp;',
  '𠮷',
  '1e999',
  '-0',
  '9007199254740993',
]
  .map((s) => new Uint8Array(Buffer.from(s, 'utf8')))
  .concat(
    [
      [0xff],
      [0xfe, 0xff],
      [0xff, 0xfe],
      [0xef, 0xbb, 0xbf],
      [0xc3, 0x28],
      [0xe3, 0x81],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x82, 0xa0],
      [0x00, 0xd8],
      [0x00, 0xdc], // half a surrogate pair in UTF-16LE
    ].map((b) => new Uint8Array(b)),
  );

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
      case 'flip':
        if (b.length > 0) {
          b = Buffer.from(b);
          b[Math.min(at, b.length - 1)] = m.byte;
        }
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'token':
        b = Buffer.concat([b.subarray(0, at), TOKENS[m.token]!, b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
        break;
      case 'duplicate': {
        const piece = b.subarray(at, at + m.len);
        const to = Math.floor(m.to * (b.length + 1));
        b = Buffer.concat([b.subarray(0, to), piece, b.subarray(to)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
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

/** A golden input of `among` (default: all of them) with 1 to maxOps mutations. */
export const mutatedFixture = (maxOps: number, among: readonly number[] = golden.map((_, i) => i)): fc.Arbitrary<FuzzInput> =>
  fc
    .record({ fixture: fc.constantFrom(...among), ops: fc.array(mutation, { minLength: 1, maxLength: maxOps }) })
    .map(({ fixture, ops }) => ({ name: golden[fixture]!.path.split('/').pop()!, bytes: mutate(golden[fixture]!.bytes, ops) }));
export const randomBytes: fc.Arbitrary<FuzzInput> = fc.record({
  name: fc.constantFrom('input.txt', 'input.json', 'input.html', 'chat.bin'),
  bytes: fc.uint8Array({ maxLength: 2048 }).map((u) => Buffer.from(u)),
});
