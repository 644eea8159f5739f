/**
 * `sync chatwork` as a command runs it: the API client from the environment (the token is read
 * from CHATWORK_API_TOKEN, never stored, never printed), one pass over the rooms, or a pass every
 * interval until stopped. The CLI parses the arguments, calls these and renders what they report.
 */
import { InterruptedError, UsageError, type ServiceError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import type { Archive } from '../store/archive.js';
import { ChatworkClient, DEFAULT_API_BASE, TokenRefusedError } from '../sync/chatwork-client.js';
import { isTransient, repeatEvery } from '../sync/every.js';
import { systemClock } from '../sync/retry.js';
import type { SyncProgress, SyncRequest } from './sync-run.js';

export { parseInterval } from '../sync/every.js';
export type { ChatworkClient } from '../sync/chatwork-client.js';

export interface ChatworkAccess {
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  /** Told when the client waits before asking again (a rate limit, a busy server). */
  readonly onWait?: (ms: number, why: string) => void;
}

/** The client for CHATWORK_API_TOKEN at CHATWORK_API_BASE (default: Chatwork's own address). */
export function chatworkClient(access: ChatworkAccess): ChatworkClient {
  return new ChatworkClient({
    baseUrl: apiBase(access.env),
    token: apiToken(access.env),
    signal: access.signal,
    ...(access.onWait ? { onWait: access.onWait } : {}),
  });
}

/** A `--room` argument: `123456`, or `rid123456` as the room's address shows it. */
export function chatworkRoomId(arg: string): string {
  const m = /^(?:rid)?(\d+)$/i.exec(arg.trim());
  if (!m) throw new UsageError(msg('usage.sync-room', { arg }), { hint: msg('usage.sync-room.hint') });
  return m[1]!;
}

/**
 * One pass (app/sync-run.ts). Rooms recorded before a failure stay recorded and `progress` says
 * which; a refused token comes back with the way to a working one.
 */
export async function syncPass(archive: Archive, client: ChatworkClient, request: SyncRequest, signal: AbortSignal, progress: SyncProgress): Promise<void> {
  const { runSync } = await import('./sync-run.js');
  try {
    await runSync(archive, client, request, signal, progress);
  } catch (e) {
    // Same class, so that `--every` still stops on it.
    if (e instanceof TokenRefusedError) throw new TokenRefusedError(e.text, { hint: msg('hint.chatwork-token') });
    throw e;
  }
}

export interface RepeatHooks {
  /** A pass failed for a reason that may pass (the network, the service): the next one runs anyway. */
  readonly onPassFailed: (e: ServiceError) => void;
  /** After each pass: when the next one starts. */
  readonly onNext: (at: string) => void;
}

/** `--every`: `pass` every `intervalMs`; returns once the signal stops it, throws on a failure that will not pass. */
export async function syncEvery(intervalMs: number, signal: AbortSignal, pass: () => Promise<void>, hooks: RepeatHooks): Promise<void> {
  try {
    await repeatEvery(intervalMs, signal, systemClock, async () => {
      try {
        await pass();
      } catch (e) {
        if (!isTransient(e)) throw e;
        hooks.onPassFailed(e);
      }
      hooks.onNext(new Date(Date.now() + intervalMs).toISOString());
    });
  } catch (e) {
    if (!(e instanceof InterruptedError)) throw e;
  }
}

/** The token: from the environment only, never stored, never printed (not even in this error). */
function apiToken(env: NodeJS.ProcessEnv): string {
  const token = (env['CHATWORK_API_TOKEN'] ?? '').trim();
  if (token === '') throw new UsageError(msg('usage.token-unset'), { hint: msg('hint.chatwork-token') });
  if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError(msg('usage.token-characters'), { hint: msg('hint.chatwork-token') });
  return token;
}

function apiBase(env: NodeJS.ProcessEnv): string {
  const base = env['CHATWORK_API_BASE']?.trim() || DEFAULT_API_BASE;
  if (!/^https?:\/\/[^/]/i.test(base)) throw new UsageError(msg('usage.api-base', { example: DEFAULT_API_BASE, base }));
  return base;
}
