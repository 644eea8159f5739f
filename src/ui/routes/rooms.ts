import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { MessageKey } from '../../i18n/catalog.js';
import type { Lang } from '../../i18n/lang.js';
import { msg, render, textsIn } from '../../i18n/message.js';
import type { Change, MessageStatus, ViewMessage } from '../../core/diff/index.js';
import { isDeletionMark } from '../../core/diff/removal.js';
import { isoInZone } from '../../core/time.js';
import type { UiDeps, UiEnv } from '../env.js';
import { when } from '../format.js';
import { page, type Html } from '../layout.js';
import { attachmentsList, notesList } from './room-notes.js';

const PAGE_SIZE = 200;

const STATUS_KEY = {
  present: 'ui.status.present',
  edited: 'ui.status.edited',
  unsent: 'ui.status.unsent',
  deleted: 'ui.status.deleted',
  added: 'ui.status.added',
} as const satisfies Record<MessageStatus | 'added', MessageKey>;

export function statusText(lang: Lang, status: string): string {
  return status in STATUS_KEY ? render(lang, msg(STATUS_KEY[status as keyof typeof STATUS_KEY])) : status;
}

function changeCounts(lang: Lang, counts: Readonly<Record<MessageStatus, number>>): Html {
  const parts = (['edited', 'unsent', 'deleted'] as const).filter((k) => counts[k] > 0);
  if (parts.length === 0) return html`<span class="muted">—</span>`;
  return html`${parts.map((k, i) => html`${i > 0 ? ', ' : ''}<span class="status ${k}" data-count="${k}">${statusText(lang, k)} ${counts[k]}</span>`)}`;
}

/**
 * What a message said: for an edited one every earlier body struck through, then the current one;
 * for an unsent or deleted one, the last body it had, struck through (LINE's "unsent" line is not
 * what the person wrote).
 */
function body(lang: Lang, m: ViewMessage): Html {
  const bodies = m.history.map((h) => h.body);
  if (m.status === 'edited') return html`${bodies.slice(0, -1).map((b) => html`<del class="before">${b}</del> → `)}<ins>${m.body}</ins>`;
  if (m.status === 'unsent') return html`<del class="before">${bodies.length > 1 ? bodies[bodies.length - 2] : m.body}</del>`;
  // Deleted by the source's mark in the room's first capture: there is no earlier text to strike through.
  if (m.status === 'deleted' && m.kind === 'unsent' && isDeletionMark(m.current))
    return html`<em class="unknown">${render(lang, msg('ui.deleted.text-unknown'))}</em>`;
  if (m.status === 'deleted') return html`<del class="before">${m.body}</del>`;
  return html`${m.body}`;
}

function messageRow(lang: Lang, tz: string, roomId: string, m: ViewMessage, capturedAt: ReadonlyMap<string, string>): Html {
  const asOf = capturedAt.get(m.statusAsOf) ?? null;
  return html`<tr class="msg ${m.status}" data-status="${m.status}">
    <td>${when(m.sentAt, tz)}</td>
    <td>${m.sender ?? '—'}</td>
    <td class="body">${body(lang, m)}</td>
    <td class="status">
      ${statusText(lang, m.status)}${m.status === 'present' ? '' : html`<br /><span class="muted">${asOf === null ? '' : html`${when(asOf, tz)} `}${textsIn(lang)('ui.room.as-of')}</span>`}
      <a class="attach-to" href="/rooms/${roomId}/attach-to/${m.current.hash}" title="${textsIn(lang)('ui.attach.for-title')}"
        >${textsIn(lang)('ui.attach.to-message')}</a
      >
    </td>
  </tr>`;
}

export function changeRow(lang: Lang, tz: string, c: Change): Html {
  const m = (c.after ?? c.before)!;
  const text =
    c.type === 'edited'
      ? html`<del class="before">${c.before!.body}</del> → <ins>${c.after!.body}</ins>`
      : c.type === 'added'
        ? html`${m.body}`
        : html`<del class="before">${c.before!.body}</del>`;
  return html`<tr class="msg ${c.type}" data-status="${c.type}">
    <td>${when(m.sentAt, tz)}</td>
    <td>${m.sender ?? '—'}</td>
    <td class="body">${text}</td>
    <td class="status">${statusText(lang, c.type)}</td>
  </tr>`;
}

