import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { Lang } from '../../cli/lang.js';
import type { Change, MessageStatus, ViewMessage } from '../../core/diff/index.js';
import type { UiDeps, UiEnv } from '../env.js';
import { page, type Html } from '../layout.js';
import { fill, say, type Text } from '../text.js';

const PAGE_SIZE = 200;

const TX = {
  rooms: { ja: 'ルーム', en: 'Rooms' },
  none: { ja: 'まだルームがありません。「取り込む」から LINE などの書き出しを取り込めます。', en: 'No rooms yet. Use "Import" to bring in a LINE (or other) export.' },
  room: { ja: 'ルーム', en: 'Room' },
  source: { ja: '出どころ', en: 'Source' },
  captures: { ja: '取り込み', en: 'Captures' },
  messages: { ja: 'メッセージ', en: 'Messages' },
  asOf: { ja: '最新の取り込み（時点）', en: 'Last capture (as of)' },
  changes: { ja: '変化', en: 'Changes' },
  history: { ja: 'すべてのメッセージ', en: 'Every message' },
  changedOnly: { ja: '変化したものだけ', en: 'Changed only' },
  all: { ja: 'すべて', en: 'All' },
  when: { ja: '日時', en: 'When' },
  who: { ja: '送信者', en: 'Who' },
  body: { ja: '内容', en: 'Message' },
  status: { ja: '状態', en: 'Status' },
  pageOf: { ja: '{page} / {pages} ページ（{total} 件）', en: 'Page {page} of {pages} ({total} messages)' },
  prev: { ja: '← 前', en: '← Previous' },
  nextPage: { ja: '次 →', en: 'Next →' },
  seenIn: { ja: '{at} の取り込みで判明', en: 'as of the capture of {at}' },
  capturesTitle: { ja: '取り込みの記録', en: 'Captures' },
  capturedAt: { ja: '取り込んだ日時', en: 'Captured at' },
  format: { ja: '形式', en: 'Format' },
  coverage: { ja: '範囲', en: 'Covers' },
  entry: { ja: 'ログ', en: 'Log' },
  diffTitle: { ja: '2 つの取り込みを比べる', en: 'Compare two captures' },
  from: { ja: '前', en: 'Earlier' },
  to: { ja: '後', en: 'Later' },
  compare: { ja: '比べる', en: 'Compare' },
  noChanges: { ja: '変化はありません。', en: 'No changes.' },
  notes: { ja: 'メモと記録', en: 'Notes and observations' },
  attachments: { ja: '添付ファイル', en: 'Attached files' },
  report: { ja: '報告書を作る', en: 'Make a report' },
  nothing: { ja: 'ありません。', en: 'None.' },
} as const satisfies Record<string, Text>;

export const STATUS: Record<MessageStatus | 'added', Text> = {
  present: { ja: '表示中', en: 'present' },
  edited: { ja: '編集された', en: 'edited' },
  unsent: { ja: '送信取消', en: 'unsent' },
  deleted: { ja: '削除された', en: 'deleted' },
  added: { ja: '追加', en: 'added' },
};

function changeCounts(lang: Lang, counts: Readonly<Record<MessageStatus, number>>): Html {
  const parts = (['edited', 'unsent', 'deleted'] as const).filter((k) => counts[k] > 0);
  if (parts.length === 0) return html`<span class="muted">—</span>`;
  return html`${parts.map((k, i) => html`${i > 0 ? ', ' : ''}<span class="status ${k}" data-count="${k}">${say(lang, STATUS[k])} ${counts[k]}</span>`)}`;
}

function messageRow(lang: Lang, m: ViewMessage, capturedAt: ReadonlyMap<string, string>): Html {
  const earlier = m.status === 'present' ? [] : m.history.slice(0, -1);
  const asOf = capturedAt.get(m.statusAsOf) ?? m.statusAsOf;
  return html`<tr class="msg ${m.status}" data-status="${m.status}">
<td>${m.sentAt}</td><td>${m.sender ?? '—'}</td>
<td class="body">${earlier.map((h) => html`<span class="before">${h.body}</span> → `)}${m.status === 'unsent' || m.status === 'deleted' ? html`<span class="before">${m.current.body}</span>` : m.body}</td>
<td class="status">${say(lang, STATUS[m.status])}${m.status === 'present' ? '' : html`<br><span class="muted">${fill(say(lang, TX.seenIn), { at: asOf })}</span>`}</td></tr>`;
}

export function changeRow(lang: Lang, c: Change): Html {
  const m = (c.after ?? c.before)!;
  const body = c.type === 'edited' ? html`<span class="before">${c.before!.body}</span> → ${c.after!.body}` : c.type === 'added' ? m.body : html`<span class="before">${c.before!.body}</span>`;
  return html`<tr class="msg ${c.type}" data-status="${c.type}"><td>${m.sentAt}</td><td>${m.sender ?? '—'}</td><td class="body">${body}</td><td class="status">${say(lang, STATUS[c.type as MessageStatus | 'added'] ?? { ja: c.type, en: c.type })}</td></tr>`;
}

