import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/message.js';
import { ArchiveError, InterruptedError, ServiceError } from '../../src/core/errors.js';
import { TokenRefusedError } from '../../src/sync/chatwork-client.js';
import { isTransient, parseInterval, repeatEvery } from '../../src/sync/every.js';
import { type Clock, retryDelayMs, systemClock } from '../../src/sync/retry.js';

const policy = { maxAttempts: 4, baseDelayMs: 1000, maxTotalWaitMs: 60_000 };
const now = 1_700_000_000_000;

describe('retryDelayMs', () => {
  it('backs off exponentially on 5xx and gives up after the last try', () => {
    const waits = [1, 2, 3, 4].map((attempt) => retryDelayMs({ status: 503, attempt, resetHeader: null, nowMs: now, waitedMs: 0 }, policy));
    expect(waits).toEqual([1000, 2000, 4000, null]);
  });

  it('waits for x-ratelimit-reset on 429, a little past the second', () => {
    expect(retryDelayMs({ status: 429, attempt: 1, resetHeader: String(now / 1000 + 30), nowMs: now, waitedMs: 0 }, policy)).toBe(30_500);
    expect(retryDelayMs({ status: 429, attempt: 1, resetHeader: String(now / 1000 - 5), nowMs: now, waitedMs: 0 }, policy)).toBe(500);
    expect(retryDelayMs({ status: 429, attempt: 1, resetHeader: 'soon', nowMs: now, waitedMs: 0 }, policy)).toBe(1000);
  });

  it('gives up rather than wait past the total budget', () => {
    expect(retryDelayMs({ status: 429, attempt: 1, resetHeader: String(now / 1000 + 120), nowMs: now, waitedMs: 0 }, policy)).toBeNull();
    expect(retryDelayMs({ status: 500, attempt: 2, resetHeader: null, nowMs: now, waitedMs: 59_000 }, policy)).toBeNull();
  });
});

describe('systemClock.sleep', () => {
  it('ends at once with InterruptedError when aborted', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const sleeping = systemClock.sleep(60_000, stop.signal);
    stop.abort();
    await expect(sleeping).rejects.toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('--every', () => {
  it('reads durations and refuses nonsense and too-short loops', () => {
    expect(parseInterval('10m')).toBe(600_000);
    expect(parseInterval('1h30m')).toBe(5_400_000);
    expect(parseInterval('90s')).toBe(90_000);
    expect(() => parseInterval('10')).toThrow(/duration like 10m/);
    expect(() => parseInterval('10 minutes')).toThrow(/duration like 10m/);
    expect(() => parseInterval('30s')).toThrow(/at least 1m/);
  });

  it('goes on after a pass that failed for a passing reason, not after a refused token or a broken archive', () => {
    expect(isTransient(new ServiceError(msg('service.unreachable', { what: 'GET /rooms', why: 'ECONNREFUSED' })))).toBe(true);
    expect(isTransient(new TokenRefusedError(msg('service.unreachable', { what: 'GET /rooms', why: '401' })))).toBe(false);
    expect(isTransient(new ArchiveError(msg('archive.busy', { path: 'chatproof.db' })))).toBe(false);
    expect(isTransient(new InterruptedError(msg('interrupted.sync')))).toBe(false);
  });

  it('syncs, sleeps and repeats until the stop, which ends the wait', async () => {
    const stop = new AbortController();
    const slept: number[] = [];
    const clock: Clock = {
      now: () => 0,
      sleep: async (ms, signal) => {
        if (signal.aborted) throw new InterruptedError(msg('interrupted.sync'));
        slept.push(ms);
      },
    };
    let passes = 0;
    const loop = repeatEvery(600_000, stop.signal, clock, async () => {
      passes++;
      if (passes === 3) stop.abort();
    });
    await expect(loop).rejects.toBeInstanceOf(InterruptedError);
    expect(passes).toBe(3);
    expect(slept).toEqual([600_000, 600_000]);
  });
});
