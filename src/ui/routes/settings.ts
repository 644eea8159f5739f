import type { Hono } from 'hono';
import { html } from 'hono/html';
import { TSA_NAMES } from '../../app/room-report.js';
import { readSettings, updateSettings, withTsa } from '../../app/settings.js';
import { UsageError } from '../../core/errors.js';
import type { Lang } from '../../i18n/lang.js';
import { msg, textsIn } from '../../i18n/message.js';
import type { UiDeps, UiEnv } from '../env.js';
import { page, type Html } from '../layout.js';
import { fields } from '../upload.js';

/**
 * The archive's timestamp setting from the page (`chatproof config set tsa`): a person who never
 * opens a terminal can have every capture stamped too. Presets only: a TSA URL of another service
 * and its certificate are set with `chatproof config` (docs/timestamps.md), and kept here as they
 * are, but a certificate set for another TSA goes when the TSA changes (app/settings.ts `withTsa`).
 */
function form(lang: Lang, deps: UiDeps, said: Html | string = ''): Html {
  const tx = textsIn(lang);
  const s = readSettings(deps.settingsFile);
  const other = s.tsa !== undefined && !TSA_NAMES.includes(s.tsa) ? s.tsa : undefined;
  return html`${said}
    <p data-tsa="${s.tsa ?? ''}">${s.tsa === undefined ? tx('ui.settings.tsa-none') : tx('ui.settings.tsa-set', { tsa: s.tsa })}</p>
    ${s.tsaCert === undefined ? '' : html`<p class="muted">${tx('ui.settings.tsa-cert', { file: s.tsaCert })}</p>`}
    <form data-post="/settings/tsa" data-target="#settings-tsa">
      <label
        >${tx('ui.settings.tsa')}<select name="tsa">
          <option value="" ${s.tsa === undefined ? ' selected' : ''}>${tx('ui.settings.tsa-off')}</option>
          ${other === undefined ? '' : html`<option value="${other}" selected>${other}</option>`}
          ${TSA_NAMES.map((n) => html`<option value="${n}" ${s.tsa === n ? ' selected' : ''}>${n}</option>`)}
        </select></label
      >
      <p class="muted">${tx('ui.settings.tsa-note', { file: deps.settingsFile })}</p>
      <p><button type="submit">${tx('ui.settings.save')}</button></p>
    </form>`;
}

export function settingsRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  app.get('/settings', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    return c.html(
      page(
        lang,
        '/settings',
        tx('ui.settings.title'),
        html`<p>${tx('ui.settings.intro')}</p>
          <section id="settings-tsa" aria-live="polite">${form(lang, deps)}</section>`,
      ),
    );
  });

  app.post('/settings/tsa', async (c) => {
    const lang = c.get('lang');
    const chosen = ((await fields(c))['tsa'] ?? '').trim();
    const kept = readSettings(deps.settingsFile).tsa;
    // A preset, none, or the URL already set (kept as it is): the page names nothing else.
    if (chosen !== '' && !TSA_NAMES.includes(chosen) && chosen !== kept)
      throw new UsageError(msg('ui.settings.tsa-unknown', { tsa: chosen }), { hint: msg('ui.settings.tsa-unknown.hint') });
    let dropped: string | null = null;
    updateSettings(deps.settingsFile, (s) => {
      const changed = withTsa(s, chosen === '' ? undefined : chosen);
      dropped = changed.dropped;
      return changed.next;
    });
    const tx = textsIn(lang);
    const said = html`<p class="verdict ok" data-saved>${tx('ui.settings.saved')}</p>
      ${dropped === null ? '' : html`<p class="warn" data-cert-dropped>${tx('config.tsa-cert-dropped', { file: dropped, before: kept ?? '', tsa: chosen })}</p>`}`;
    return c.html(form(lang, deps, said));
  });
}
