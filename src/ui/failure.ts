import { html } from 'hono/html';
import type { Lang } from '../cli/lang.js';
import { ChatproofError } from '../core/errors.js';
import type { Html } from './layout.js';
import { say, T } from './text.js';

/** HTTP statuses by error category: what went wrong is the same as the CLI's exit code says. */
const STATUS = { usage: 400, input: 422, archive: 503, integrity: 409, service: 502, interrupted: 503 } as const;

export function statusFor(e: unknown): 400 | 409 | 422 | 500 | 502 | 503 {
  return e instanceof ChatproofError ? STATUS[e.category] : 500;
}

/** An error as the page shows it: what went wrong, where, and what to do next. */
export function failure(lang: Lang, e: unknown): Html {
  if (!(e instanceof ChatproofError)) {
    return html`<div class="error" role="alert"><strong>${say(lang, T.failed)}</strong><p>${say(lang, T.internal)}</p><pre>${e instanceof Error ? e.message : String(e)}</pre></div>`;
  }
  return html`<div class="error" role="alert"><strong>${say(lang, T.failed)}</strong>
<p>${e.message}${e.where ? html` <span class="muted">(${e.where})</span>` : ''}</p>
${e.hint ? html`<p>${say(lang, T.next)}: ${e.hint}</p>` : ''}</div>`;
}
