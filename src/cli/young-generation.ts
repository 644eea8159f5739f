import { setFlagsFromString } from 'node:v8';

/** V8's own default for `--semi-space-growth-factor` (`node --v8-options`). */
const V8_DEFAULT_GROWTH = 2;

/**
 * Runs `work` with V8's young generation kept at the size it has, not doubled each time a
 * scavenge finds much alive. Over a long verify the main thread reads and parses originals beside
 * the re-parse thread, and V8 grew its young generation by tens of MB it did not give back: most
 * of what the daily archive's verify grew by with its captures (docs/performance.md, "verify of a
 * year of daily captures"). `--max-semi-space-size` would cap it too, but V8 reads it only when the
 * heap is made, before the CLI runs; the growth factor it reads at each growth. Put back after:
 * a command run in-process (the tests) leaves V8's default behind.
 */
export async function withSteadyYoungGeneration<T>(work: () => Promise<T>): Promise<T> {
  setFlagsFromString('--semi-space-growth-factor=1');
  try {
    return await work();
  } finally {
    setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH}`);
  }
}
