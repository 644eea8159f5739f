import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { untilAborted } from '../io.js';
import { msg, render, textsIn } from '../../i18n/message.js';
import { DEFAULT_MAX_SIZE, parseSize } from '../read-input.js';
import { openInBrowser } from './open-browser.js';
import { EXIT } from '../exit-codes.js';

interface UiOptions {
  port?: string;
  open: boolean;
  maxSize?: string;
}

export function registerUi(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[UiOptions]>(
    program,
    runner,
    'ui',
    tx('help.ui'),
    (c) => c.option('--port <n>', tx('help.ui.port')).option('--no-open', tx('help.ui.no-open')).option('--max-size <size>', tx('help.ui.max-size')),
    (ctx, opts) => runUi(ctx, opts),
  );
}

async function runUi(ctx: Context, opts: UiOptions): Promise<number> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(msg('usage.ui-port', { value: String(opts.port) }));
  const maxUpload = opts.maxSize === undefined ? DEFAULT_MAX_SIZE : parseSize(opts.maxSize);
  const [{ startUi }, { Workspace }, { watchEventText }, { readSettings, settingsPath }, { syncPassText }] = await Promise.all([
    import('../../ui/server.js'),
    import('../../app/workspace.js'),
    import('../../app/watch-folder.js'),
    import('../../app/settings.js'),
    import('../../app/chatwork-session.js'),
  ]);
  const settingsFile = settingsPath(ctx.dbPath, ctx.io.cwd);
  const workspace = new Workspace(ctx.dbPath, ctx.tz);
  const apiBase = ctx.io.env['CHATWORK_API_BASE']?.trim();
  const ui = await startUi({
    port,
    lang: ctx.lang,
    maxUpload,
    workspace,
    settingsFile,
    ...(apiBase ? { chatworkApiBase: apiBase } : {}),
    onWatchEvent: (e) => ctx.warn(`${e.at} ${watchEventText(ctx.lang, e)}`),
    onChatworkPass: (p) => ctx.warn(`${p.at} ${syncPassText(ctx.lang, p)}`),
  });
  try {
    // The address is the first line of stdout, so that a script or a test can read it.
    if (ctx.json) ctx.printJson({ url: ui.url });
    else ctx.io.stdout.write(ui.url + '\n');
    ctx.say(render(ctx.lang, msg('ui.cli.open')));
    if (ui.watcher.watching.length > 0) ctx.say(render(ctx.lang, msg('ui.cli.watching', { folders: ui.watcher.watching.join(', ') })));
    const missing = (readSettings(settingsFile).watch ?? []).filter((f) => !ui.watcher.watching.includes(f));
    if (missing.length > 0) ctx.warn(render(ctx.lang, msg('ui.cli.watch-missing', { folders: missing.join(', ') })));
    if (opts.open) if (!(await openInBrowser(ui.url))) ctx.warn(render(ctx.lang, msg('ui.cli.no-browser')));
    await untilAborted(ctx.io.signal);
    return EXIT.ok;
  } finally {
    await ui.close();
    workspace.close();
  }
}
