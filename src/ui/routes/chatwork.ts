import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { ChatworkSession } from '../../app/chatwork-session.js';
import type { Lang } from '../../i18n/lang.js';
import { render, textsIn } from '../../i18n/message.js';
import { stampPhrase } from '../../app/watch-folder.js';
import type { UiDeps, UiEnv } from '../env.js';
import { failure } from '../failure.js';
import { when, whenText } from '../format.js';
import { page, type Html } from '../layout.js';
import { fields } from '../upload.js';

const STATUS_KEY = {
  captured: 'ui.chatwork.status.captured',
  unchanged: 'ui.chatwork.status.unchanged',
  unreachable: 'ui.chatwork.status.unreachable',
} as const;

/** The schedule and the last pass: refreshed on the page while it is open, so a scheduled pass shows up. */
function passes(lang: Lang, tz: string, s: ChatworkSession): Html {
  const tx = textsIn(lang);
  const last = s.last;
  return html`<p data-schedule="${s.minutes}">
      ${s.minutes > 0 ? tx('ui.chatwork.scheduled', { minutes: s.minutes }) : tx('ui.chatwork.unscheduled')}
      ${s.syncing ? html`<span data-syncing>${tx('ui.chatwork.syncing')}</span>` : ''}
      ${s.next === null ? '' : html`<span data-next>${tx('ui.chatwork.next', { at: whenText(s.next, tz) })}</span>`}
    </p>
    ${
      last === null
        ? ''
        : html`<h2>${tx('ui.chatwork.last')}: ${when(last.at, tz)}</h2>
            <div data-last="${last.error === null ? 'ok' : 'failed'}">
              ${last.error === null ? html`<p>${tx('ui.chatwork.synced', { rooms: last.rooms.length, captures: last.rooms.filter((r) => r.status === 'captured').length })}</p>` : failure(lang, last.error)}
              ${last.stamp === null ? '' : html`<p data-stamp="${last.stamp.kind}" class="${last.stamp.kind === 'queued' ? 'warn' : ''}">${render(lang, stampPhrase(last.stamp))}</p>`}
              <ul>
                ${last.rooms.map((r) => html`<li>${r.room ? html`<a href="/rooms/${r.room.id}">${r.title}</a>` : r.title}: ${tx(STATUS_KEY[r.status])}</li>`)}
              </ul>
            </div>`
    }`;
}

/** What the session holds, never the token itself. */
function state(lang: Lang, tz: string, s: ChatworkSession): Html {
  const tx = textsIn(lang);
  return html`<p data-token="${s.hasToken ? 'set' : 'none'}">${s.hasToken ? tx('ui.chatwork.kept') : tx('ui.chatwork.no-token')}</p>
    ${
      s.hasToken
        ? html`<div class="actions">
              <form data-post="/chatwork/sync" data-target="#chatwork-state"><button type="submit">${tx('ui.chatwork.sync')}</button></form>
              <form data-post="/chatwork/forget" data-target="#chatwork-state">
                <button type="submit" class="secondary">${tx('ui.chatwork.forget')}</button>
              </form>
            </div>
            <form data-post="/chatwork/schedule" data-target="#chatwork-state">
              <label>${tx('ui.chatwork.every')}<input type="number" name="minutes" min="0" max="1440" value="${s.minutes}" /></label>
              <p><button type="submit" class="secondary">${tx('ui.chatwork.schedule')}</button></p>
            </form>`
        : ''
    }
    <div id="chatwork-passes" data-refresh="/chatwork/passes" data-every="5000">${passes(lang, tz, s)}</div>`;
}

export function chatworkRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  const s = deps.chatwork;

  app.get('/chatwork', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    return c.html(
      page(
        lang,
        '/chatwork',
        tx('ui.chatwork.title'),
        html`<p>${tx('ui.chatwork.intro')}</p>
          <form data-post="/chatwork/token" data-target="#chatwork-state" data-clear>
            <label>${tx('ui.chatwork.token')}<input type="password" name="token" autocomplete="off" spellcheck="false" /></label>
            <p class="muted">${tx('ui.chatwork.token-where')}</p>
            <p><button type="submit">${tx('ui.chatwork.keep')}</button></p>
          </form>
          <section id="chatwork-state" aria-live="polite">${state(lang, deps.workspace.tz, s)}</section>`,
      ),
    );
  });

  app.get('/chatwork/passes', (c) => c.html(passes(c.get('lang'), deps.workspace.tz, s)));

  app.post('/chatwork/token', async (c) => {
    s.setToken((await fields(c))['token'] ?? '');
    return c.html(state(c.get('lang'), deps.workspace.tz, s));
  });

  app.post('/chatwork/forget', (c) => {
    s.forget();
    return c.html(state(c.get('lang'), deps.workspace.tz, s));
  });

  app.post('/chatwork/sync', async (c) => {
    await s.syncNow();
    return c.html(state(c.get('lang'), deps.workspace.tz, s));
  });

  app.post('/chatwork/schedule', async (c) => {
    const minutes = Math.max(0, Math.min(1440, Math.floor(Number((await fields(c))['minutes'] ?? '0')) || 0));
    s.schedule(minutes);
    return c.html(state(c.get('lang'), deps.workspace.tz, s));
  });
}
