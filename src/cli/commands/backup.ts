import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { textsIn } from '../../i18n/message.js';
import { guardOutput, parseMode } from '../../output/index.js';

export function registerBackup(program: Command, runner: Runner): void {
  defineCommand<[string, { mode?: string }]>(
    program,
    runner,
    'backup <file>',
    textsIn(runner.lang)('help.backup'),
    (c) => c.option('--mode <octal>', textsIn(runner.lang)('help.output.mode')),
    async (ctx, file, opts) => {
      const target = guardOutput(file, ctx.io.cwd, { archive: ctx.dbPath });
      const mode = opts.mode === undefined ? undefined : parseMode(opts.mode);
      await ctx.archive({ readonly: true }).backup(target, { signal: ctx.io.signal, ...(mode === undefined ? {} : { mode }) });
      if (ctx.json) ctx.printJson({ file });
      else ctx.say(ctx.text('backup.done', { file }));
      return EXIT.ok;
    },
  );
}
