import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { untilAborted } from '../io.js';
import { msg, render, textsIn } from '../../i18n/message.js';
import { EXIT } from '../exit-codes.js';

export function registerWatch(program: Command, runner: Runner): void {
  defineCommand<[string[], Record<string, never>]>(
    program,
    runner,
    'watch <folders...>',
    textsIn(runner.lang)('help.watch'),
    (c) => c,
    (ctx, folders) => runWatch(ctx, folders),
  );
}

/**
 * One log line per file (stdout; with --json one JSON object per line). Files that need a room or
 * a confirmation are named and left alone: `chatproof import` or the web app takes them.
 */
async function runWatch(ctx: Context, folders: string[]): Promise<number> {
  const [{ FolderWatcher, watchEventText }, { Workspace }, { settingsPath }, { afterJson }] = await Promise.all([
    import('../../app/watch-folder.js'),
    import('../../app/workspace.js'),
    import('../../app/settings.js'),
    import('../stamp-after.js'),
  ]);
  const workspace = new Workspace(ctx.dbPath, ctx.tz);
  const settle = Number(ctx.io.env['CHATPROOF_WATCH_SETTLE_MS'] ?? '');
  const watcher = new FolderWatcher(workspace, {
    lang: ctx.lang,
    settingsFile: settingsPath(ctx.dbPath, ctx.io.cwd),
    ...(settle > 0 ? { settleMs: settle } : {}),
    onEvent: (e) => {
      const line = `${e.at} ${watchEventText(ctx.lang, e)}`;
      if (ctx.json)
        ctx.printJsonLine({
          type: e.type,
          file: e.file,
          at: e.at,
          ...(e.type === 'imported' ? { room: e.result.recorded.room.id, capture: e.result.recorded.capture.id, changes: e.result.changes } : {}),
          ...(e.type === 'imported' && e.stamp !== null ? { stamp: afterJson(e.stamp) } : {}),
          ...(e.type === 'waiting' ? { why: e.why } : {}),
          ...(e.type === 'failed' ? { error: line } : {}),
        });
      else ctx.io.stdout.write(line + '\n');
    },
  });
  try {
    await watcher.start(folders);
    ctx.warn(render(ctx.lang, msg('ui.watch.started', { folders: watcher.watching.join(', ') })));
    await untilAborted(ctx.io.signal);
    return EXIT.ok;
  } finally {
    await watcher.stop();
    workspace.close();
  }
}
