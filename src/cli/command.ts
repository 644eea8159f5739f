import { Command } from 'commander';
import { addGlobalOptions, Context, type GlobalOptions } from './context.js';
import { sqliteFailureAsArchiveError } from '../store/open-archive.js';
import type { Lang } from '../i18n/lang.js';
import { msg, render } from '../i18n/message.js';
import type { Io } from './io.js';

/** A command body: gets the context and commander's parsed arguments, returns its exit code. */
export type Handler<A extends unknown[]> = (ctx: Context, ...args: A) => Promise<number> | number;

export interface Runner {
  readonly io: Io;
  /** Set by the action that ran; read by main once parsing is done. */
  code: number;
  /** The language of help and messages, from the command line and the environment (i18n/lang.ts). */
  readonly lang: Lang;
  /** Set when the command wrote its `--json` document before it failed (a sync stopped part-way). */
  jsonWritten?: boolean;
  /** Runs another whole command line (`demo` runs the real commands): main's runCli, handed down. */
  readonly run: (argv: readonly string[], io: Io) => Promise<number>;
}

/** Defines a subcommand with the global options, the exit-code table in its help, and a Context. */
export function defineCommand<A extends unknown[]>(
  parent: Command,
  runner: Runner,
  spec: string,
  description: string,
  build: (c: Command) => Command,
  handler: Handler<A>,
): Command {
  const cmd = addGlobalOptions(build(parent.command(spec).description(description)), runner.lang);
  cmd.addHelpText('after', '\n' + render(runner.lang, msg('cli.exit-table')));
  cmd.action(async (...raw: unknown[]) => {
    const command = raw[raw.length - 1] as Command;
    const ctx = new Context(runner.io, command.optsWithGlobals<GlobalOptions>());
    try {
      runner.code = await handler(ctx, ...(raw.slice(0, -1) as A));
    } catch (e) {
      // Reads are not wrapped one by one: a damaged page met anywhere ends as exit 4 with the file named.
      throw sqliteFailureAsArchiveError(e, ctx.dbPath);
    } finally {
      runner.jsonWritten = ctx.jsonWritten;
      ctx.close();
    }
  });
  return cmd;
}