export function messageTable(lang: Lang, rows: Html[]): Html {
  return html`<table class="messages"><thead><tr><th>${say(lang, TX.when)}</th><th>${say(lang, TX.who)}</th><th>${say(lang, TX.body)}</th><th>${say(lang, TX.status)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function roomRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  app.get('/', (c) => {
    const lang = c.get('lang');
    const rooms = deps.workspace.exists() ? deps.browser.rooms() : [];
    const body = rooms.length === 0
      ? html`<p>${say(lang, TX.none)}</p>`
      : html`<table class="rooms"><thead><tr><th>${say(lang, TX.room)}</th><th>${say(lang, TX.source)}</th><th>${say(lang, TX.asOf)}</th><th class="n">${say(lang, TX.captures)}</th><th class="n">${say(lang, TX.messages)}</th><th>${say(lang, TX.changes)}</th></tr></thead>
<tbody>${rooms.map((r) => html`<tr data-room="${r.id}"><td><a href="/rooms/${r.id}">${r.title}</a></td><td>${r.source}</td><td>${r.lastCapturedAt ?? '—'}</td><td class="n">${r.captures}</td><td class="n">${r.lastCaptureMessages}</td><td>${changeCounts(lang, r.counts)}</td></tr>`)}</tbody></table>`;
    return c.html(page(lang, '/', TX.rooms, body));
  });

  app.get('/rooms/:id', (c) => {
    const lang = c.get('lang');
    const changedOnly = c.req.query('changed') === '1';
    const h = deps.browser.history(c.req.param('id'), { page: Number(c.req.query('page') ?? '1') || 1, size: PAGE_SIZE, changedOnly });
    const capturedAt = new Map(h.captures.map((k) => [k.id, k.capturedAt]));
    const link = (p: number): string => `/rooms/${h.room.id}?page=${p}${changedOnly ? '&changed=1' : ''}`;
    const pager = html`<div class="pager">${h.page > 1 ? html`<a href="${link(h.page - 1)}">${say(lang, TX.prev)}</a>` : ''}<span>${fill(say(lang, TX.pageOf), { page: h.page, pages: h.pages, total: h.total })}</span>${h.page < h.pages ? html`<a href="${link(h.page + 1)}">${say(lang, TX.nextPage)}</a>` : ''}</div>`;
    const last = h.captures[h.captures.length - 1];
    const before = h.captures[h.captures.length - 2];
    const body = html`<p class="muted">${h.room.source} · ${h.room.id} · ${changeCounts(lang, h.counts)}</p>
<p><a class="button" href="/rooms/${h.room.id}/report">${say(lang, TX.report)}</a></p>
<h2>${say(lang, TX.history)}</h2>
<p><a href="/rooms/${h.room.id}"${changedOnly ? '' : html` aria-current="page"`}>${say(lang, TX.all)}</a> · <a href="/rooms/${h.room.id}?changed=1"${changedOnly ? html` aria-current="page"` : ''}>${say(lang, TX.changedOnly)}</a></p>
${pager}${messageTable(lang, h.messages.map((m) => messageRow(lang, m, capturedAt)))}${pager}
<h2>${say(lang, TX.capturesTitle)}</h2>
<table class="captures"><thead><tr><th>${say(lang, TX.capturedAt)}</th><th>${say(lang, TX.format)}</th><th class="n">${say(lang, TX.messages)}</th><th>${say(lang, TX.coverage)}</th><th>${say(lang, TX.entry)}</th></tr></thead>
<tbody>${h.captures.map((k) => html`<tr><td>${k.capturedAt}</td><td>${k.format}</td><td class="n">${k.messageCount}</td><td>${k.coverage.from ?? '—'} … ${k.coverage.to ?? '—'}</td><td>#${k.entrySeq} <span class="hash">${k.id}</span></td></tr>`)}</tbody></table>
${h.captures.length >= 2 ? html`<h2>${say(lang, TX.diffTitle)}</h2>
<form method="get" action="/rooms/${h.room.id}/diff">
<label>${say(lang, TX.from)} <select name="from">${h.captures.map((k) => html`<option value="${k.id}"${k === before ? ' selected' : ''}>${k.capturedAt} (#${k.entrySeq})</option>`)}</select></label>
<label>${say(lang, TX.to)} <select name="to">${h.captures.map((k) => html`<option value="${k.id}"${k === last ? ' selected' : ''}>${k.capturedAt} (#${k.entrySeq})</option>`)}</select></label>
<p><button>${say(lang, TX.compare)}</button></p></form>` : ''}
<h2>${say(lang, TX.notes)}</h2>
${h.observations.length === 0 ? html`<p class="muted">${say(lang, TX.nothing)}</p>` : html`<ul>${h.observations.map((o) => html`<li>${o.at} — ${o.kind}: ${o.text} <span class="muted">#${o.entrySeq}</span></li>`)}</ul>`}
<h2>${say(lang, TX.attachments)}</h2>
${h.attachments.length === 0 ? html`<p class="muted">${say(lang, TX.nothing)}</p>` : html`<ul>${h.attachments.map((a) => html`<li>${a.attachment.name} (${a.attachment.kind}, ${a.attachment.size} B)${a.attachment.note ? ` — ${a.attachment.note}` : ''} <span class="hash">sha256 ${a.attachment.sha256}</span> <span class="muted">#${a.entry.seq}</span></li>`)}</ul>`}`;
    return c.html(page(lang, '/', { ja: h.room.title, en: h.room.title }, body));
  });

  app.get('/rooms/:id/diff', (c) => {
    const lang = c.get('lang');
    const d = deps.browser.diff(c.req.param('id'), c.req.query('from') ?? '', c.req.query('to') ?? '');
    const body = html`<p><a href="/rooms/${d.room.id}">${d.room.title}</a></p>
<p>${d.from.capturedAt} (#${d.from.entrySeq}) → ${d.to.capturedAt} (#${d.to.entrySeq})</p>
${d.changes.length === 0 ? html`<p>${say(lang, TX.noChanges)}</p>` : messageTable(lang, d.changes.map((k) => changeRow(lang, k)))}`;
    return c.html(page(lang, '/', TX.diffTitle, body));
  });
}
