import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { FormatName } from '../../importers/importer.js';
import { msg, textsIn } from '../../i18n/message.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { stampAfter, stampPlan, type StampFlags } from '../stamp-after.js';
import { FORMAT_NAMES, importHooks, importJson, printSummary, warnPlacedBefore } from './import.js';

interface ReparseOptions extends StampFlags {
  format: string;
  member: string[];
  yes?: boolean;
}

const FORMATS: readonly string[] = ['auto', ...FORMAT_NAMES];

/** `reparse CAPTURE` (src/app/reparse.ts): a raw capture's original read again, its messages recorded as a new capture. */
export function registerReparse(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, ReparseOptions]>(
    program,
    runner,
    'reparse <capture>',
    tx('help.reparse'),
    (c) =>
      c
        .option('--format <format>', tx('help.reparse.format', { formats: FORMATS.join(', ') }), 'auto')
        .option('--member <name...>', tx('help.reparse.member'), [])
        .option('--yes', tx('help.reparse.yes'))
        .option('--stamp', tx('help.capture.stamp'))
        .option('--no-stamp', tx('help.capture.no-stamp'))
        .option('--tsa <url|name>', tx('help.capture.tsa'))
        .option('--tsa-cert <file>', tx('help.tsa-cert'))
        .addHelpText('after', '\n' + tx('help.reparse.tz')),
    (ctx, capture, opts) => runReparse(ctx, capture, opts),
  );
}

async function runReparse(ctx: Context, captureArg: string, opts: ReparseOptions): Promise<number> {
  if (!FORMATS.includes(opts.format)) throw new UsageError(msg('usage.unknown-format', { format: opts.format, formats: FORMATS.join(', ') }));
  // Like import: a TSA set for the archive (or --stamp) stamps the new capture, decided before anything is read.
  const plan = await stampPlan(ctx, opts);
  const { reparseCapture } = await import('../../app/reparse.js');
  const archive = ctx.archive();
  const done = await reparseCapture(
    archive,
    { capture: captureArg, format: opts.format as FormatName | 'auto', members: opts.member, tz: ctx.tzGiven ? ctx.tz : null, signal: ctx.io.signal },
    importHooks(ctx, `capture ${captureArg}`, null, opts.yes === true),
  );
  const { recorded, changes, rawCapture } = done;
  if (!ctx.json) {
    ctx.say(
      ctx.text('reparse.read', {
        capture: rawCapture.id,
        format: recorded.capture.format,
        messages: recorded.capture.messageCount,
        at: ctx.time(recorded.capture.asOf, true),
      }),
    );
    printSummary(ctx, recorded, changes);
  }
  warnPlacedBefore(ctx, done);
  const after = plan === null ? null : await stampAfter(ctx, archive, plan);
  if (ctx.json)
    ctx.printJson({
      reparseOf: { id: rawCapture.id, capturedAt: rawCapture.capturedAt, asOf: rawCapture.asOf, entry: { seq: rawCapture.entrySeq } },
      ...importJson(ctx, done, after),
    });
  return EXIT.ok;
}
