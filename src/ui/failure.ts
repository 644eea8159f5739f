import { html } from 'hono/html';
import { ChatproofError, describeError } from '../core/errors.js';
import type { Lang } from '../i18n/lang.js';
import { textsIn } from '../i18n/message.js';
import type { Html } from './layout.js';

/** HTTP statuses by error category: what went wrong is the same as the CLI's exit code says. */
const STATUS = { usage: 400, input: 422, archive: 503, integrity: 409, service: 502, interrupted: 503 } as const;

export function statusFor(e: unknown): 400 | 409 | 422 | 500 | 502 | 503 {
  return e instanceof ChatproofError ? STATUS[e.category] : 500;
}

/** An error as the page shows it, in the reader's language: what went wrong, where, and what to do next. */
export function failure(lang: Lang, e: unknown): Html {
  const tx = textsIn(lang);
  if (!(e instanceof ChatproofError)) {
    return html`<div class="error" role="alert">
      <strong>${tx('ui.failed')}</strong>
      <p>${tx('ui.internal')}</p>
      <pre>${e instanceof Error ? e.message : String(e)}</pre>
    </div>`;
  }
  const d = describeError(e, lang);
  return html`<div class="error" role="alert" data-code="${d.code}">
    <strong>${tx('ui.failed')}</strong>
    <p>${d.message}${d.where ? html` <span class="muted">(${d.where})</span>` : ''}</p>
    ${d.hint ? html`<p>${tx('ui.next')}: ${d.hint}</p>` : ''}
  </div>`;
}
