import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Pending } from '../../src/ui/pending.js';

it('keeps within its limits by dropping the oldest, and tells of each item dropped', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(100), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 100, max: 300 }), (weights, max, maxWeight) => {
      const dropped: number[] = [];
      const p = new Pending<number>({ max, maxWeight, weight: (w) => w, onDrop: (w) => dropped.push(w) });
      const ids = weights.map((w) => p.add(w));
      const kept = ids.map((id) => p.get(id)).filter((w) => w !== undefined);
      // What is kept is the newest items, and they fit (the newest is kept even alone over the weight).
      expect(kept).toEqual(weights.slice(weights.length - kept.length));
      expect(kept.length).toBeLessThanOrEqual(max);
      if (kept.length > 1) expect(kept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxWeight);
      expect(dropped).toEqual(weights.slice(0, weights.length - kept.length));
    }),
  );
});

it('gives an item once', () => {
  const p = new Pending<string>({ max: 4 });
  const id = p.add('a');
  expect(p.take(id)).toBe('a');
  expect(p.take(id)).toBeUndefined();
});
