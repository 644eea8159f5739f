import { InterruptedError } from '../core/errors.js';
import { msg } from '../i18n/message.js';

/**
 * When to try a request again. Chatwork allows 300 requests per 5 minutes and answers 429 past
 * that, with `x-ratelimit-reset` (Unix seconds) saying when the window opens again; it sends no
 * `Retry-After` (docs/design/formats.md §2.5). Server errors (5xx) get an exponential back-off.
 */
export interface RetryPolicy {
  /** Tries per request, the first one included. */
  readonly maxAttempts: number;
  /** Wait after the first 5xx (or a 429 without a usable reset header); doubles on each further try. */
  readonly baseDelayMs: number;
  /** Most time spent waiting for one request, all tries together: past it, give up. */
  readonly maxTotalWaitMs: number;
}

/** A rate-limit window is 5 minutes, so a little over that is enough to get through one 429. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2_000, maxTotalWaitMs: 330_000 };

/** Reset times are whole seconds: wait a little past them, so the retry lands in the new window. */
const RESET_MARGIN_MS = 500;

export interface FailedTry {
  readonly status: number;
  /** 1-based number of the try that just failed. */
  readonly attempt: number;
  /** The `x-ratelimit-reset` header of the failed answer, if any. */
  readonly resetHeader: string | null;
  readonly nowMs: number;
  /** Time already spent waiting for this request. */
  readonly waitedMs: number;
}

export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** How long to wait before the next try, or null to give up (tries or waiting budget used up). */
export function retryDelayMs(failed: FailedTry, policy: RetryPolicy): number | null {
  if (failed.attempt >= policy.maxAttempts) return null;
  const backOff = policy.baseDelayMs * 2 ** (failed.attempt - 1);
  const reset = failed.status === 429 ? Number(failed.resetHeader ?? '') : NaN;
  const delay = failed.resetHeader !== null && Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - failed.nowMs) + RESET_MARGIN_MS : backOff;
  return failed.waitedMs + delay > policy.maxTotalWaitMs ? null : delay;
}

/** What the sync needs of time, injectable so that tests need not really wait. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with InterruptedError as soon as `signal` aborts (Ctrl-C). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(stopped());
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(stopped());
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

export function stopped(): InterruptedError {
  return new InterruptedError(msg('interrupted.sync'));
}
