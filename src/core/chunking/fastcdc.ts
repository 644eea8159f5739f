import { createHash } from 'node:crypto';

/**
 * FastCDC 2020 (Xia et al., IEEE TPDS 2020): content-defined chunking with the Gear rolling hash,
 * normalised chunking and "rolling two bytes each time". Cut points are those of the `fastcdc`
 * Rust crate 4.0.1 (`src/v2020/mod.rs`), which the Bazel Remote Execution API standardised with
 * its `FastCdc2020Params`; test/core/chunking/fastcdc.test.ts pins them with known answers.
 *
 * Only the low 49 bits of the 64-bit Gear hash ever decide a cut (every mask, shifted by one for
 * the even byte, fits in 49 bits, and the hash only moves left), so the hash is kept modulo 2^49
 * in a double, exact, without BigInt in the loop.
 */

export interface ChunkerParams {
  readonly minSize: number;
  readonly avgSize: number;
  readonly maxSize: number;
  /** Normalisation level 0–3: how much stricter the mask is before avgSize than after it. */
  readonly level: 0 | 1 | 2 | 3;
}

/**
 * What the archive chunks with: REAPI's FastCdc2020Params at 16 KiB (min = avg / 4, max just
 * under avg × 4, level 2, seed 0). Changing any of these changes where old originals would be
 * cut, so the name is stored with every chunked original (store/blobs).
 */
export const ARCHIVE_CHUNKER: ChunkerParams & { readonly name: string } = {
  name: 'fastcdc2020/4096/16384/65535/nc2',
  minSize: 4096,
  avgSize: 16384,
  maxSize: 65535,
  level: 2,
};

export interface Cut {
  /** Where the chunk ends (exclusive), counted from the start of the whole input. */
  readonly end: number;
  /** The Gear hash at the cut, modulo 2^49 (0 when the rest was shorter than minSize). */
  readonly hash: number;
}

const TWO_32 = 2 ** 32;
const TWO_49 = 2 ** 49;

/** The crate's MASKS, by number of bits: spread bits, from the C reference (destor) and restic's FastCDC. */
const MASKS: readonly bigint[] = [
  0n,
  0n,
  0n,
  0n,
  0n,
  0x0000000001804110n,
  0x0000000001803110n,
  0x0000000018035100n,
  0x0000001800035300n,
  0x0000019000353000n,
  0x0000590003530000n,
  0x0000d90003530000n,
  0x0000d90103530000n,
  0x0000d90303530000n,
  0x0000d90313530000n,
  0x0000d90f03530000n,
  0x0000d90303537000n,
  0x0000d90703537000n,
  0x0000d90707537000n,
  0x0000d91707537000n,
  0x0000d91747537000n,
  0x0000d91767537000n,
  0x0000d93767537000n,
  0x0000d93777537000n,
  0x0000d93777577000n,
  0x0000db3777577000n,
];

/**
 * Gear table entry i: the first 8 bytes (big-endian) of MD5 over 64 bytes all equal to i, as the
 * crate's `examples/table64.rs` makes it; kept modulo 2^49. Worked out once, on first use.
 */
let gearTables: { gear: Float64Array; gearLs: Float64Array } | undefined;
function gear(): { gear: Float64Array; gearLs: Float64Array } {
  if (gearTables) return gearTables;
  const g = new Float64Array(256);
  const gls = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    const v = createHash('md5').update(Buffer.alloc(64, i)).digest().readBigUInt64BE(0);
    g[i] = Number(v % BigInt(TWO_49));
    gls[i] = Number((v << 1n) % BigInt(TWO_49));
  }
  gearTables = { gear: g, gearLs: gls };
  return gearTables;
}

/** A 49-bit mask split into the halves the 32-bit `&` can test. */
interface Mask {
  readonly hi: number;
  readonly lo: number;
}
function split(mask: bigint): Mask {
  return { hi: Number(mask >> 32n), lo: Number(mask & 0xffffffffn) };
}

