/**
 * `sync --every DURATION`: sync, sleep, repeat, until Ctrl-C. A stop during a wait or a request
 * ends the loop with InterruptedError (exit 130); rooms already recorded stay recorded.
 */
import { ServiceError, UsageError } from '../core/errors.js';
import { TokenRefusedError } from './chatwork-client.js';
import type { Clock } from './retry.js';
import { msg } from '../i18n/message.js';

/** Two requests per room per pass against 300 per 5 minutes (docs/design/formats.md §2.5): shorter loops only burn the budget. */
export const MIN_INTERVAL_MS = 60_000;

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `10m`, `1h30m`, `1d` → milliseconds; UsageError for anything else or below the minimum. */
export function parseInterval(text: string): number {
  const parts = /^(?:\d+[smhd])+$/i.test(text.trim())
    ? [
        ...text
          .trim()
          .toLowerCase()
          .matchAll(/(\d+)([smhd])/g),
      ]
    : [];
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MS[unit!]!, 0);
  if (parts.length === 0) {
    throw new UsageError(msg('usage.every', { value: text }), { hint: msg('usage.every.hint') });
  }
  if (ms < MIN_INTERVAL_MS) {
    throw new UsageError(msg('usage.every-often', { value: text }), { hint: msg('usage.every-often.hint') });
  }
  return ms;
}

/**
 * A failed pass that the next one may well get through (network down, Chatwork busy) is reported
 * and the loop goes on; a refused token, a broken archive or a bug stops it.
 */
export function isTransient(e: unknown): e is ServiceError {
  return e instanceof ServiceError && !(e instanceof TokenRefusedError);
}

/** Runs `pass` now and then every `intervalMs` after each pass ends; only a thrown error or an abort ends it. */
export async function repeatEvery(intervalMs: number, signal: AbortSignal, clock: Clock, pass: (n: number) => Promise<void>): Promise<never> {
  for (let n = 1; ; n++) {
    await pass(n);
    await clock.sleep(intervalMs, signal);
  }
}
