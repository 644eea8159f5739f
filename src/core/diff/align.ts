import { pairByMinute } from './by-minute.js';
import { link, type Pairs, type Range } from './pairs.js';
import { alignByHash } from './same-hash.js';
import type { BeforeSide, CompareSide } from './sides.js';

/**
 * Decides which message of the earlier state is which message of the later capture.
 *
 * 1. The common prefix and suffix (same hashes) pair first: two linear scans.
 * 2. The middle is aligned by hash with Myers (jsdiff `diffArrays`), up to MAX_MIDDLE_EDITS
 *    differences: with few changes spread over a long history, that pairs all but the changed
 *    messages in about O(n + d²).
 * 3. Among what is left, a source id (Chatwork `message_id`) decides: same id, same message.
 * 4. The rest is grouped by sending minute and paired inside each minute (pairing.ts), by hash,
 *    by text similarity, by unsend line, by key.
 *
 * Why by minute rather than one Myers alignment over the keys (sender, minute, ordinal) of the
 * whole middle: two messages with different minutes never share a key, so over time-ordered
 * captures that alignment falls apart into one alignment per minute anyway; doing it per minute
 * keeps the cost linear however much changed (a `--tz` mistake, a parser upgrade that changes
 * every hash) and survives exports whose times are not monotonic. And hashes are aligned before
 * keys, so that a message deleted from a burst does not shift the ordinals of the messages after
 * it and turn them all into "edits".
 */
export function align(before: BeforeSide, after: CompareSide): Pairs {
  const pairs: Pairs = {
    beforePartner: new Int32Array(before.length).fill(-1),
    afterPartner: new Int32Array(after.length).fill(-1),
  };
  const middle = pairCommonEnds(before, after, pairs);
  pairMiddleByHash(before, after, middle, pairs);
  pairByExternalId(before, after, middle, pairs);
  if (hasUnpaired(pairs.beforePartner, middle.bStart, middle.bEnd) && hasUnpaired(pairs.afterPartner, middle.aStart, middle.aEnd))
    pairByMinute(before, after, middle, pairs);
  return pairs;
}

/**
 * A message the view already holds as deleted does not stop the common prefix: it is stepped
 * over (unless it is back, with the same hash), so one old deletion does not make every later
 * comparison slow.
 */
function pairCommonEnds(before: BeforeSide, after: CompareSide, pairs: Pairs): Range {
  let b = 0;
  let a = 0;
  while (b < before.length && a < after.length) {
    if (before.key(b) === after.key(a)) link(pairs, b++, a++);
    else if (before.gone(b)) b++;
    else break;
  }
  let bEnd = before.length;
  let aEnd = after.length;
  while (bEnd > b && aEnd > a) {
    if (before.key(bEnd - 1) === after.key(aEnd - 1)) link(pairs, --bEnd, --aEnd);
    else if (before.gone(bEnd - 1)) bEnd--;
    else break;
  }
  return { bStart: b, bEnd, aStart: a, aEnd };
}

/**
 * Past this many differences the middle is left to the per-minute pairing, which is linear; the
 * Myers attempt then cost O(n + MAX²) at most.
 */
const MAX_MIDDLE_EDITS = 1_000;

/** Messages the view holds as deleted stay out: each would cost an edit, every time. */
function pairMiddleByHash(before: BeforeSide, after: CompareSide, r: Range, pairs: Pairs): void {
  if (surelyMoreEdits(before, after, r, MAX_MIDDLE_EDITS)) return;
  const bs: number[] = [];
  for (let b = r.bStart; b < r.bEnd; b++) if (!before.gone(b)) bs.push(b);
  if (bs.length === 0 || r.aEnd === r.aStart) return;
  const as = Array.from({ length: r.aEnd - r.aStart }, (_, k) => r.aStart + k);
  alignByHash(
    bs,
    as,
    bs.map((b) => before.key(b)),
    as.map((a) => after.key(a)),
    pairs,
    MAX_MIDDLE_EDITS,
  );
}

/**
 * Whether the alignment of the middle would surely find more than `max` differences, and so pair
 * nothing: Myers counts the insertions and deletions, n + m − 2·LCS, which is at least what the two
 * multisets of hashes differ by. Answered only for sides whose keys are numbers (hash lists,
 * src/store/compare-sides.ts); then a 1 %-changed capture of a million messages skips building four
 * arrays of a million and the attempt itself. Never true where the attempt could succeed, so the
 * pairs are the same.
 */
function surelyMoreEdits(before: BeforeSide, after: CompareSide, r: Range, max: number): boolean {
  if (r.bEnd - r.bStart + (r.aEnd - r.aStart) <= max) return false;
  let top = 0;
  const numberOf = (key: string | number): number => (typeof key === 'number' && Number.isInteger(key) && key >= 0 ? key : -1);
  for (let b = r.bStart; b < r.bEnd; b++) {
    const k = before.gone(b) ? 0 : numberOf(before.key(b));
    if (k === -1) return false;
    top = Math.max(top, k);
  }
  for (let a = r.aStart; a < r.aEnd; a++) {
    const k = numberOf(after.key(a));
    if (k === -1) return false;
    top = Math.max(top, k);
  }
  const counts = new Int32Array(top + 1);
  for (let b = r.bStart; b < r.bEnd; b++) if (!before.gone(b)) counts[before.key(b) as number]!++;
  for (let a = r.aStart; a < r.aEnd; a++) counts[after.key(a) as number]!--;
  let differ = 0;
  for (const c of counts) differ += Math.abs(c);
  return differ > max;
}

/**
 * Whether `partner` leaves some index of [start, end) unpaired. When one side has none (a room's
 * first capture has no earlier state at all), the lookups below are not built: they held ~30 MB
 * for a 200k-message capture that had nothing to pair with (docs/performance.md).
 */
function hasUnpaired(partner: Int32Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (partner[i] === -1) return true;
  return false;
}

function pairByExternalId(before: BeforeSide, after: CompareSide, r: Range, pairs: Pairs): void {
  if (!hasUnpaired(pairs.beforePartner, r.bStart, r.bEnd) || !hasUnpaired(pairs.afterPartner, r.aStart, r.aEnd)) return;
  const afterById = new Map<string, number>();
  for (let a = r.aStart; a < r.aEnd; a++) {
    if (pairs.afterPartner[a] !== -1) continue;
    const id = after.externalId(a);
    if (id !== null && !afterById.has(id)) afterById.set(id, a);
  }
  if (afterById.size === 0) return;
  for (let b = r.bStart; b < r.bEnd; b++) {
    if (pairs.beforePartner[b] !== -1) continue;
    const id = before.externalId(b);
    const a = id === null ? undefined : afterById.get(id);
    if (a !== undefined && pairs.afterPartner[a] === -1) link(pairs, b, a);
  }
}
