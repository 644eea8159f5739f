import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { previewCapture, previewRoom, type CapturePreview } from '../../app/preview-capture.js';
import type { Lang } from '../../i18n/lang.js';
import { render, textsIn } from '../../i18n/message.js';
import type { UiDeps, UiEnv } from '../env.js';
import { dropForm } from '../forms.js';
import { when } from '../format.js';
import { page, type Html } from '../layout.js';
import type { PendingInput } from '../pending.js';
import { fields, uploaded } from '../upload.js';
import { changeSummary } from './import-result.js';

/** The bytes of a paste, as the CLI reads a clipboard: UTF-8 text. */
const PASTE_WHERE = 'paste';

function roomField(lang: Lang, value = ''): Html {
  return html`<label>${textsIn(lang)('ui.import.room')}<input type="text" name="room" value="${value}" /></label>`;
}

function previewView(lang: Lang, tz: string, id: string, p: CapturePreview, existing: boolean): Html {
  const tx = textsIn(lang);
  const needsRoom = p.roomTitle === null;
  return html`<h2>${tx('ui.import.read')}</h2>
    <dl class="summary" data-preview>
      <dt>${tx('ui.import.format')}</dt>
      <dd data-field="format">${p.format} · ${p.variant} <span class="muted">(${render(lang, p.reason)})</span></dd>
      <dt>${tx('ui.import.messages')}</dt>
      <dd data-field="messages">${p.messages}</dd>
      <dt>${tx('ui.import.range')}</dt>
      <dd>${when(p.first, tz)} … ${when(p.last, tz)}</dd>
      <dt>${tx('ui.import.into')}</dt>
      <dd data-field="room">${p.roomTitle ?? '—'} ${p.roomTitle !== null && !existing ? tx('ui.import.new-room') : ''}</dd>
      ${
        p.inferred
          ? html`<dt>${tx('ui.import.structure')}</dt>
              <dd>${render(lang, p.inferred.layout)} — ${p.senders.map((s, i) => html`${i > 0 ? ', ' : ''}${s.name} (${s.count})`)}</dd>`
          : ''
      }
      ${
        p.warnings.length > 0
          ? html`<dt>${tx('ui.import.warnings')}</dt>
              <dd>
                <ul>
                  ${p.warnings.slice(0, 20).map((w) => html`<li class="warn">${w.line === null ? '' : `${w.line}: `}${render(lang, w.message)}</li>`)}
                </ul>
              </dd>`
          : ''
      }
    </dl>
    ${p.inferred ? html`<p class="warn" data-notice="inferred">${tx('ui.import.inferred')}</p>` : ''}
    ${p.truncated ? html`<p class="warn" data-notice="truncated">${tx('ui.import.truncated', { line: p.truncated.line, reason: p.truncated.reason })}</p>` : ''}
    <h2>${tx('ui.import.first')}</h2>
    <table class="messages">
      <tbody>
        ${p.sample.map(
          (m) =>
            html`<tr>
              <td>${when(m.sentAt, tz)}</td>
              <td>${m.sender ?? '—'}</td>
              <td class="body">${m.body}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      needsRoom
        ? html`<p class="warn" role="alert">${tx('ui.import.needs-room')}</p>
            <form data-post="/import/room" data-target="#import-result">
              <input type="hidden" name="id" value="${id}" />${roomField(lang)}
              <p><button type="submit">${tx('ui.import.read-paste')}</button></p>
            </form>`
        : html`<div class="actions">
            <form data-post="/import/confirm" data-target="#import-result">
              <input type="hidden" name="id" value="${id}" /><button type="submit">${tx('ui.import.confirm')}</button>
            </form>
            <form data-post="/import/cancel" data-target="#import-result">
              <input type="hidden" name="id" value="${id}" /><button type="submit" class="secondary">${tx('ui.import.cancel')}</button>
            </form>
          </div>`
    }`;
}

/** Reads an input, keeps it waiting for the person's answer, and shows what was read. */
export async function showPreview(c: Context<UiEnv>, deps: UiDeps, input: PendingInput): Promise<Response> {
  const pending = deps.imports;
  const preview = await previewCapture({ bytes: input.bytes, name: input.name, where: input.where, room: input.room, tz: deps.workspace.tz });
  const id = pending.add(input);
  const existing = preview.roomTitle !== null && deps.workspace.exists() && previewRoom(deps.browser.roomRecords(), preview, input.room) !== null;
  return c.html(previewView(c.get('lang'), deps.workspace.tz, id, preview, existing));
}

/** Import: read and show, then store only on "store". */
export function importRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  const pending = deps.imports;

  app.get('/import', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    return c.html(
      page(
        lang,
        '/import',
        tx('ui.import.title'),
        html`<p>${tx('ui.import.intro')}</p>
          <h2>${tx('ui.import.file')}</h2>
          ${dropForm(lang, { post: '/import/preview', target: '#import-result', extra: roomField(lang) })}
          <h2>${tx('ui.import.paste')}</h2>
          <form data-post="/import/preview" data-target="#import-result">
            ${roomField(lang)}<textarea name="text" aria-label="${tx('ui.import.paste')}"></textarea>
            <p><button type="submit">${tx('ui.import.read-paste')}</button></p>
          </form>
          <section id="import-result" aria-live="polite"></section>`,
      ),
    );
  });

  app.post('/import/preview', async (c) => {
    const room = (c.req.query('room') ?? '').trim();
    if (c.req.header('content-type')?.startsWith('application/octet-stream')) {
      const { bytes, name } = await uploaded(c);
      return showPreview(c, deps, { bytes, name, where: name, room: room === '' ? undefined : room });
    }
    const f = await fields(c);
    const text = f['text'] ?? '';
    const pasteRoom = (f['room'] ?? '').trim();
    if (text.trim() === '') return c.html(html`<p class="error" role="alert">${textsIn(c.get('lang'))('ui.upload.empty')}</p>`, 422);
    return showPreview(c, deps, { bytes: Buffer.from(text, 'utf8'), name: null, where: PASTE_WHERE, room: pasteRoom === '' ? undefined : pasteRoom });
  });

  app.post('/import/room', async (c) => {
    const f = await fields(c);
    const input = pending.take(f['id'] ?? '');
    const room = (f['room'] ?? '').trim();
    if (input === undefined) return c.html(html`<p class="error" role="alert">${textsIn(c.get('lang'))('ui.import.expired')}</p>`, 410);
    return showPreview(c, deps, { ...input, room: room === '' ? undefined : room });
  });

  app.post('/import/cancel', async (c) => {
    pending.take((await fields(c))['id'] ?? '');
    return c.html(html`<p>${textsIn(c.get('lang'))('ui.import.cancelled')}</p>`);
  });

  app.post('/import/confirm', async (c) => {
    const lang = c.get('lang');
    const input = pending.take((await fields(c))['id'] ?? '');
    if (input === undefined) return c.html(html`<p class="error" role="alert">${textsIn(lang)('ui.import.expired')}</p>`, 410);
    const [{ importCapture }, { configuredStamping, stampAfterCapture }, { stampPhrase }] = await Promise.all([
      import('../../app/import-capture.js'),
      import('../../app/stamp-queue.js'),
      import('../../app/watch-folder.js'),
    ]);
    // A TSA set for the archive stamps after each capture, as `import` does; out of reach, the capture waits in the queue.
    const plan = await configuredStamping(deps.settingsFile);
    const result = await importCapture(
      () => deps.workspace.archive(),
      {
        input: { bytes: input.bytes, name: input.name, where: input.where },
        format: 'auto',
        room: input.room,
        members: [],
        tz: deps.workspace.tz,
        signal: new AbortController().signal,
      },
      {
        onEvent: () => undefined,
        // The person saw what was read — the guessed structure, the truncation — and pressed "store".
        confirm: () => Promise.resolve(true),
      },
    );
    // A file a watched folder brought in, stored once a person answered: the watch page says so.
    const stamp = plan === null ? null : await stampAfterCapture(deps.workspace.archive(), plan.tsa, plan.anchors);
    if (deps.watcher.events.some((e) => e.file === input.where))
      deps.watcher.record({ type: 'imported', file: input.where, at: new Date().toISOString(), result, stamp });
    return c.html(html`${changeSummary(lang, result)}${stamp === null ? '' : html`<p data-stamp="${stamp.kind}">${render(lang, stampPhrase(stamp))}</p>`}`);
  });
}
