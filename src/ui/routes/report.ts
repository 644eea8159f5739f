import { createReadStream, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { readAnchors } from '../../app/anchors.js';
import { makeRoomReport, TSA_NAMES } from '../../app/room-report.js';
import { readSettings } from '../../app/settings.js';
import type { Exported } from '../../app/make-report.js';
import type { Anchors } from '../../app/stamp.js';
import { UsageError } from '../../core/errors.js';
import type { Lang } from '../../i18n/lang.js';
import { msg, render, textsIn } from '../../i18n/message.js';
import type { UiDeps, UiEnv } from '../env.js';
import { whenText } from '../format.js';
import { page, type Html } from '../layout.js';
import { Pending } from '../pending.js';
import { fields } from '../upload.js';

interface MadeReport {
  readonly file: string;
  readonly name: string;
}

/** A file name a person recognises, without characters a file system refuses. */
function reportName(title: string, at: string): string {
  return `chatproof-${title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 60)}-${at.slice(0, 10)}.pdf`;
}

/** The option value that stands for the TSA set with `chatproof config set tsa` (and its certificate). */
const CONFIGURED = 'configured';

/** The TSA and anchors a form's choice names: the configured one, a preset, or none. */
async function tsaChoice(deps: UiDeps, chosen: string | undefined): Promise<{ tsa: string | undefined; anchors: Anchors | undefined }> {
  if (chosen === undefined) return { tsa: undefined, anchors: undefined };
  const settings = readSettings(deps.settingsFile);
  // A preset that is also the TSA set for the archive is checked against the certificate set with it.
  if (chosen !== CONFIGURED && chosen !== settings.tsa) return { tsa: chosen, anchors: undefined };
  if (settings.tsa === undefined)
    throw new UsageError(msg('ui.report.no-configured-tsa'), { where: deps.settingsFile, hint: msg('ui.report.no-configured-tsa.hint') });
  return { tsa: settings.tsa, anchors: await readAnchors(settings.tsaCert, dirname(deps.settingsFile)) };
}

/** What the report's log entry and its timestamps are: the place in the log a person can point to. */
function madeText(lang: Lang, tz: string, done: Exported, id: string): Html {
  const tx = textsIn(lang);
  const s = done.stamped;
  const trust = s?.verification.checks.find((c) => c.name === 'trust-anchor');
  return html`<div class="verdict ok" data-report="${id}">
    <p>${tx('ui.report.done', { pages: done.pages, seq: done.entry.seq })}</p>
    <p class="hash" data-field="entry">#${done.entry.seq} ${done.entry.hash}</p>
    <p class="hash">sha256 ${done.sha256}</p>
    ${
      s === null
        ? ''
        : html`<p data-field="stamp">${tx('ui.report.stamped', { tsa: s.token.tsaName ?? '', at: whenText(s.token.genTime, tz), seq: s.entry.seq })}</p>
            <p class="${trust?.ok === true ? 'muted' : 'warn'}" data-trust="${trust?.ok === true ? 'ok' : 'no'}">
              ${trust?.ok === true ? '✓' : '✗'}
              ${tx('ui.report.trust', { anchor: s.verification.anchor, detail: trust === undefined ? '' : render(lang, trust.detail) })}
            </p>`
    }
    ${done.documentStamp === null ? '' : html`<p data-field="doc-stamp">${tx('ui.report.doc-stamped', { tsa: done.documentStamp.tsaName ?? '', at: whenText(done.documentStamp.genTime, tz) })}</p>`}
    <p><a class="button" href="/reports/${id}" download>${tx('ui.report.download')}</a></p>
  </div>`;
}

export function reportRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  // The 16 latest reports stay downloadable; an older one's file is removed when it is dropped.
  const made = new Pending<MadeReport>({ max: 16, onDrop: (r) => rmSync(r.file, { force: true }) });
  let count = 0;

  app.get('/rooms/:id/report', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const room = deps.browser.room(c.req.param('id'));
    const configured = readSettings(deps.settingsFile).tsa;
    return c.html(
      page(
        lang,
        '/',
        tx('ui.report.title', { room: room.title }),
        html`<p>${tx('ui.report.intro')}</p>
          <form data-post="/rooms/${room.id}/report" data-target="#report-result">
            <label>${tx('ui.report.from')}<input type="date" name="from" /></label>
            <label>${tx('ui.report.to')}<input type="date" name="to" /></label>
            <p class="muted">${tx('ui.report.range-note')}</p>
            <label><input type="checkbox" name="private" value="yes" /> ${tx('ui.report.private')}</label>
            <label
              >${tx('ui.report.tsa')}<select name="tsa">
                <option value="">${tx('ui.report.tsa-none')}</option>
                ${configured === undefined ? '' : html`<option value="${CONFIGURED}" selected>${tx('ui.report.tsa-configured', { tsa: configured })}</option>`}
                ${TSA_NAMES.map((n) => html`<option value="${n}">${n}</option>`)}
              </select></label
            >
            <p class="muted">${tx('ui.report.tsa-note')}</p>
            <label>${tx('ui.report.heading')}<input type="text" name="title" /></label>
            <p><button type="submit">${tx('ui.report.make')}</button></p>
          </form>
          <section id="report-result" aria-live="polite"></section>`,
      ),
    );
  });

  app.post('/rooms/:id/report', async (c) => {
    const lang = c.get('lang');
    const f = await fields(c);
    const given = (k: string): string | undefined => ((f[k] ?? '').trim() === '' ? undefined : f[k]!.trim());
    const archive = deps.workspace.archive();
    count += 1;
    const file = join(deps.scratch, `report-${count}.pdf`);
    const { tsa, anchors } = await tsaChoice(deps, given('tsa'));
    const done = await makeRoomReport(
      archive,
      {
        room: c.req.param('id'),
        from: given('from'),
        to: given('to'),
        private: f['private'] === 'yes',
        tsa,
        anchors,
        title: given('title'),
        lang,
        tz: deps.workspace.tz,
      },
      file,
    );
    const room = deps.browser.room(c.req.param('id'));
    const id = made.add({ file: done.file, name: reportName(room.title, done.entry.at) });
    return c.html(madeText(lang, deps.workspace.tz, done, id));
  });

  app.get('/reports/:id', (c) => {
    const r = made.get(c.req.param('id'));
    if (r === undefined) return c.notFound();
    return c.body(Readable.toWeb(createReadStream(r.file)) as ReadableStream<Uint8Array>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(statSync(r.file).size),
      'Content-Disposition': `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(r.name)}`,
    });
  });
}
