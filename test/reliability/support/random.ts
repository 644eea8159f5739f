/**
 * A seeded PRNG for the kill schedules: the seed is printed, and CHATPROOF_TEST_SEED replays a
 * failing run exactly (fast-check prints its own seed for the property tests).
 */
export function seededRandom(label: string): { next(): number; between(lo: number, hi: number): number; seed: number } {
  const fromEnv = Number(process.env['CHATPROOF_TEST_SEED']);
  const seed = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (Date.now() ^ (process.pid << 8)) >>> 0;
  console.info(`[reliability] ${label}: seed ${seed} (replay with CHATPROOF_TEST_SEED=${seed})`);
  let a = seed >>> 0;
  // mulberry32: small, fast, good enough to spread kill times.
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, between: (lo, hi) => lo + (hi - lo) * next(), seed };
}

/** Numbers worth quoting in docs/reliability.md, printed once per test file. */
export function reportNumbers(label: string, numbers: Record<string, unknown>): void {
  console.info(`[reliability] ${label}: ${JSON.stringify(numbers)}`);
}
