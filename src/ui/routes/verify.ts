import type { Hono } from 'hono';
import { html } from 'hono/html';
import { anchorsFromBytes } from '../../app/anchors.js';
import type { Anchors } from '../../app/stamp.js';
import { UsageError } from '../../core/errors.js';
import { msg, render, textsIn } from '../../i18n/message.js';
import type { UiEnv } from '../env.js';
import { dropForm } from '../forms.js';
import { page } from '../layout.js';
import { Pending } from '../pending.js';
import { uploaded } from '../upload.js';

/**
 * The page a platform's support agent uses: verify-report, with nothing of the archive. A TSA
 * certificate may be given first (verify-report's --tsa-cert), for a report stamped by a TSA that
 * Node's Mozilla roots do not vouch for; it is kept for this run, by an id the PDF's form sends.
 */
export function verifyRoutes(app: Hono<UiEnv>): void {
  const anchors = new Pending<Anchors>({ max: 16 });

  app.get('/verify', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    return c.html(
      page(
        lang,
        '/verify',
        tx('ui.verify.title'),
        html`<p>${tx('ui.verify.intro')}</p>
          <details>
            <summary>${tx('ui.verify.anchor')}</summary>
            <p class="muted">${tx('ui.verify.anchor-note')}</p>
            <form data-post="/verify/anchor" data-target="#verify-anchor" data-auto>
              <label>${tx('ui.verify.anchor-file')}<input type="file" name="file" accept=".pem,.crt,.cer,.der" /></label>
            </form>
          </details>
          ${dropForm(lang, { post: '/verify', target: '#verdict', accept: '.pdf,application/pdf', extra: html`<div id="verify-anchor"></div>` })}
          <section id="verdict" aria-live="polite"></section>`,
      ),
    );
  });

  app.post('/verify', async (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const { bytes, name } = await uploaded(c);
    const anchorId = c.req.query('anchor') ?? '';
    const trust = anchorId === '' ? { certs: [], file: undefined } : anchors.get(anchorId);
    if (trust === undefined) throw new UsageError(msg('ui.verify.anchor-expired'), { hint: msg('ui.verify.anchor-expired.hint') });
    const [{ verifyReport }, { pdfRenderer }] = await Promise.all([import('../../report/verify/index.js'), import('../../../exporters/pdf/render.js')]);
    const result = await verifyReport(bytes, name, trust, pdfRenderer());
    const bad = result.checks.filter((k) => !k.ok).length;
    const n = result.checks.length;
    return c.html(
      html`<p>${tx('ui.verify.file')}: <code>${name}</code>${trust.file === undefined ? '' : html` · ${tx('ui.verify.anchor-used', { file: trust.file })}`}</p>
        <p class="verdict ${result.ok ? 'ok' : 'bad'}" data-verdict="${result.ok ? 'ok' : 'bad'}">
          ${result.ok ? tx('ui.verify.all-ok', { n }) : tx('ui.verify.some-bad', { bad, n })}
        </p>
        <ul class="checks">
          ${result.checks.map((k) => html`<li class="${k.ok ? 'ok' : 'bad'}" data-ok="${String(k.ok)}"><span class="mark">${k.ok ? '✓' : '✗'}</span><strong>${render(lang, k.said.name)}</strong><br /><span class="muted">${render(lang, k.said.detail)}</span></li>`)}
        </ul>`,
    );
  });

  app.post('/verify/anchor', async (c) => {
    const tx = textsIn(c.get('lang'));
    const { bytes, name } = await uploaded(c);
    const kept = await anchorsFromBytes(bytes, name);
    const id = anchors.add(kept);
    return c.html(
      html`<input type="hidden" name="anchor" value="${id}" />
        <p class="verdict ok" data-anchor>${tx('ui.verify.anchor-kept', { file: name, n: kept.certs.length })}</p>`,
    );
  });
}
