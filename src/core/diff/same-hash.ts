// The one module of jsdiff we use, not its index: the index loads 59 ESM files, which every
// command paid for at start-up (docs/performance.md), though only import, diff and show align anything.
import { diffArrays } from 'diff/lib/diff/array.js';
import { link, type Pairs } from './pairs.js';

/**
 * Pairs the messages with equal hashes of two index lists, keeping their order: Myers' LCS
 * (jsdiff `diffArrays`; its cost is O((n + m) · d) for d differences). Returns false, having
 * paired nothing, when there are more than `maxEdits` differences.
 */
export function alignByHash(
  bs: readonly number[],
  as: readonly number[],
  oldHashes: (string | number)[],
  newHashes: (string | number)[],
  pairs: Pairs,
  maxEdits: number,
): boolean {
  // Every message one side has more than the other is a difference: no need to try.
  if (Math.abs(oldHashes.length - newHashes.length) > maxEdits) return false;
  const parts = diffArrays(oldHashes, newHashes, { maxEditLength: maxEdits });
  if (parts === undefined) return false;
  let p = 0;
  let q = 0;
  for (const part of parts) {
    if (part.added) q += part.count;
    else if (part.removed) p += part.count;
    else for (let k = 0; k < part.count; k++) link(pairs, bs[p++]!, as[q++]!);
  }
  return true;
}

/**
 * Bounds the exact alignment of one minute. Beyond this many differences (a bot flooding one
 * minute) equal messages are paired first to first instead, which only differs from the LCS when
 * identical messages are repeated and reordered.
 */
const MAX_MINUTE_EDITS = 512;

/** The first step inside a minute: the same message, by hash. */
export function pairSameHash(bs: readonly number[], as: readonly number[], oldHashes: (string | number)[], newHashes: (string | number)[], pairs: Pairs): void {
  if (bs.length === 1 || as.length === 1) {
    // With one message on a side, the LCS is just its first equal partner.
    const [p, q] = bs.length === 1 ? [0, newHashes.indexOf(oldHashes[0]!)] : [oldHashes.indexOf(newHashes[0]!), 0];
    if (p !== -1 && q !== -1) link(pairs, bs[p]!, as[q]!);
    return;
  }
  if (alignByHash(bs, as, oldHashes, newHashes, pairs, MAX_MINUTE_EDITS)) return;
  const waiting = new Map<string | number, number[]>();
  newHashes.forEach((h, q) => {
    const list = waiting.get(h);
    if (list === undefined) waiting.set(h, [as[q]!]);
    else list.push(as[q]!);
  });
  oldHashes.forEach((h, p) => {
    const a = waiting.get(h)?.shift();
    if (a !== undefined) link(pairs, bs[p]!, a);
  });
}
