import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListedHashes } from '../../src/store/listed-hashes.js';

// Hashes that often share their first four bytes (the bucket) or are equal, so probing and
// duplicates within and across lists are exercised, not only the uniform case.
const hash = fc.tuple(fc.constantFrom(0, 1, 0xffffffff), fc.uint8Array({ minLength: 28, maxLength: 28 }), fc.boolean()).map(([head, tail, flat]) => {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(head, 0);
  if (!flat) Buffer.from(tail).copy(b, 4);
  return b;
});
// Some lists start at an odd byte of their memory, as a slice of a larger buffer may.
const list = fc.tuple(fc.array(hash, { maxLength: 40 }), fc.boolean()).map(([hs, odd]) => {
  const whole = Buffer.concat(hs);
  if (!odd) return whole;
  const shifted = Buffer.alloc(whole.length + 1);
  whole.copy(shifted, 1);
  return shifted.subarray(1);
});

describe('ListedHashes: which listed hashes a stored row was seen for', () => {
  it('answers as a Set of every seen key did, for every entry of every list', () => {
    fc.assert(
      fc.property(fc.array(list, { maxLength: 4 }), fc.array(hash, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 60 }), (lists, others, picks) => {
        const all = lists.flatMap((l) => Array.from({ length: l.length / 32 }, (_, i) => l.toString('hex', i * 32, i * 32 + 32)));
        // Seen: some listed hashes (picked by index), some that no list holds, and junk keys.
        const seen = [...picks.filter(() => all.length > 0).map((p) => all[p % all.length]!), ...others.map((h) => h.toString('hex')), 'zz', ''];
        const index = new ListedHashes(lists);
        for (const k of seen) index.see(k);
        const set = new Set(seen);
        for (const l of lists) for (let at = 0; at < l.length; at += 32) expect(index.seenAt(l, at)).toBe(set.has(l.toString('hex', at, at + 32)));
      }),
    );
  });

  it('answers the same for lists let go (their new hashes copied) as for lists kept, entry numbers aside', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(list, fc.boolean()), { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 30 }), (added, picks) => {
        const all = added.flatMap(([l]) => Array.from({ length: l.length / 32 }, (_, i) => l.toString('hex', i * 32, i * 32 + 32)));
        const seen = picks.filter(() => all.length > 0).map((p) => all[p % all.length]!);
        const kept = new ListedHashes(added.map(([l]) => l));
        const mixed = new ListedHashes();
        for (const [l, keep] of added) mixed.add(l, keep);
        for (const k of seen) expect(mixed.see(k) >= 0).toBe(kept.see(k) >= 0);
        const set = new Set(seen);
        expect(mixed.allSeen()).toBe(all.every((h) => set.has(h)));
        for (const [l] of added) for (let at = 0; at < l.length; at += 32) expect(mixed.seenAt(l, at)).toBe(set.has(l.toString('hex', at, at + 32)));
        for (const [l] of added)
          for (let at = 0; at < l.length; at += 32) {
            // One number a distinct hash, below the count of entries, whichever list names it.
            const entry = mixed.entryAt(l, at);
            expect(entry).toBeGreaterThanOrEqual(0);
            expect(entry).toBeLessThan(mixed.size);
            expect(mixed.see(l.toString('hex', at, at + 32))).toBe(entry);
          }
      }),
    );
  });

  it('finds one hash among a million', () => {
    const n = 1_000_000;
    const l = Buffer.alloc(n * 32);
    for (let i = 0; i < n; i++) {
      l.writeUInt32LE(Math.imul(i, 0x9e3779b1) >>> 0, i * 32);
      l.writeUInt32LE(i, i * 32 + 4);
    }
    const index = new ListedHashes([l]);
    index.see(l.toString('hex', 32 * 7, 32 * 8));
    expect(index.seenAt(l, 32 * 7)).toBe(true);
    expect(index.seenAt(l, 32 * 8)).toBe(false);
  });
});
