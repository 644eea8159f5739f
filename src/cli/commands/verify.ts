import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { textsIn } from '../../i18n/message.js';
import { withProgress } from '../progress.js';

export function registerVerify(program: Command, runner: Runner): void {
  defineCommand<[Record<string, never>]>(program, runner, 'verify', textsIn(runner.lang)('help.verify'), (c) => c, (ctx) => {
    const archive = ctx.archive({ readonly: true });
    const report = withProgress(ctx.io, { json: ctx.json, label: 'verify', lang: ctx.lang }, (update) => archive.verify(update));
    if (ctx.json) ctx.printJson(report);
    else {
      ctx.say(ctx.text('verify.counted', { entries: report.entries, captures: report.captures, messages: report.messages, blobs: report.blobs }));
      for (const p of report.problems) ctx.say(ctx.paint(31, ctx.text('verify.problem', { kind: p.kind, where: p.where, expected: p.expected, actual: p.actual })));
      ctx.say(report.ok
        ? ctx.paint(32, ctx.text('verify.ok'))
        : ctx.paint(31, ctx.text('verify.failed', { problems: report.problems.length })));
    }
    return report.ok ? EXIT.ok : EXIT.integrity;
  });
}

export function registerBackup(program: Command, runner: Runner): void {
  defineCommand<[string, Record<string, never>]>(program, runner, 'backup <file>', textsIn(runner.lang)('help.backup'), (c) => c, async (ctx, file) => {
    await ctx.archive({ readonly: true }).backup(file);
    if (ctx.json) ctx.printJson({ file });
    else ctx.say(ctx.text('backup.done', { file }));
    return 0;
  });
}
