import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { attachFiles, findRoomMessage, keptAttachment, MAX_KEPT_BYTES, type Demoted } from '../../app/attach.js';
import type { KeptAttachment } from '../../app/browse.js';
import { addNote } from '../../app/note.js';
import type { RoomObservation } from '../../core/diff/types.js';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../core/entries/attachment.js';
import type { Lang } from '../../i18n/lang.js';
import { msg, textsIn } from '../../i18n/message.js';
import { UsageError } from '../../core/errors.js';
import type { UiDeps, UiEnv } from '../env.js';
import { sizeText, when } from '../format.js';
import { page, type Html } from '../layout.js';
import { fields, uploadedToFile } from '../upload.js';

/**
 * A room's notes and attached files on its page, and adding them there: the same app/ use cases as
 * `chatproof note` and `chatproof attach`, each one entry in the log.
 */

export function notesList(lang: Lang, tz: string, roomId: string, observations: readonly RoomObservation[], said: Html | string = ''): Html {
  const tx = textsIn(lang);
  return html`${said}
    ${
      observations.length === 0
        ? html`<p class="muted">${tx('ui.none')}</p>`
        : html`<ul>
            ${observations.map((o) => html`<li data-note>${when(o.at, tz)} — ${o.kind === 'note' ? tx('show.note') : tx('show.observation')}: ${o.text} <span class="muted">#${o.entrySeq}</span></li>`)}
          </ul>`
    }
    <form data-post="/rooms/${roomId}/note" data-target="#room-notes" data-clear>
      <label>${tx('ui.note.text')}<textarea name="text" class="short" rows="3"></textarea></label>
      <p class="muted">${tx('ui.note.intro')}</p>
      <p><button type="submit" class="secondary">${tx('ui.note.add')}</button></p>
    </form>`;
}

export function attachmentsList(lang: Lang, tz: string, roomId: string, attachments: readonly KeptAttachment[], said: Html | string = ''): Html {
  const tx = textsIn(lang);
  return html`${said}
  ${
    attachments.length === 0
      ? html`<p class="muted">${tx('ui.none')}</p>`
      : html`<ul>
          ${attachments.map(
            (a) =>
              html`<li data-attachment>
                ${when(a.entry.at, tz)} — ${a.attachment.name} (${tx(`attach.kind.${a.attachment.kind}`)}, ${a.attachment.mime},
                ${sizeText(a.attachment.size)})${a.attachment.note ? ` — ${a.attachment.note}` : ''}${a.attachment.forMessage === null ? '' : html` — ${tx('ui.attach.for', { hash: a.attachment.forMessage.slice(0, 12) })}`}
                <span class="hash">sha256 ${a.attachment.sha256}</span> <span class="muted">#${a.entry.seq}</span>
                ${
                  a.attachment.bytesKept
                    ? html`<a href="/rooms/${roomId}/attachments/${a.entry.seq}" download>${tx('ui.attach.download')}</a>`
                    : html`<span class="muted" data-hash-only>${tx('ui.attach.not-kept')}</span>`
                }
              </li>`,
          )}
        </ul>`
  }
  ${attachForm(lang, roomId, null)}`;
}

/** The form that sends a file; `forMessage`: the hash of the message it belongs to (`--for`). */
function attachForm(lang: Lang, roomId: string, forMessage: string | null): Html {
  const tx = textsIn(lang);
  return html`<form data-post="/rooms/${roomId}/attach" data-target="#room-attachments" data-clear>
    ${forMessage === null ? '' : html`<input type="hidden" name="for" value="${forMessage}" />`}
    <label>${tx('ui.attach.file')}<input type="file" name="file" /></label>
    <label
      >${tx('ui.attach.kind')}<select name="kind">
        ${ATTACHMENT_KINDS.map((k) => html`<option value="${k}" ${k === 'other' ? ' selected' : ''}>${tx(`attach.kind.${k}`)}</option>`)}
      </select></label
    >
    <label>${tx('ui.attach.note')}<input type="text" name="note" /></label>
    <label><input type="checkbox" name="hashOnly" value="yes" /> ${tx('ui.attach.hash-only')}</label>
    <p class="muted">${tx('ui.attach.intro')}</p>
    <p><button type="submit" class="secondary">${tx('ui.attach.add')}</button></p>
  </form>`;
}

