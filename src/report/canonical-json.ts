import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical.js';

/** UTF-16 code units gathered into one chunk: small enough to die young. */
const CHUNK = 1 << 14;

/** A lone UTF-16 surrogate: such a string takes the package's path, which refuses it (I-JSON). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The RFC 8785 form of a value (`canonicalJson(value)` as UTF-8), never held whole. The
 * `canonicalize` package makes a string per node and joins them level by level: for the manifest of
 * a 10k-message room (7 MB) that was ~175 MB of strings, sort arrays and Sets, and the report's peak
 * RSS at 10k messages fell from 266 MB to 212 MB when a walk like this one replaced it (2.5k: no
 * change). Here the value is walked and the text comes out in small chunks: once at construction
 * for its size and SHA-256, and again on each `chunks()` call for whoever consumes them as they
 * come (the PDF writer deflates them). The value must not change in between.
 *
 * Containers are walked the way the package walks them: keys in UTF-16 code-unit order, undefined
 * and symbols left out of objects and nulled in arrays, toJSON honoured. A string free of lone
 * surrogates is written by JSON.stringify, whose escaping is the one RFC 8785 §3.2.2.2 prescribes (as
 * in core/canonical.ts); every other scalar goes through canonicalJson itself, so number form and
 * refusals stay the package's. test/report/canonical-json.test.ts checks both give the same bytes.
 */
export class CanonicalJson {
  readonly size: number;
  readonly sha256: string;

  constructor(private readonly value: unknown) {
    const hash = createHash('sha256');
    let size = 0;
    for (const chunk of this.chunks()) {
      hash.update(chunk);
      size += chunk.length;
    }
    this.size = size;
    this.sha256 = hash.digest('hex');
  }

  *chunks(): Generator<Buffer> {
    for (const text of pieces(this.value)) yield Buffer.from(text, 'utf8');
  }
}

function* pieces(value: unknown): Generator<string> {
  let pending = '';
  const scalar = (v: unknown): string => (typeof v === 'string' && !LONE_SURROGATE.test(v) ? JSON.stringify(v) : canonicalJson(v));
  function* write(v: unknown): Generator<string> {
    if (v === null || typeof v !== 'object') {
      pending += scalar(v);
    } else if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      yield* write((v as { toJSON: () => unknown }).toJSON());
    } else if (Array.isArray(v)) {
      pending += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) pending += ',';
        const item: unknown = v[i];
        yield* write(item === undefined || typeof item === 'symbol' ? null : item);
      }
      pending += ']';
    } else {
      const o = v as Record<string, unknown>;
      pending += '{';
      let first = true;
      for (const key of Object.keys(o).sort()) {
        const item = o[key];
        if (item === undefined || typeof item === 'symbol') continue;
        if (!first) pending += ',';
        first = false;
        pending += scalar(key) + ':';
        yield* write(item);
      }
      pending += '}';
    }
    if (pending.length >= CHUNK) {
      yield pending;
      pending = '';
    }
  }
  yield* write(value);
  if (pending !== '') yield pending;
}
