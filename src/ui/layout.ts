import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Lang } from '../i18n/lang.js';
import { render, msg, textsIn } from '../i18n/message.js';
import type { MessageKey } from '../i18n/catalog.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const NAV: readonly (readonly [string, MessageKey])[] = [
  ['/', 'ui.nav.rooms'],
  ['/import', 'ui.nav.import'],
  ['/verify', 'ui.nav.verify'],
  ['/watch', 'ui.nav.watch'],
  ['/chatwork', 'ui.nav.chatwork'],
  ['/backup', 'ui.nav.backup'],
  ['/settings', 'ui.nav.settings'],
];

/** The page around every view: one stylesheet and one script, both served by this app. */
export function page(lang: Lang, current: string, title: string, body: Html | string): Html {
  const tx = textsIn(lang);
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — chatproof</title>
        <link rel="stylesheet" href="/static/style.css" />
        <script type="module" src="/static/app.js"></script>
      </head>
      <body>
        <header>
          <a class="brand" href="/">chatproof</a>
          <nav>${NAV.map(([href, key]) => html`<a href="${href}" ${href === current ? html` aria-current="page"` : ''}>${render(lang, msg(key))}</a>`)}</nav>
          <a class="lang" href="?lang=${lang === 'ja' ? 'en' : 'ja'}">${tx('ui.other-lang')}</a>
        </header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

/** A page shown to a request we refuse, in both languages (we do not know whose browser it is). */
export function refusalPage(status: 401 | 403 | 405 | 415): string {
  const key = `ui.refused.${status}` as const;
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>chatproof</title></head><body><p>${render('ja', msg(key))}</p><p lang="en">${render('en', msg(key))}</p></body></html>`;
}
