import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Lang } from '../i18n/lang.js';
import { textsIn } from '../i18n/message.js';
import type { UiDeps, UiEnv } from './env.js';
import { failure, statusFor } from './failure.js';
import { authGuard, securityHeaders } from './guard.js';
import { page, refusalPage } from './layout.js';
import { backupRoutes } from './routes/backup.js';
import { chatworkRoutes } from './routes/chatwork.js';
import { importRoutes } from './routes/import.js';
import { reportRoutes } from './routes/report.js';
import { roomNoteRoutes } from './routes/room-notes.js';
import { roomRoutes } from './routes/rooms.js';
import { settingsRoutes } from './routes/settings.js';
import { verifyRoutes } from './routes/verify.js';
import { watchRoutes } from './routes/watch.js';

// Beside this module: src/ui/static when run from the sources, dist/cli/static in the bundle
// (bin/bundle.js copies it there).
const staticDir = join(dirname(fileURLToPath(import.meta.url)), 'static');
/** The files the page loads, by name: nothing else is reachable. */
const STATIC: Readonly<Record<string, { readonly type: string; readonly file: () => string }>> = {
  'app.js': { type: 'text/javascript; charset=utf-8', file: () => join(staticDir, 'app.js') },
  'style.css': { type: 'text/css; charset=utf-8', file: () => join(staticDir, 'style.css') },
};

function langCookie(header: string | undefined): Lang | undefined {
  const m = /(?:^|;\s*)chatproof_lang=(ja|en)(?:;|$)/.exec(header ?? '');
  return m ? (m[1] as Lang) : undefined;
}

/** The whole web app; the listening socket and its raw checks are in server.ts. */
export function createUiApp(deps: UiDeps): Hono<UiEnv> {
  const app = new Hono<UiEnv>();
  app.use('*', securityHeaders);
  app.use('*', authGuard({ token: deps.token, port: deps.port, refusal: refusalPage }));
  app.use('*', async (c, next) => {
    const chosen = c.req.query('lang');
    if (c.req.method === 'GET' && (chosen === 'ja' || chosen === 'en')) {
      c.header('Set-Cookie', `chatproof_lang=${chosen}; SameSite=Strict; Path=/`);
      return c.redirect(new URL(c.req.url).pathname, 303);
    }
    c.set('lang', langCookie(c.req.header('cookie')) ?? deps.lang);
    await next();
  });
  // Checked as the body streams in: an oversized upload is refused before it is held in memory.
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.maxUpload,
      onError: (c) => c.html(failureText(c.get('lang'), deps.maxUpload), 413),
    }),
  );

  app.get('/static/:name', async (c) => {
    const name = c.req.param('name');
    const asset = Object.hasOwn(STATIC, name) ? STATIC[name] : undefined;
    if (asset === undefined) return c.notFound();
    return c.body(await readFile(asset.file()), 200, { 'Content-Type': asset.type });
  });

  roomRoutes(app, deps);
  roomNoteRoutes(app, deps);
  importRoutes(app, deps);
  reportRoutes(app, deps);
  backupRoutes(app, deps);
  watchRoutes(app, deps);
  chatworkRoutes(app, deps);
  settingsRoutes(app, deps);
  verifyRoutes(app);

  app.notFound((c) => c.html(page(c.get('lang') ?? deps.lang, '', textsIn(c.get('lang') ?? deps.lang)('ui.not-found'), ''), 404));
  app.onError((e, c) => {
    const lang = c.get('lang') ?? deps.lang;
    // A form's result replaces part of the page; a page view gets the whole page around it.
    return c.req.method === 'GET' ? c.html(page(lang, '', textsIn(lang)('ui.failed'), failure(lang, e)), statusFor(e)) : c.html(failure(lang, e), statusFor(e));
  });
  return app;
}

function failureText(lang: Lang, max: number): string {
  return `<div class="error" role="alert">${textsIn(lang)('ui.too-large', { max: max >= 1024 * 1024 ? `${Math.round(max / 1024 / 1024)} MB` : `${Math.round(max / 1024)} KB` })}</div>`;
}
