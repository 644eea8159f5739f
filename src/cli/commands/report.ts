import type { Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import { UsageError } from '../../core/errors.js';
import { guardOutput, parseMode } from '../../output/index.js';
import { packageVersion } from '../../paths.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context, GlobalOptions } from '../context.js';
import type { Lang } from '../../i18n/lang.js';
import { msg, textsIn } from '../../i18n/message.js';
import { startProgress } from '../progress.js';
import { readAnchors } from '../../app/anchors.js';
import { stampJson, trustLines } from './stamp.js';
import { EXIT } from '../exit-codes.js';

interface ReportOptions {
  output: string;
  title?: string;
  from?: string;
  to?: string;
  private?: boolean;
  tsa?: string;
  tsaCert?: string;
  mode?: string;
  /** Only when given: reports default to Japanese whatever the terminal's locale. */
  lang?: Lang | undefined;
}

export function registerReport(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  // `--lang` is a global option: commander files it under whichever command saw it first, so the
  // explicit choice is read from all levels (optsWithGlobals) rather than from Context, whose
  // lang already fell back to the terminal's locale.
  let command: Command | undefined;
  defineCommand<[string, ReportOptions]>(
    program,
    runner,
    'report <room>',
    tx('help.report'),
    (c) =>
      (command = c)
        .requiredOption('-o, --output <file>', tx('help.report.output'))
        .option('--title <text>', tx('help.report.title'))
        .option('--from <date>', tx('help.report.from'))
        .option('--to <date>', tx('help.report.to'))
        .option('--private', tx('help.report.private'))
        .option('--tsa <url|name>', tx('help.report.tsa'))
        .option('--tsa-cert <file>', tx('help.tsa-cert'))
        .option('--mode <octal>', tx('help.output.mode')),
    (ctx, roomArg, opts) => runReport(ctx, roomArg, { ...opts, lang: command?.optsWithGlobals<GlobalOptions>().lang as Lang | undefined }),
  );
}

async function runReport(ctx: Context, roomArg: string, opts: ReportOptions): Promise<number> {
  const [{ exportReport }, { parseRange }, { resolveTsa }] = await Promise.all([
    import('../../app/make-report.js'),
    import('../../report/range.js'),
    import('../../timestamp/index.js'),
  ]);
  // Refused before anything happens (no timestamp, no entry): the archive, its SQLite files, a device…
  const file = guardOutput(opts.output, ctx.io.cwd, { archive: ctx.dbPath, ...(opts.tsaCert === undefined ? {} : { inputs: [opts.tsaCert] }) });
  const fileMode = opts.mode === undefined ? undefined : parseMode(opts.mode);
  const range = parseRange(opts.from, opts.to, ctx.tz);
  const tsa = opts.tsa === undefined ? null : resolveTsa(opts.tsa);
  const anchors = await readAnchors(opts.tsaCert, ctx.io.cwd);
  if (opts.title !== undefined && opts.title.trim() === '') throw new UsageError(msg('usage.title-empty'));
  const archive = ctx.archive();
  const room = findRoom(archive, roomArg);
  // Reports are Japanese unless --lang says otherwise (docs/design/cli-contract.md); the terminal follows the locale.
  const lang: Lang = opts.lang ?? 'ja';
  const bar = startProgress(ctx.io, { json: ctx.json, label: 'report', lang: ctx.lang });
  const done = await exportReport(archive, {
    room,
    file,
    ...(fileMode === undefined ? {} : { fileMode }),
    tsa,
    anchors,
    signal: ctx.io.signal,
    progress: (phase, n, total) => bar.update(phase, n, total),
    lang,
    title: opts.title ?? null,
    tz: ctx.tz,
    range,
    private: opts.private ?? false,
    generator: `chatproof ${packageVersion()}`,
  }).finally(() => bar.finish());
  if (ctx.json) {
    ctx.printJson({
      file: done.file,
      sha256: done.sha256,
      pages: done.pages,
      entry: { seq: done.entry.seq, hash: done.entry.hash },
      timestamp: done.stamped === null ? null : stampJson(done.stamped),
    });
    return EXIT.ok;
  }
  if (done.stamped !== null) for (const line of trustLines(ctx, done.stamped)) ctx.say(line);
  if (done.documentStamp !== null) ctx.say(ctx.text('report.doc-stamped', { tsa: done.documentStamp.tsaName ?? tsa!.name, at: done.documentStamp.genTime }));
  ctx.say(ctx.text('report.done', { file: done.file, pages: done.pages, sha256: done.sha256, seq: done.entry.seq, output: opts.output }));
  return EXIT.ok;
}
