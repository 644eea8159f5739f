import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/**
 * The defences of a web app that anyone on the machine, and any web page the user visits, can
 * reach (docs/ui.md "What the app guards against"): the Host allow-list against DNS rebinding,
 * the per-run token moved into a cookie, Origin + a custom header against cross-site requests, and
 * the response headers that keep the page from loading anything from outside.
 */

/** The header every state-changing request carries: a cross-site page cannot send it without a preflight we never answer. */
export const REQUEST_HEADER = 'x-chatproof-request';

/** A 256-bit secret for this run. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The exact Host values this server answers to: names, never patterns or DNS lookups. */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/**
 * Checked on the raw request, before the router builds a URL from it: the Host header must be one
 * of ours and the request-target a path, since an absolute target (`GET http://evil.example/`)
 * would override Host in the URL the router sees.
 */
export function rawRequestAllowed(req: IncomingMessage, hosts: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  return host !== undefined && hosts.has(host) && (req.url ?? '').startsWith('/') && !(req.url ?? '').startsWith('//');
}

export function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are not kept apart by port, so the name carries it: two runs on one machine do not collide. */
export function cookieName(port: number): string {
  return `chatproof_${port}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** On every response, refusals included. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('Content-Security-Policy', CSP);
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('X-Frame-Options', 'DENY');
  h.set('Referrer-Policy', 'no-referrer');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Cross-Origin-Resource-Policy', 'same-origin');
  h.set('Cache-Control', 'no-store');
};

export interface GuardOptions {
  readonly token: string;
  readonly port: number;
  /** The page shown to a visitor without the token: says where the address is. */
  readonly refusal: (status: 401 | 403 | 405 | 415) => string;
}

/**
 * Token → cookie on the first visit (then a redirect that strips it from the address bar), the
 * cookie on every later request; Origin, Sec-Fetch-Site, the custom header and a non-form body
 * type on every request that changes something. No CORS: OPTIONS is refused and no
 * Access-Control-* header is ever sent.
 */
export function authGuard(opts: GuardOptions): MiddlewareHandler {
  const name = cookieName(opts.port);
  const origins = new Set([...allowedHosts(opts.port)].map((h) => `http://${h}`));
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'OPTIONS') return c.html(opts.refusal(405), 405);
    const url = new URL(c.req.url);
    const queryToken = url.searchParams.get('token') ?? undefined;
    if ((method === 'GET' || method === 'HEAD') && queryToken !== undefined) {
      if (!sameSecret(queryToken, opts.token)) return c.html(opts.refusal(401), 401);
      url.searchParams.delete('token');
      c.header('Set-Cookie', `${name}=${opts.token}; HttpOnly; SameSite=Strict; Path=/`);
      return c.redirect(url.pathname + (url.search === '?' ? '' : url.search), 303);
    }
    if (!sameSecret(cookieValue(c.req.header('cookie'), name), opts.token)) return c.html(opts.refusal(401), 401);
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if (origin === undefined || !origins.has(origin) || (site !== undefined && site !== 'same-origin') || c.req.header(REQUEST_HEADER) !== '1') {
        return c.html(opts.refusal(403), 403);
      }
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json' && type !== 'application/octet-stream') return c.html(opts.refusal(415), 415);
    }
    await next();
  };
}