function masksFor(p: ChunkerParams): { s: Mask; l: Mask; sLs: Mask; lLs: Mask } {
  // Rounded, not floored: the crate's 4.0.1 behaviour (a power-of-two average makes it moot).
  const bits = Math.round(Math.log2(p.avgSize));
  const s = MASKS[bits + p.level];
  const l = MASKS[bits - p.level];
  if (s === undefined || l === undefined || bits - p.level < 5) throw new RangeError(`FastCDC: no mask for an average of ${p.avgSize} at level ${p.level}`);
  return { s: split(s), l: split(l), sLs: split(s << 1n), lLs: split(l << 1n) };
}

function checkParams(p: ChunkerParams): void {
  const ok =
    Number.isInteger(p.minSize) &&
    Number.isInteger(p.avgSize) &&
    Number.isInteger(p.maxSize) &&
    p.minSize >= 64 &&
    p.minSize <= p.avgSize &&
    p.avgSize <= p.maxSize &&
    p.avgSize >= 256 &&
    p.maxSize <= 16_777_216;
  if (!ok) throw new RangeError(`FastCDC: sizes must satisfy 64 ≤ min ≤ avg ≤ max ≤ 16 MiB and avg ≥ 256 (got ${p.minSize}/${p.avgSize}/${p.maxSize})`);
}

/** x mod 2^49 for 0 ≤ x < 2^53: a power-of-two division is exact, and cheaper than `%` on doubles. */
function mod49(x: number): number {
  return x - Math.floor(x / TWO_49) * TWO_49;
}

/** True when no bit of `mask` is set in the hash `h` (0 ≤ h < 2^49). */
function clear(h: number, m: Mask): boolean {
  return ((h >>> 0) & m.lo) === 0 && (Math.floor(h / TWO_32) & m.hi) === 0;
}

/**
 * Yields the cut points of `data`, in order; the last ends at data.length. An empty input has no
 * chunk. Pure: the same bytes and parameters always give the same cuts.
 */
export function* cuts(data: Uint8Array, params: ChunkerParams = ARCHIVE_CHUNKER): Generator<Cut> {
  checkParams(params);
  const { gear: g, gearLs: gls } = gear();
  const m = masksFor(params);
  let start = 0;
  while (start < data.length) {
    const cut = cutOne(data, start, params, g, gls, m);
    yield cut;
    start = cut.end;
  }
}

/** The crate's `cut_gear`: one chunk starting at `start`. */
function cutOne(data: Uint8Array, start: number, p: ChunkerParams, g: Float64Array, gls: Float64Array, m: ReturnType<typeof masksFor>): Cut {
  let remaining = data.length - start;
  if (remaining <= p.minSize) return { end: data.length, hash: 0 };
  let center = p.avgSize;
  if (remaining > p.maxSize) remaining = p.maxSize;
  else if (remaining < center) center = remaining;
  const limit1 = center >>> 1;
  const limit2 = remaining >>> 1;
  let index = p.minSize >>> 1;
  let h = 0;
  for (; index < limit1; index++) {
    const a = start + index * 2;
    h = mod49(h * 4 + gls[data[a]!]!);
    if (clear(h, m.sLs)) return { end: a, hash: h };
    h = mod49(h + g[data[a + 1]!]!);
    if (clear(h, m.s)) return { end: a + 1, hash: h };
  }
  for (; index < limit2; index++) {
    const a = start + index * 2;
    h = mod49(h * 4 + gls[data[a]!]!);
    if (clear(h, m.lLs)) return { end: a, hash: h };
    h = mod49(h + g[data[a + 1]!]!);
    if (clear(h, m.l)) return { end: a + 1, hash: h };
  }
  return { end: start + remaining, hash: h };
}

/** The chunks of `data` as views into it (no copy), in order. */
export function* chunks(data: Uint8Array, params: ChunkerParams = ARCHIVE_CHUNKER): Generator<Uint8Array> {
  let start = 0;
  for (const { end } of cuts(data, params)) {
    yield data.subarray(start, end);
    start = end;
  }
}