export function roomNoteRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  app.post('/rooms/:id/note', async (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const room = deps.browser.room(c.req.param('id'));
    const text = (await fields(c))['text'] ?? '';
    // The CLI's own message asks for quotes on the command line; the page says it in its own words.
    if (text.trim() === '') throw new UsageError(msg('ui.note.empty'));
    const entry = addNote(deps.workspace.archive(), room, text);
    const h = deps.browser.history(room.id, { page: 1, size: 1, changedOnly: true });
    return c.html(
      notesList(lang, deps.workspace.tz, room.id, h.observations, html`<p class="verdict ok" data-added="note">${tx('ui.note.added', { seq: entry.seq })}</p>`),
    );
  });

  // Always as a download of bytes, whatever type they were recorded as: a file the other side sent
  // (an SVG, an HTML page) is never shown inside this app's pages.
  app.get('/rooms/:id/attachments/:seq', (c) => {
    const room = deps.browser.room(c.req.param('id'));
    const seq = Number(c.req.param('seq'));
    const kept = Number.isSafeInteger(seq) ? keptAttachment(deps.workspace.archive(), room, seq) : null;
    if (kept === null) return c.notFound();
    return c.body(new Uint8Array(kept.bytes), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(kept.attachment.name)}`,
    });
  });

  // A file for one message (`attach --for`): the message is found in the room's captures first, so
  // that the page shows which one before anything is sent, and a hash no capture holds is refused.
  app.get('/rooms/:id/attach-to/:hash', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const room = deps.browser.room(c.req.param('id'));
    const m = findRoomMessage(deps.workspace.archive(), room, c.req.param('hash'));
    return c.html(
      page(
        lang,
        '/',
        tx('ui.attach.for-title'),
        html`<p><a href="/rooms/${room.id}">${room.title}</a></p>
          <blockquote data-message="${m.hash}">${when(m.sentAt, deps.workspace.tz)} ${m.sender ?? '—'}: ${m.body}</blockquote>
          ${attachForm(lang, room.id, m.hash)}
          <section id="room-attachments" aria-live="polite"></section>`,
      ),
    );
  });

  app.post('/rooms/:id/attach', async (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const room = deps.browser.room(c.req.param('id'));
    const kind: AttachmentKind = ATTACHMENT_KINDS.find((k) => k === c.req.query('kind')) ?? 'other';
    const note = (c.req.query('note') ?? '').trim();
    // A folder of its own inside the run's private scratch folder: the file keeps the name it was sent with.
    const folder = await mkdtemp(join(deps.scratch, 'attach-'));
    const demoted: Demoted[] = [];
    try {
      const { path } = await uploadedToFile(c, folder);
      const done = await attachFiles(
        deps.workspace.archive(),
        {
          room,
          files: [path],
          cwd: folder,
          kind,
          note: note === '' ? null : note,
          // Only its SHA-256 and size, for a file too large to keep (`--hash-only`): the upload limit still applies.
          keep: c.req.query('hashOnly') !== 'yes',
          maxSize: Math.min(deps.maxUpload, MAX_KEPT_BYTES),
          forMessage: (c.req.query('for') ?? '') === '' ? null : c.req.query('for')!,
          signal: c.req.raw.signal,
        },
        (d) => demoted.push(d),
      );
      const said = html`<div class="verdict ok" data-added="attachment">
        ${done.done.map(({ attachment, entry }) => html`<p>${tx('ui.attach.added', { file: attachment.name, seq: entry.seq })}</p>`)}
        ${demoted.map((d) => html`<p class="warn">${tx('attach.not-an-image', { file: d.attachment.name, what: d.attachment.detected === null ? tx('attach.unknown-format') : d.attachment.detected.toUpperCase() })}</p>`)}
      </div>`;
      // For one message, on a page of its own: what was done, and the way back to the room.
      if (done.message !== null)
        return c.html(
          html`${said}
            <p><a href="/rooms/${room.id}">${room.title}</a></p>`,
        );
      // An attachment does not change the room's kept view: reading the list again rebuilds nothing.
      const { attachments } = deps.browser.history(room.id, { page: 1, size: 1, changedOnly: true });
      return c.html(attachmentsList(lang, deps.workspace.tz, room.id, attachments, said));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
}
