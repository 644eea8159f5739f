/**
 * The Chatwork API v2 over HTTP (docs/design/formats.md §2.1): token header, bounded retries on 429/5xx, and
 * the token kept out of every message. Answers are returned as raw bytes (docs/design/evidence-model.md P1); what a status
 * means for a room is the caller's business, except 401, which stops everything.
 */
import { ServiceError } from '../core/errors.js';
import { type Clock, DEFAULT_RETRY_POLICY, isRetryable, type RetryPolicy, retryDelayMs, stopped, systemClock } from './retry.js';
import { msg } from '../i18n/message.js';

export const DEFAULT_API_BASE = 'https://api.chatwork.com/v2';

/** Chatwork refused the token (401): no retry helps, the user has to act. */
export class TokenRefusedError extends ServiceError {}

export interface ApiResponse {
  /** e.g. `GET /rooms/123/messages?force=1`: what was asked, without the token (it is in a header). */
  readonly request: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Ctrl-C: aborts the request or wait under way. */
  readonly signal: AbortSignal;
  readonly clock?: Clock;
  readonly retry?: RetryPolicy;
  /** A request that has not finished by then counts as unreachable (an unattended `--every` must not hang). */
  readonly timeoutMs?: number;
  /** Told before each wait, so that the user knows why nothing seems to happen. */
  readonly onWait?: (ms: number, why: string) => void;
}

/** Far above any message list (100 messages); a bigger answer is not what we asked for. */
const MAX_API_BODY = 32 * 1024 * 1024;
/** A file of up to 100 MB on a slow line needs longer than an API answer. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

export class ChatworkClient {
  private readonly base: string;
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly options: ClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /**
   * GET `path` (with its query). Statuses in `expected` are returned; 401 throws TokenRefusedError;
   * 429/5xx are retried within the policy, then throw; anything else throws a ServiceError.
   */
  async get(path: string, expected: readonly number[]): Promise<ApiResponse> {
    const request = `GET ${path}`;
    const res = await this.withRetries(request, () => this.send(`${this.base}${path}`, true, request, MAX_API_BODY, this.timeoutMs));
    if (res.status === 401) {
      throw new TokenRefusedError(msg('service.token-refused', { detail: this.errorText(res.body) }), { hint: msg('hint.chatwork-token') });
    }
    if (!expected.includes(res.status)) {
      throw new ServiceError(msg('service.unexpected', { status: res.status, request: `${request}${this.errorText(res.body)}` }), {
        hint: msg('service.unexpected.hint'),
      });
    }
    return res;
  }

  /**
   * Downloads a file from the short-lived URL Chatwork gave (valid about 30 s). The token is
   * deliberately not sent: the URL is itself the permission and may point at another host.
   */
  async download(url: string, maxBytes: number): Promise<Uint8Array> {
    if (!/^https?:\/\//i.test(url)) throw new ServiceError(msg('service.bad-link'), { hint: msg('service.unexpected.hint') });
    const what = `the download of a file (${new URL(url).host})`;
    const res = await this.withRetries(what, () => this.send(url, false, what, maxBytes, DOWNLOAD_TIMEOUT_MS));
    if (res.status !== 200) throw new ServiceError(msg('service.download', { status: res.status, what }), { hint: msg('service.download.hint') });
    return res.body;
  }

  private async withRetries(what: string, once: () => Promise<ApiResponse>): Promise<ApiResponse> {
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      const res = await once();
      if (!isRetryable(res.status)) return res;
      const resetHeader = res.headers.get('x-ratelimit-reset');
      const delay = retryDelayMs({ status: res.status, attempt, resetHeader, nowMs: this.clock.now(), waitedMs }, this.retry);
      const why = res.status === 429 ? 'rate limit reached (Chatwork allows 300 requests per 5 minutes)' : `Chatwork answered ${res.status}`;
      if (delay === null) {
        throw new ServiceError(msg('service.gave-up', { what, tries: attempt, why }), {
          hint:
            res.status === 429 && resetHeader !== null
              ? msg('service.rate-limited.hint', { at: new Date(Number(resetHeader) * 1000).toISOString() })
              : msg('service.trouble.hint'),
        });
      }
      this.options.onWait?.(delay, why);
      await this.clock.sleep(delay, this.options.signal);
      waitedMs += delay;
    }
  }

  private async send(url: string, withToken: boolean, what: string, maxBytes: number, timeoutMs: number): Promise<ApiResponse> {
    const signal = AbortSignal.any([this.options.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const res = await fetch(url, { headers: withToken ? { 'x-chatworktoken': this.options.token } : {}, signal, redirect: withToken ? 'error' : 'follow' });
      const body = await readCapped(res, maxBytes);
      if (body === null)
        throw new ServiceError(
          msg('service.too-large', { what, max: maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${maxBytes} B` }),
          { hint: msg('service.unexpected.hint') },
        );
      return { request: what, status: res.status, headers: res.headers, body };
    } catch (e) {
      if (e instanceof ServiceError) throw e;
      if (this.options.signal.aborted) throw stopped();
      throw new ServiceError(msg('service.unreachable', { what: this.scrub(what), why: this.scrub(describeFailure(e, timeoutMs)) }), {
        hint: msg('service.unreachable.hint'),
      });
    }
  }

  /** `: Invalid API token` from a `{"errors": [...]}` body, scrubbed and short; empty if there is none. */
  private errorText(body: Uint8Array): string {
    try {
      const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { errors?: unknown };
      const errors = Array.isArray(parsed.errors) ? parsed.errors.filter((x): x is string => typeof x === 'string') : [];
      return errors.length > 0 ? `: ${this.scrub(errors.join('; ')).slice(0, 200)}` : '';
    } catch {
      return '';
    }
  }

  /** The token never appears in a message, whatever a server or the network layer echoes. */
  private scrub(text: string): string {
    return this.options.token === '' ? text : text.split(this.options.token).join('[token]');
  }
}

/** The body, or null if it is longer than `maxBytes` (stops reading there). */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (declared > maxBytes) {
    await res.body?.cancel();
    return null;
  }
  if (res.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A cause a person can act on ("connection refused"), not a stack trace. */
function describeFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof DOMException && e.name === 'TimeoutError') return `no answer within ${Math.round(timeoutMs / 1000)} seconds`;
  const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ENOTFOUND: 'the server name could not be found',
    ECONNRESET: 'the connection was cut',
    ETIMEDOUT: 'the connection timed out',
    EAI_AGAIN: 'the server name could not be looked up (no network?)',
  };
  if (code !== null) return known[code] ?? code;
  if (typeof cause?.message === 'string') return cause.message;
  return e instanceof Error ? e.message : String(e);
}
