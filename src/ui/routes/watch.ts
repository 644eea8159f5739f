import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { rememberWatched, readSettings } from '../../app/settings.js';
import { watchEventText, type WatchEvent } from '../../app/watch-folder.js';
import type { Lang } from '../../i18n/lang.js';
import { msg, textsIn } from '../../i18n/message.js';
import { UsageError } from '../../core/errors.js';
import type { UiDeps, UiEnv } from '../env.js';
import { when } from '../format.js';
import { page, type Html } from '../layout.js';
import { fields } from '../upload.js';
import { showPreview } from './import.js';

/** Files that wait for a person: the latest event of each file says so. */
function waiting(events: readonly WatchEvent[]): WatchEvent[] {
  const latest = new Map<string, WatchEvent>();
  for (const e of events) if (!latest.has(e.file)) latest.set(e.file, e);
  return [...latest.values()].filter((e) => e.type === 'waiting');
}

function status(lang: Lang, deps: UiDeps): Html {
  const tx = textsIn(lang);
  const w = deps.watcher;
  const wait = waiting(w.events);
  const missing = (readSettings(deps.settingsFile).watch ?? []).filter((f) => !w.watching.includes(f));
  const stop = (f: string, label: string): Html =>
    html`<form data-post="/watch/stop" data-target="#watch-status">
      <input type="hidden" name="folder" value="${f}" /><button type="submit" class="secondary">${label}</button>
    </form>`;
  return html`${
      w.watching.length === 0 && missing.length === 0
        ? html`<p class="muted">${tx('ui.watch.not-watching')}</p>`
        : html`<p>${tx('ui.watch.watching')}:</p>
            <ul class="folders">
              ${w.watching.map((f) => html`<li><code data-watching>${f}</code> ${stop(f, tx('ui.watch.stop'))}</li>`)}
              ${missing.map((f) => html`<li class="warn"><code data-missing>${f}</code> ${tx('ui.watch.missing')} ${stop(f, tx('ui.watch.forget'))}</li>`)}
            </ul>
            <p class="muted">${tx('ui.watch.remembered')}</p>`
    }
    ${
      wait.length === 0
        ? ''
        : html`<h2>${tx('ui.watch.waiting')}</h2>
            <ul>
              ${wait.map(
                (e) =>
                  html`<li data-waiting>
                    ${watchEventText(lang, e)}
                    <form data-post="/watch/review" data-target="#import-result">
                      <input type="hidden" name="file" value="${e.file}" /><button type="submit">${tx('ui.watch.review')}</button>
                    </form>
                  </li>`,
              )}
            </ul>`
    }
    <h2>${tx('ui.watch.events')}</h2>
    ${
      w.events.length === 0
        ? html`<p class="muted">${tx('ui.none')}</p>`
        : html`<ul class="events">
            ${w.events.map((e) => html`<li class="${e.type === 'failed' ? 'bad' : e.type === 'waiting' ? 'warn' : ''}" data-event="${e.type}"><span class="muted">${when(e.at, deps.workspace.tz)}</span> ${watchEventText(lang, e)}${e.type === 'imported' ? html` — <a href="/rooms/${e.result.recorded.room.id}">${e.result.recorded.room.title}</a>` : ''}</li>`)}
          </ul>`
    }`;
}

export function watchRoutes(app: Hono<UiEnv>, deps: UiDeps): void {
  app.get('/watch', (c) => {
    const lang = c.get('lang');
    const tx = textsIn(lang);
    return c.html(
      page(
        lang,
        '/watch',
        tx('ui.watch.title'),
        html`<p>${tx('ui.watch.intro')}</p>
          <form data-post="/watch/start" data-target="#watch-status">
            <label>${tx('ui.watch.folder')}<input type="text" name="folder" /></label>
            <p><button type="submit">${tx('ui.watch.start')}</button></p>
          </form>
          <section id="watch-status" data-refresh="/watch/status" data-every="1500" aria-live="polite">${status(lang, deps)}</section>
          <section id="import-result" aria-live="polite"></section>`,
      ),
    );
  });

  app.get('/watch/status', (c) => c.html(status(c.get('lang'), deps)));

  // Starting and stopping change what the next run watches too (the `watch` setting).
  app.post('/watch/start', async (c) => {
    const given = ((await fields(c))['folder'] ?? '').trim();
    // An empty field would otherwise name the folder the app was started in.
    if (given === '') throw new UsageError(msg('ui.watch.folder-empty'), { hint: msg('ui.watch.no-folder.hint') });
    const folder = resolve(given);
    const kept = readSettings(deps.settingsFile).watch ?? [];
    await deps.watcher.start([...new Set([...deps.watcher.watching, folder])]);
    rememberWatched(deps.settingsFile, [...new Set([...kept, ...deps.watcher.watching])]);
    return c.html(status(c.get('lang'), deps));
  });

  app.post('/watch/stop', async (c) => {
    const folder = (await fields(c))['folder'] ?? '';
    // A folder gone since it was switched on (a drive pulled out) would make starting the rest fail,
    // and the stop with it: it is left out, and stays remembered, shown as missing.
    const rest = deps.watcher.watching.filter((f) => f !== folder && existsSync(f));
    if (rest.length === 0) await deps.watcher.stop();
    else if (rest.length < deps.watcher.watching.length) await deps.watcher.start(rest);
    rememberWatched(
      deps.settingsFile,
      (readSettings(deps.settingsFile).watch ?? []).filter((f) => f !== folder),
    );
    return c.html(status(c.get('lang'), deps));
  });

  // Only a file the watcher itself reported as waiting is read: the page cannot name another path.
  app.post('/watch/review', async (c) => {
    const file = (await fields(c))['file'] ?? '';
    const item = waiting(deps.watcher.events).find((e) => e.file === file);
    if (item === undefined) return c.html(html`<p class="error" role="alert">${textsIn(c.get('lang'))('ui.import.expired')}</p>`, 410);
    return showPreview(c, deps, { bytes: await readFile(item.file), name: basename(item.file), where: item.file, room: undefined });
  });
}
