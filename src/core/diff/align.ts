import type { HashedMessage } from '../types.js';
import { minuteKey } from './instant.js';
import { pairWithinMinute } from './pairing.js';
import { link, type BeforeItem, type Pairs } from './pairs.js';
import { alignByHash } from './same-hash.js';

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
export function align(before: readonly BeforeItem[], after: readonly HashedMessage[]): Pairs {
  const pairs: Pairs = {
    beforePartner: new Int32Array(before.length).fill(-1),
    afterPartner: new Int32Array(after.length).fill(-1),
  };
  const middle = pairCommonEnds(before, after, pairs);
  pairMiddleByHash(before, after, middle, pairs);
  pairByExternalId(before, after, middle, pairs);
  pairByMinute(before, after, middle, pairs);
  return pairs;
}

interface Range {
  readonly bStart: number;
  readonly bEnd: number;
  readonly aStart: number;
  readonly aEnd: number;
}

/**
 * A message the view already holds as deleted does not stop the common prefix: it is stepped
 * over (unless it is back, with the same hash), so one old deletion does not make every later
 * comparison slow.
 */
function pairCommonEnds(before: readonly BeforeItem[], after: readonly HashedMessage[], pairs: Pairs): Range {
  let b = 0;
  let a = 0;
  while (b < before.length && a < after.length) {
    const item = before[b]!;
    if (item.message.hash === after[a]!.hash) link(pairs, b++, a++);
    else if (item.gone) b++;
    else break;
  }
  let bEnd = before.length;
  let aEnd = after.length;
  while (bEnd > b && aEnd > a) {
    const item = before[bEnd - 1]!;
    if (item.message.hash === after[aEnd - 1]!.hash) link(pairs, --bEnd, --aEnd);
    else if (item.gone) bEnd--;
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
function pairMiddleByHash(before: readonly BeforeItem[], after: readonly HashedMessage[], r: Range, pairs: Pairs): void {
  const bs: number[] = [];
  for (let b = r.bStart; b < r.bEnd; b++) if (!before[b]!.gone) bs.push(b);
  if (bs.length === 0 || r.aEnd === r.aStart) return;
  const as = Array.from({ length: r.aEnd - r.aStart }, (_, k) => r.aStart + k);
  alignByHash(
    bs,
    as,
    bs.map((b) => before[b]!.message.hash),
    as.map((a) => after[a]!.hash),
    pairs,
    MAX_MIDDLE_EDITS,
  );
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

function pairByExternalId(before: readonly BeforeItem[], after: readonly HashedMessage[], r: Range, pairs: Pairs): void {
  if (!hasUnpaired(pairs.beforePartner, r.bStart, r.bEnd) || !hasUnpaired(pairs.afterPartner, r.aStart, r.aEnd)) return;
  const afterById = new Map<string, number>();
  for (let a = r.aStart; a < r.aEnd; a++) {
    const id = after[a]!.externalId;
    if (id !== null && pairs.afterPartner[a] === -1 && !afterById.has(id)) afterById.set(id, a);
  }
  if (afterById.size === 0) return;
  for (let b = r.bStart; b < r.bEnd; b++) {
    if (pairs.beforePartner[b] !== -1) continue;
    const id = before[b]!.message.externalId;
    const a = id === null ? undefined : afterById.get(id);
    if (a !== undefined && pairs.afterPartner[a] === -1) link(pairs, b, a);
  }
}

function pairByMinute(before: readonly BeforeItem[], after: readonly HashedMessage[], r: Range, pairs: Pairs): void {
  if (!hasUnpaired(pairs.beforePartner, r.bStart, r.bEnd) || !hasUnpaired(pairs.afterPartner, r.aStart, r.aEnd)) return;
  const minutes = new Map<number | string, { bs: number[]; as: number[] }>();
  for (let a = r.aStart; a < r.aEnd; a++) {
    if (pairs.afterPartner[a] !== -1) continue;
    const key = minuteKey(after[a]!.sentAt);
    const group = minutes.get(key);
    if (group === undefined) minutes.set(key, { bs: [], as: [a] });
    else group.as.push(a);
  }
  // Only minutes the later capture has can pair; the earlier state's other messages stay alone.
  for (let b = r.bStart; b < r.bEnd; b++) {
    if (pairs.beforePartner[b] !== -1) continue;
    minutes.get(minuteKey(before[b]!.message.sentAt))?.bs.push(b);
  }
  for (const group of minutes.values()) {
    if (group.bs.length > 0) pairWithinMinute(group.bs, group.as, before, after, pairs);
  }
}
