import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairByMinute, pairSortedByMinute } from '../../../src/core/diff/by-minute.js';
import { link, type Pairs } from '../../../src/core/diff/pairs.js';
import { itemsSide, messagesSide } from '../../../src/core/diff/sides.js';
import type { HashedMessage } from '../../../src/core/types.js';
import { msg } from './builders.js';

const BASE = Date.parse('2024-05-01T09:00:00Z');

/** A message of few minutes, senders and texts, so groups are shared, hashes repeat and edits are near. */
const messageArb = fc.record({
  minute: fc.integer({ min: 0, max: 4 }),
  second: fc.integer({ min: 0, max: 1 }),
  // Now and then a time that cannot be read: grouped apart, by its text.
  unread: fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, { arbitrary: fc.constantFrom('昨日', 'きのう'), weight: 1 }),
  sender: fc.constantFrom('田中', '佐藤'),
  body: fc.constantFrom('了解です', '了解です！', 'お願いします', '資料を送ります', '資料を送りました'),
  unsent: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});
type Spec = typeof messageArb extends fc.Arbitrary<infer T> ? T : never;

/** Time order (the readable times), as captures nearly always are; or as generated. */
function messagesOf(specs: readonly Spec[], ordered: boolean): HashedMessage[] {
  const list = ordered ? [...specs].sort((x, y) => x.minute - y.minute || x.second - y.second) : specs;
  return list.map((s) =>
    msg({
      sentAt: s.unread ?? new Date(BASE + s.minute * 60_000 + s.second * 1000).toISOString(),
      sender: s.sender,
      body: s.unsent ? `${s.sender}がメッセージの送信を取り消しました` : s.body,
      kind: s.unsent ? 'unsent' : 'text',
    }),
  );
}

const casesArb = fc.record({
  before: fc.array(messageArb, { maxLength: 40 }),
  after: fc.array(messageArb, { maxLength: 40 }),
  gone: fc.array(fc.boolean(), { maxLength: 40 }),
  prePaired: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
  ordered: fc.boolean(),
});

type Case = typeof casesArb extends fc.Arbitrary<infer T> ? T : never;

function paired(c: Case, how: typeof pairByMinute): Pairs {
  const before = messagesOf(c.before, c.ordered);
  const after = messagesOf(c.after, c.ordered);
  const pairs: Pairs = { beforePartner: new Int32Array(before.length).fill(-1), afterPartner: new Int32Array(after.length).fill(-1) };
  // What the earlier steps (common ends, Myers, ids) left paired: the minute groups skip those.
  for (const [b, a] of c.prePaired)
    if (before.length > 0 && after.length > 0 && pairs.beforePartner[b % before.length] === -1 && pairs.afterPartner[a % after.length] === -1)
      link(pairs, b % before.length, a % after.length);
  const beforeSide = itemsSide(before.map((message, i) => ({ message, gone: c.gone[i] ?? false })));
  how(beforeSide, messagesSide(after), { bStart: 0, bEnd: before.length, aStart: 0, aEnd: after.length }, pairs);
  return pairs;
}

describe('the minute groups', () => {
  it('walked in place give the pairs that sorting them gives (in time order or not)', () => {
    fc.assert(
      fc.property(casesArb, (c) => {
        const walked = paired(c, pairByMinute);
        const sorted = paired(c, pairSortedByMinute);
        expect([...walked.beforePartner]).toEqual([...sorted.beforePartner]);
        expect([...walked.afterPartner]).toEqual([...sorted.afterPartner]);
      }),
      { numRuns: 400 },
    );
  });
});
