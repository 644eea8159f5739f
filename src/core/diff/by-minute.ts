import { pairWithinMinute } from './pairing.js';
import type { Pairs, Range } from './pairs.js';
import type { BeforeSide, CompareSide } from './sides.js';

/**
 * The last step of the alignment (align.ts): the messages of the middle that nothing paired yet,
 * grouped by sending minute and paired inside each minute (pairing.ts). Only minutes the later
 * capture has can pair; the earlier state's other messages stay alone. Messages whose time cannot
 * be read are grouped apart, by their text.
 *
 * Captures are in time order nearly always, and then each minute's unpaired messages are one run
 * of each side: the groups are walked in place (`pairRunsByMinute`). Only when a side is out of
 * order are its messages sorted into groups (`pairSortedByMinute`): with ~10,000 differences in a
 * million messages the whole middle is left here, and the sort's numbers for both sides were 32 MB
 * at once (docs/performance.md). Both give the same groups, each with its messages in place order,
 * so the same pairs (test/core/diff/by-minute.test.ts).
 */
export function pairByMinute(before: BeforeSide, after: CompareSide, r: Range, pairs: Pairs): void {
  const aUnread = unreadIfInOrder(after, r.aStart, r.aEnd, pairs.afterPartner);
  const bUnread = aUnread === null ? null : unreadIfInOrder(before, r.bStart, r.bEnd, pairs.beforePartner);
  if (aUnread === null || bUnread === null) return pairSortedByMinute(before, after, r, pairs);
  pairRunsByMinute(before, after, r, pairs);
  pairUnread(aUnread, bUnread, before, after, pairs);
}

/**
 * The messages whose time cannot be read, by text, when the others' minutes never go down in
 * place order over the unpaired messages of [start, end); null when they do.
 */
function unreadIfInOrder(side: CompareSide, start: number, end: number, partner: Int32Array): Map<string, number[]> | null {
  const unread = new Map<string, number[]>();
  let last = -Infinity;
  for (let i = start; i < end; i++) {
    if (partner[i] !== -1) continue;
    const minute = side.minute(i);
    if (typeof minute === 'string') addUnread(unread, minute, i);
    else if (minute < last) return null;
    else last = minute;
  }
  return unread;
}

/** The groups of sides in time order: each minute's unpaired messages are one run of each side, read in one pass. */
export function pairRunsByMinute(before: BeforeSide, after: CompareSide, r: Range, pairs: Pairs): void {
  // Pairing links only the messages of the group in hand, so those ahead of either cursor are
  // still unpaired exactly where they were when the groups were decided.
  const nextB = (i: number): number => nextTimed(before, i, r.bEnd, pairs.beforePartner);
  const nextA = (i: number): number => nextTimed(after, i, r.aEnd, pairs.afterPartner);
  let b = nextB(r.bStart);
  for (let a = nextA(r.aStart); a < r.aEnd;) {
    const minute = after.minute(a) as number;
    const as: number[] = [];
    for (; a < r.aEnd && after.minute(a) === minute; a = nextA(a + 1)) as.push(a);
    while (b < r.bEnd && (before.minute(b) as number) < minute) b = nextB(b + 1);
    const bs: number[] = [];
    for (; b < r.bEnd && before.minute(b) === minute; b = nextB(b + 1)) bs.push(b);
    if (bs.length > 0) pairWithinMinute(bs, as, before, after, pairs);
  }
}

/** The first index from `i` that is unpaired and has a time that can be read; `end` if none. */
function nextTimed(side: CompareSide, i: number, end: number, partner: Int32Array): number {
  while (i < end && (partner[i] !== -1 || typeof side.minute(i) === 'string')) i++;
  return i;
}

/** The groups of any sides: the unpaired messages sorted by minute, then by place. */
export function pairSortedByMinute(before: BeforeSide, after: CompareSide, r: Range, pairs: Pairs): void {
  // Grouped by sorting numbers, not in a Map of a group object per minute: at a million messages
  // left unpaired (a long history with many changes) those objects were ~70 MB held at once.
  const as = byMinute(after, r.aStart, r.aEnd, pairs.afterPartner);
  const bs = byMinute(before, r.bStart, r.bEnd, pairs.beforePartner);
  let j = 0;
  for (let i = 0; i < as.order.length;) {
    const minute = as.minutes[as.order[i]!]!;
    let iEnd = i;
    while (iEnd < as.order.length && as.minutes[as.order[iEnd]!] === minute) iEnd++;
    while (j < bs.order.length && bs.minutes[bs.order[j]!]! < minute) j++;
    let jEnd = j;
    while (jEnd < bs.order.length && bs.minutes[bs.order[jEnd]!] === minute) jEnd++;
    if (jEnd > j) pairWithinMinute(indicesOf(bs, j, jEnd), indicesOf(as, i, iEnd), before, after, pairs);
    i = iEnd;
    j = jEnd;
  }
  pairUnread(as.unread, bs.unread, before, after, pairs);
}

function pairUnread(as: Map<string, number[]>, bs: Map<string, number[]>, before: BeforeSide, after: CompareSide, pairs: Pairs): void {
  for (const [minute, group] of as) {
    const b = bs.get(minute);
    if (b !== undefined) pairWithinMinute(b, group, before, after, pairs);
  }
}

function addUnread(unread: Map<string, number[]>, minute: string, i: number): void {
  const group = unread.get(minute);
  if (group === undefined) unread.set(minute, [i]);
  else group.push(i);
}

/** The unpaired messages of [start, end), ordered by minute, then by place; those whose time cannot be read apart, by their text. */
interface Minutes {
  readonly indices: Int32Array;
  readonly minutes: Float64Array;
  readonly order: Int32Array;
  readonly unread: Map<string, number[]>;
}

function byMinute(side: CompareSide, start: number, end: number, partner: Int32Array): Minutes {
  let n = 0;
  for (let i = start; i < end; i++) if (partner[i] === -1) n++;
  const indices = new Int32Array(n);
  const minutes = new Float64Array(n);
  const unread = new Map<string, number[]>();
  let k = 0;
  for (let i = start; i < end; i++) {
    if (partner[i] !== -1) continue;
    const minute = side.minute(i);
    if (typeof minute === 'string') {
      addUnread(unread, minute, i);
      continue;
    }
    indices[k] = i;
    minutes[k++] = minute;
  }
  const order = new Int32Array(k);
  for (let q = 0; q < k; q++) order[q] = q;
  order.sort((x, y) => minutes[x]! - minutes[y]! || x - y);
  return { indices, minutes, order, unread };
}

function indicesOf(m: Minutes, from: number, to: number): number[] {
  const out: number[] = [];
  for (let q = from; q < to; q++) out.push(m.indices[m.order[q]!]!);
  return out;
}
