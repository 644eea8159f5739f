import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, classifySides, outcomeAt, type Outcome } from '../../../src/core/diff/classify.js';
import { viewItems } from '../../../src/core/diff/compare.js';
import { buildArchiveView, compareCaptures, compareSides, type BeforeSide, type CaptureView, type CompareSide } from '../../../src/core/diff/index.js';
import { minuteKey } from '../../../src/core/diff/instant.js';
import { isDeletionMark } from '../../../src/core/diff/removal.js';
import type { HashedMessage } from '../../../src/core/types.js';
import { captureOf, changed, msg } from './builders.js';
import { buildScenario, scriptArb } from './scripts.js';

// Issue 21 item 4: the comparison that holds hashes as numbers and reads a message whole only when
// the hashes leave it unpaired (src/store/compare-sides.ts) gives exactly what the comparison of
// whole messages gives: the same outcomes (types, pairs, order), over random histories.

const RUNS = { numRuns: 300 };

/** Sides as the store makes them: a number per distinct hash, the whole message only when asked (and counted). */
interface Light {
  readonly before: BeforeSide;
  readonly after: CompareSide;
  readonly readBefore: Set<number>;
  readonly readAfter: Set<number>;
}

interface Faults {
  /** Pairs by (sender, minute) where the hashes should decide: a wrong pairing. */
  readonly keyBySender?: boolean;
  /** Reads the message after the one asked for. */
  readonly readsNeighbour?: boolean;
}

function lightSides(before: readonly { message: HashedMessage; gone: boolean }[], after: readonly HashedMessage[], faults: Faults = {}): Light {
  const numbers = new Map<string, number>();
  const number = (m: HashedMessage): number => {
    const id = faults.keyBySender ? `${m.sender} ${minuteKey(m.sentAt)}` : m.hash;
    let n = numbers.get(id);
    if (n === undefined) numbers.set(id, (n = numbers.size));
    return n;
  };
  const bKeys = before.map((item) => number(item.message));
  const aKeys = after.map(number);
  const readBefore = new Set<number>();
  const readAfter = new Set<number>();
  const pick = <T>(list: readonly T[], i: number): T => list[faults.readsNeighbour ? (i + 1) % list.length : i]!;
  return {
    before: {
      length: before.length,
      key: (i) => bKeys[i]!,
      minute: (i) => minuteKey(before[i]!.message.sentAt),
      externalId: (i) => before[i]!.message.externalId,
      gone: (i) => before[i]!.gone,
      deletionMark: (i) => isDeletionMark(before[i]!.message),
      instant: (i) => Date.parse(before[i]!.message.sentAt),
      message: (i) => (readBefore.add(i), pick(before, i).message),
    },
    after: {
      length: after.length,
      key: (i) => aKeys[i]!,
      minute: (i) => minuteKey(after[i]!.sentAt),
      externalId: (i) => after[i]!.externalId,
      message: (i) => (readAfter.add(i), pick(after, i)),
    },
    readBefore,
    readAfter,
  };
}

/**
 * A history of three captures: the scenario's two (edits, unsends, deletions, colliding keys and
 * texts), folded into a view, then a third made of the first capture's messages again — so what
 * the second deleted comes back — with some repeated and some neighbours swapped.
 */
const histories = fc
  .tuple(
    scriptArb('chaos').map((script) => buildScenario('chaos', script)),
    fc.array(fc.nat(), { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: 4 }),
  )
  .map(([s, repeats, swaps]) => {
    const third = [...s.before.messages];
    for (const r of repeats) if (third.length > 0) third.splice(r % third.length, 0, third[r % third.length]!);
    for (const w of swaps) {
      if (third.length < 2) break;
      const i = w % (third.length - 1);
      [third[i], third[i + 1]] = [third[i + 1]!, third[i]!];
    }
    const view = buildArchiveView([s.before, s.after]);
    const later: CaptureView = { ...s.before, id: 'third', messages: third };
    return { s, view, later };
  });

function lightOutcomes(light: Light, later: CaptureView): Outcome[] {
  const o = classifySides(light.before, light.after, later.coverage);
  return Array.from({ length: o.length }, (_, k) => outcomeAt(o, k));
}

function sameAsWhole(faults: Faults = {}) {
  return fc.property(histories, ({ s, view, later }) => {
    const items = viewItems(view);
    const whole = classify(items, later);
    const light = lightSides(items, later.messages, faults);
    const outcomes = lightOutcomes(light, later);
    expect(outcomes).toEqual(whole);
    // And two captures compared as `diff` compares them.
    const two = lightSides(
      s.before.messages.map((message) => ({ message, gone: false })),
      s.after.messages,
      faults,
    );
    expect(compareSides(two.before, two.after, s.after.coverage, () => true)).toEqual(compareCaptures(s.before, s.after));
  });
}

describe('the hash-first comparison', () => {
  it('gives the outcomes of the comparison of whole messages, reading only messages the hashes left unpaired', () => {
    fc.assert(sameAsWhole(), RUNS);
  });

  it('reads no message whole when the capture lists what the view shows, as it shows it', () => {
    fc.assert(
      fc.property(histories, ({ view, later }) => {
        const items = viewItems(view);
        const again: CaptureView = { ...later, messages: items.filter((item) => !item.gone).map((item) => item.message) };
        const light = lightSides(items, again.messages);
        expect(lightOutcomes(light, again)).toEqual(classify(items, again));
        expect([light.readBefore.size, light.readAfter.size]).toEqual([0, 0]);
      }),
      RUNS,
    );
  });

  it('gives the same outcomes where the middle differs by more than the hash alignment tries (its attempt skipped)', () => {
    // 2,000 messages a minute apart; every second one of the middle 1,800 edited, unsent or dropped,
    // and a few repeated: more than 1,000 differences, so only the per-minute pairing pairs them.
    const time = (i: number): string => new Date(Date.UTC(2024, 2, 1, 0, i)).toISOString().replace('Z', '+00:00');
    const before = Array.from({ length: 2000 }, (_, i) => msg({ sentAt: time(i), sender: `s${i % 3}`, body: `message ${i} about the site` }));
    const later = before.flatMap((m, i) => {
      if (i < 100 || i >= 1900 || i % 2 === 1) return [m];
      if (i % 6 === 0) return [changed(m, { body: `${m.body}, fixed` })];
      if (i % 6 === 2) return [changed(m, { kind: 'unsent', body: 'unsent a message' })];
      return i % 10 === 4 ? [m, m] : [];
    });
    const items = before.map((message) => ({ message, gone: false }));
    const after = captureOf('later', 'full', later);
    const light = lightSides(items, later);
    const whole = classify(items, after);
    expect(lightOutcomes(light, after)).toEqual(whole);
    expect(whole.filter((o) => o.type === 'edited').length).toBeGreaterThan(150);
  });

  it('would be caught pairing by sender and minute instead of by hash', () => {
    expect(fc.check(sameAsWhole({ keyBySender: true }), RUNS).failed).toBe(true);
  });

  it('would be caught reading the wrong message', () => {
    expect(fc.check(sameAsWhole({ readsNeighbour: true }), RUNS).failed).toBe(true);
  });
});
