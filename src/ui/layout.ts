import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Lang } from '../cli/lang.js';
import { say, type Text } from './text.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const NAV: readonly (readonly [string, Text])[] = [
  ['/', { ja: 'ルーム', en: 'Rooms' }],
  ['/import', { ja: '取り込む', en: 'Import' }],
  ['/verify', { ja: '報告書を確認', en: 'Check a report' }],
  ['/watch', { ja: 'フォルダを見張る', en: 'Watch a folder' }],
  ['/chatwork', { ja: 'Chatwork', en: 'Chatwork' }],
  ['/backup', { ja: 'バックアップ', en: 'Backup' }],
];

/** The page around every view: one stylesheet and one script, both served by this app. */
export function page(lang: Lang, current: string, title: Text, body: Html | string): Html {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${say(lang, title)} — chatproof</title>
<link rel="stylesheet" href="/static/style.css">
<script type="module" src="/static/app.js"></script>
</head>
<body>
<header>
<a class="brand" href="/">chatproof</a>
<nav>${NAV.map(([href, label]) => html`<a href="${href}"${href === current ? html` aria-current="page"` : ''}>${say(lang, label)}</a>`)}</nav>
<a class="lang" href="?lang=${lang === 'ja' ? 'en' : 'ja'}">${lang === 'ja' ? 'English' : '日本語'}</a>
</header>
<main>
<h1>${say(lang, title)}</h1>
${body}
</main>
</body>
</html>`;
}

/** A page shown to a request we refuse, in both languages (we do not know whose browser it is). */
export function refusalPage(status: 401 | 403 | 405 | 415): string {
  const why: Record<typeof status, Text> = {
    401: { ja: 'このページを開くには、chatproof ui が表示したアドレス（token= を含む）を開いてください。', en: 'To open this page, open the address chatproof ui printed (the one with token=).' },
    403: { ja: 'このリクエストは、このアプリのページから送られたものではないため拒否しました。', en: 'This request did not come from this app\'s own page, so it was refused.' },
    405: { ja: 'この操作には対応していません。', en: 'This method is not supported.' },
    415: { ja: 'この形式の送信は受け付けません。', en: 'This kind of request body is not accepted.' },
  };
  const text = why[status];
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>chatproof</title></head><body><p>${text.ja}</p><p lang="en">${text.en}</p></body></html>`;
}
