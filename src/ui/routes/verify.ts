import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { UiDeps, UiEnv } from '../env.js';
import { dropForm } from '../forms.js';
import { page } from '../layout.js';
import { fill, say, type Text } from '../text.js';
import { uploaded } from '../upload.js';

const TX = {
  title: { ja: '報告書を確認', en: 'Check a report' },
  intro: {
    ja: 'chatproof の PDF 報告書を置くと、中のハッシュ・Merkle ルート・ログの連鎖・タイムスタンプをすべて確かめます。アーカイブは不要で、ファイルはこのパソコンの外に送られません。',
    en: 'Drop a chatproof PDF report: every hash, Merkle root, log link and timestamp inside it is checked. No archive is needed, and the file never leaves this computer.',
  },
  allOk: { ja: '✓ {n} 項目すべて確認できました。各行が、何を比べ、何に依拠したかを示します。', en: '✓ All {n} checks hold; each line says what was compared and what it rests on.' },
  someBad: { ja: '✗ {bad} / {n} 項目が一致しません。この報告書は作成後に変更されたか、壊れています。', en: '✗ {bad} of {n} checks failed: this report was changed after it was made, or is damaged.' },
  file: { ja: 'ファイル', en: 'File' },
} as const satisfies Record<string, Text>;

/** The page a platform's support agent uses: verify-report, with nothing else of the archive. */
export function verifyRoutes(app: Hono<UiEnv>, _deps: UiDeps): void {
  app.get('/verify', (c) => {
    const lang = c.get('lang');
    return c.html(page(lang, '/verify', TX.title, html`<p>${say(lang, TX.intro)}</p>${dropForm(lang, { post: '/verify', target: '#verdict', accept: '.pdf,application/pdf' })}<section id="verdict" aria-live="polite"></section>`));
  });

  app.post('/verify', async (c) => {
    const lang = c.get('lang');
    const { bytes, name } = await uploaded(c);
    const { verifyReport } = await import('../../report/verify/index.js');
    const result = await verifyReport(bytes, name, { certs: [], file: undefined });
    const bad = result.checks.filter((k) => !k.ok).length;
    const n = result.checks.length;
    return c.html(html`<p>${say(lang, TX.file)}: <code>${name}</code></p>
<p class="verdict ${result.ok ? 'ok' : 'bad'}" data-verdict="${result.ok ? 'ok' : 'bad'}">${fill(say(lang, result.ok ? TX.allOk : TX.someBad), { n, bad })}</p>
<ul class="checks">${result.checks.map((k) => html`<li class="${k.ok ? 'ok' : 'bad'}" data-ok="${String(k.ok)}"><span class="mark">${k.ok ? '✓' : '✗'}</span><strong>${k.name}</strong><br><span class="muted">${k.detail}</span></li>`)}</ul>`);
  });
}