export function messageTable(lang: Lang, rows: Html[]): Html {
  const tx = textsIn(lang);
  return html`<table class="messages">
    <thead>
      <tr>
        <th>${tx('ui.room.when')}</th>
        <th>${tx('ui.room.who')}</th>
        <th>${tx('ui.room.body')}</th>
        <th>${tx('ui.room.status')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function roomRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  app.get('/', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const rooms = deps.workspace.exists() ? deps.browser.rooms() : [];
    const body =
      rooms.length === 0
        ? html`<p>${tx('ui.rooms.none')}</p>
            <div class="actions">
              <a class="button" href="/import">${tx('ui.nav.import')}</a><a class="button secondary" href="/verify">${tx('ui.nav.verify')}</a>
            </div>`
        : html`<table class="rooms">
            <thead>
              <tr>
                <th>${tx('ui.rooms.room')}</th>
                <th>${tx('ui.rooms.source')}</th>
                <th>${tx('ui.rooms.as-of')}</th>
                <th class="n">${tx('ui.rooms.captures')}</th>
                <th class="n">${tx('ui.rooms.messages')}</th>
                <th>${tx('ui.rooms.changes')}</th>
              </tr>
            </thead>
            <tbody>
              ${rooms.map(
                (r) =>
                  html`<tr data-room="${r.id}">
                    <td><a href="/rooms/${r.id}">${r.title}</a></td>
                    <td>${r.source}</td>
                    <td data-as-of>${when(r.lastAsOf, deps.workspace.tz)}</td>
                    <td class="n">${r.captures}</td>
                    <td class="n">${r.lastCaptureMessages}</td>
                    <td>${changeCounts(lang, r.counts)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`;
    return c.html(page(lang, '/', tx('ui.rooms.title'), body));
  });

  app.get('/rooms/:id', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const changedOnly = c.req.query('changed') === '1';
    const h = deps.browser.history(c.req.param('id'), { page: Number(c.req.query('page') ?? '1') || 1, size: PAGE_SIZE, changedOnly });
    const capturedAt = new Map(h.captures.map((k) => [k.id, k.capturedAt]));
    const link = (p: number): string => `/rooms/${h.room.id}?page=${p}${changedOnly ? '&changed=1' : ''}`;
    const pager = html`<div class="pager">
      ${h.page > 1 ? html`<a href="${link(h.page - 1)}">${tx('ui.room.prev')}</a>` : ''}<span>${tx('ui.room.page-of', { page: h.page, pages: h.pages, total: h.total })}</span>${h.page < h.pages ? html`<a href="${link(h.page + 1)}">${tx('ui.room.next')}</a>` : ''}
    </div>`;
    const last = h.captures[h.captures.length - 1];
    const before = h.captures[h.captures.length - 2];
    const body = html`<p class="muted">${h.room.source} · ${h.room.id} · ${changeCounts(lang, h.counts)}</p>
      <p><a class="button" href="/rooms/${h.room.id}/report">${tx('ui.room.report')}</a></p>
      <h2>${tx('ui.room.history')}</h2>
      <p>
        <a href="/rooms/${h.room.id}" ${changedOnly ? '' : html` aria-current="page"`}>${tx('ui.room.all')}</a> ·
        <a href="/rooms/${h.room.id}?changed=1" ${changedOnly ? html` aria-current="page"` : ''}>${tx('ui.room.changed-only')}</a>
      </p>
      ${pager}${messageTable(
        lang,
        h.messages.map((m) => messageRow(lang, deps.workspace.tz, h.room.id, m, capturedAt)),
      )}${pager}
      <h2>${tx('ui.room.captures')}</h2>
      <table class="captures">
        <thead>
          <tr>
            <th>${tx('ui.room.captured-at')}</th>
            <th>${tx('ui.room.format')}</th>
            <th class="n">${tx('ui.rooms.messages')}</th>
            <th>${tx('ui.room.covers')}</th>
            <th>${tx('ui.room.entry')}</th>
          </tr>
        </thead>
        <tbody>
          ${h.captures.map(
            (k) =>
              html`<tr>
                <td>${when(k.capturedAt, deps.workspace.tz)}</td>
                <td>${k.format}</td>
                <td class="n">${k.messageCount}</td>
                <td>${when(k.coverage.from, deps.workspace.tz)} … ${when(k.coverage.to, deps.workspace.tz)}</td>
                <td>#${k.entrySeq} <span class="hash">${k.id}</span></td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        h.captures.length >= 2
          ? html`<h2>${tx('ui.room.diff')}</h2>
              <form method="get" action="/rooms/${h.room.id}/diff">
                <label
                  >${tx('ui.room.from')}
                  <select name="from">
                    ${h.captures.map((k) => html`<option value="${k.id}" ${k === before ? ' selected' : ''}>${isoInZone(k.capturedAt, deps.workspace.tz).slice(0, 19).replace('T', ' ')} (#${k.entrySeq})</option>`)}
                  </select></label
                >
                <label
                  >${tx('ui.room.to')}
                  <select name="to">
                    ${h.captures.map((k) => html`<option value="${k.id}" ${k === last ? ' selected' : ''}>${isoInZone(k.capturedAt, deps.workspace.tz).slice(0, 19).replace('T', ' ')} (#${k.entrySeq})</option>`)}
                  </select></label
                >
                <p><button>${tx('ui.room.compare')}</button></p>
              </form>`
          : ''
      }
      <h2>${tx('ui.room.notes')}</h2>
      <section id="room-notes" aria-live="polite">${notesList(lang, deps.workspace.tz, h.room.id, h.observations)}</section>
      <h2>${tx('ui.room.attachments')}</h2>
      <section id="room-attachments" aria-live="polite">${attachmentsList(lang, deps.workspace.tz, h.room.id, h.attachments)}</section>`;
    return c.html(page(lang, '/', h.room.title, body));
  });

  app.get('/rooms/:id/diff', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const d = deps.browser.diff(c.req.param('id'), c.req.query('from') ?? '', c.req.query('to') ?? '');
    const body = html`<p><a href="/rooms/${d.room.id}">${d.room.title}</a></p>
      <p>${when(d.from.capturedAt, deps.workspace.tz)} (#${d.from.entrySeq}) → ${when(d.to.capturedAt, deps.workspace.tz)} (#${d.to.entrySeq})</p>
      ${
        d.changes.length === 0
          ? html`<p>${tx('ui.room.no-changes')}</p>`
          : messageTable(
              lang,
              d.changes.map((k) => changeRow(lang, deps.workspace.tz, k)),
            )
      }`;
    return c.html(page(lang, '/', tx('ui.room.diff'), body));
  });
}
