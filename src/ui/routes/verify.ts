import type { Hono } from 'hono';
import { html } from 'hono/html';
import { render, textsIn } from '../../i18n/message.js';
import type { UiEnv } from '../env.js';
import { dropForm } from '../forms.js';
import { page } from '../layout.js';
import { uploaded } from '../upload.js';

/** The page a platform's support agent uses: verify-report, with nothing of the archive. */
export function verifyRoutes(app: Hono<UiEnv>): void {
  app.get('/verify', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    return c.html(
      page(
        lang,
        '/verify',
        tx('ui.verify.title'),
        html`<p>${tx('ui.verify.intro')}</p>
          ${dropForm(lang, { post: '/verify', target: '#verdict', accept: '.pdf,application/pdf' })}
          <section id="verdict" aria-live="polite"></section>`,
      ),
    );
  });

  app.post('/verify', async (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    const { bytes, name } = await uploaded(c);
    const [{ verifyReport }, { pdfRenderer }] = await Promise.all([import('../../report/verify/index.js'), import('../../../exporters/pdf/render.js')]);
    const result = await verifyReport(bytes, name, { certs: [], file: undefined }, pdfRenderer());
    const bad = result.checks.filter((k) => !k.ok).length;
    const n = result.checks.length;
    return c.html(
      html`<p>${tx('ui.verify.file')}: <code>${name}</code></p>
        <p class="verdict ${result.ok ? 'ok' : 'bad'}" data-verdict="${result.ok ? 'ok' : 'bad'}">
          ${result.ok ? tx('ui.verify.all-ok', { n }) : tx('ui.verify.some-bad', { bad, n })}
        </p>
        <ul class="checks">
          ${result.checks.map((k) => html`<li class="${k.ok ? 'ok' : 'bad'}" data-ok="${String(k.ok)}"><span class="mark">${k.ok ? '✓' : '✗'}</span><strong>${render(lang, k.said.name)}</strong><br /><span class="muted">${render(lang, k.said.detail)}</span></li>`)}
        </ul>`,
    );
  });
}
