/**
 * CanonicalJson walks a value itself so that a large manifest is never one string (docs in
 * src/report/canonical-json.ts); its bytes must be canonicalJson's, byte for byte, and it must refuse
 * what canonicalJson refuses.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical.js';
import { CanonicalJson } from '../../src/report/canonical-json.js';

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('見積書', '"q"\\', '\u2028', '🍀', 'a\ud800'),
);
const scalar = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(text, tie('node'), { maxKeys: 5 }),
})).node;

/** What the value serializes to (bytes, size and SHA-256 as CanonicalJson states them), or the fact that it throws. */
function viaWalk(v: unknown): string {
  try {
    const c = new CanonicalJson(v);
    const bytes = Buffer.concat([...c.chunks()]);
    return `${c.size} ${c.sha256} ${bytes.toString('base64')}`;
  } catch {
    return '(throws)';
  }
}

function viaPackage(v: unknown): string {
  try {
    const bytes = Buffer.from(canonicalJson(v), 'utf8');
    return `${bytes.length} ${createHash('sha256').update(bytes).digest('hex')} ${bytes.toString('base64')}`;
  } catch {
    return '(throws)';
  }
}

describe('CanonicalJson', () => {
  it("gives canonicalJson's bytes, size and hash, and throws where it throws", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(viaWalk(v)).toBe(viaPackage(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on a value whose text spans many chunks', () => {
    const messages: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++)
      messages[createHash('sha256').update(String(i)).digest('hex')] = { body: `見積書 ${i} 🍀`.repeat(i % 7), n: i, editedAt: null, gone: undefined };
    const manifest = { v: 1, messages, long: 'x🍀'.repeat(40_000), list: Object.keys(messages) };
    expect(viaWalk(manifest)).toBe(viaPackage(manifest));
  });

  it('makes the same chunks again on each call', () => {
    const c = new CanonicalJson({ b: [1, 'two', { c: null }], a: '見積' });
    expect(Buffer.concat([...c.chunks()]).equals(Buffer.concat([...c.chunks()]))).toBe(true);
    expect(Buffer.concat([...c.chunks()]).toString('utf8')).toBe('{"a":"見積","b":[1,"two",{"c":null}]}');
  });
});
