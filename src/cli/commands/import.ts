import type { Command } from 'commander';
import type { ImportEvent, ImportHooks, ImportResult } from '../../app/import-capture.js';
import { InputError, UsageError } from '../../core/errors.js';
import type { ChangeCounts } from '../../core/diff/index.js';
import type { CoverageKind, Warning } from '../../core/types.js';
import type { FormatName, ParseResult } from '../../importers/importer.js';
import { type Runner, defineCommand } from '../command.js';
import { confirm } from '../confirm.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { captureJson, roomJson } from '../json-shapes.js';
import { msg, render, textsIn } from '../../i18n/message.js';
import { startProgress, type Progress } from '../progress.js';
import { DEFAULT_MAX_SIZE, parseSize, readInput } from '../read-input.js';
import { summarizeParse } from './import-summary.js';
import { afterJson, stampAfter, stampPlan, type StampPlan } from '../stamp-after.js';
import type { AfterCapture } from '../../app/stamp-queue.js';

interface ImportOptions {
  clipboard?: boolean;
  format: string;
  room?: string;
  coverage?: string;
  member: string[];
  yes?: boolean;
  maxSize?: string;
  raw?: boolean;
  stamp?: boolean;
  tsa?: string;
  tsaCert?: string;
}

/**
 * The registry's formats, in its order, written out so that `--help` need not load the parsers
 * (test/bench/hot-paths.test.ts keeps the two lists equal).
 */
export const FORMAT_NAMES: readonly FormatName[] = ['line', 'chatwork-json', 'crowdworks', 'lancers', 'chatwork-text'];
const FORMATS: readonly string[] = ['auto', ...FORMAT_NAMES];

export function registerImport(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string | undefined, ImportOptions]>(
    program,
    runner,
    'import [file]',
    tx('help.import'),
    (c) =>
      c
        .option('--clipboard', tx('help.import.clipboard'))
        .option('--format <format>', tx('help.import.format', { formats: FORMATS.join(', ') }), 'auto')
        .option('--room <title>', tx('help.import.room'))
        .option('--coverage <kind>', tx('help.import.coverage'))
        .option('--member <name...>', tx('help.import.member'), [])
        .option('--yes', tx('help.import.yes'))
        .option('--raw', tx('help.import.raw'))
        .option('--max-size <size>', tx('help.max-size'))
        .option('--stamp', tx('help.capture.stamp'))
        .option('--no-stamp', tx('help.capture.no-stamp'))
        .option('--tsa <url|name>', tx('help.capture.tsa'))
        .option('--tsa-cert <file>', tx('help.tsa-cert')),
    (ctx, file, opts) => runImport(ctx, file, opts),
  );
}

async function runImport(ctx: Context, file: string | undefined, opts: ImportOptions): Promise<number> {
  if (file !== undefined && opts.clipboard) throw new UsageError(msg('usage.file-and-clipboard'));
  if (!FORMATS.includes(opts.format)) throw new UsageError(msg('usage.unknown-format', { format: opts.format, formats: FORMATS.join(', ') }));
  if (opts.coverage !== undefined && opts.coverage !== 'full' && opts.coverage !== 'window')
    throw new UsageError(msg('usage.coverage', { value: opts.coverage }));
  const maxSize = opts.maxSize === undefined ? DEFAULT_MAX_SIZE : parseSize(opts.maxSize);
  const plan = await stampPlan(ctx, opts);
  const input = await readInput({ ...(file === undefined ? {} : { file }), clipboard: opts.clipboard ?? false }, ctx.io, maxSize);
  if (input.bytes.length === 0 && !mayBeEmptyAnswer(opts.format, input.name))
    throw new InputError(msg('input.empty'), { where: input.where, hint: msg('input.empty.hint') });
  if (opts.raw) return importRawInput(ctx, input, opts, plan);
  const progress = startProgress(ctx.io, { json: ctx.json, label: 'import', lang: ctx.lang });
  try {
    return await importInput(ctx, input, opts, progress, plan);
  } finally {
    progress.finish();
  }
}

/** `import --raw`: the bytes kept as they are, no messages read (src/app/import-raw.ts). */
async function importRawInput(ctx: Context, input: Awaited<ReturnType<typeof readInput>>, opts: ImportOptions, plan: StampPlan | null): Promise<number> {
  if (opts.coverage !== undefined || opts.member.length > 0 || opts.yes) throw new UsageError(msg('usage.raw-with-options'));
  const { importRaw } = await import('../../app/import-raw.js');
  const recorded = await importRaw(() => ctx.archive({ create: true }), { input, format: opts.format as FormatName | 'auto', room: opts.room, tz: ctx.tz });
  if (!ctx.json) {
    const c = recorded.capture;
    ctx.say(ctx.text('import.raw-stored', { title: recorded.room.title, size: input.bytes.length }));
    ctx.say(`  capture ${c.id}  sha256 ${c.rawSha256}  ${ctx.text('import.entry', { seq: recorded.entry.seq })}`);
  }
  const after = plan === null ? null : await stampAfter(ctx, ctx.archive(), plan);
  // The import document's shape (docs/json.md): a raw capture reads no message, so it changes none.
  const changes: ChangeCounts = { added: 0, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 };
  if (ctx.json) ctx.printJson(importJson(ctx, { recorded, changes, warnings: [], placedBefore: null }, after));
  return EXIT.ok;
}

/**
 * The Chatwork API answers "nothing new" with 204 and no body, which its importer reads as such
 * (src/importers/chatwork-json/FORMAT.md); every other empty input is refused here.
 */
function mayBeEmptyAnswer(format: string, name: string | null): boolean {
  return format === 'chatwork-json' || (format === 'auto' && /\.json$/i.test(name ?? ''));
}

async function importInput(
  ctx: Context,
  input: Awaited<ReturnType<typeof readInput>>,
  opts: ImportOptions,
  progress: Progress,
  plan: StampPlan | null,
): Promise<number> {
  const { importCapture } = await import('../../app/import-capture.js');
  const done = await importCapture(
    () => ctx.archive({ create: true }),
    {
      input,
      format: opts.format as FormatName | 'auto',
      room: opts.room,
      coverage: opts.coverage as CoverageKind | undefined,
      members: opts.member,
      tz: ctx.tz,
      signal: ctx.io.signal,
    },
    importHooks(ctx, input.where, progress, opts.yes === true),
  );
  progress.finish();
  const { recorded, changes } = done;
  if (!ctx.json) printSummary(ctx, recorded, changes);
  warnPlacedBefore(ctx, done);
  const after = plan === null ? null : await stampAfter(ctx, ctx.archive(), plan);
  if (ctx.json) ctx.printJson(importJson(ctx, done, after));
  return EXIT.ok;
}

/** What `import --json` prints of a capture it recorded; `reparse --json` prints it after its reparseOf. */
export function importJson(ctx: Context, done: ImportResult, after: AfterCapture | null): Record<string, unknown> {
  const { recorded } = done;
  return {
    capture: { ...captureJson(recorded.capture), room: roomJson(recorded.room), entry: { seq: recorded.entry.seq, hash: recorded.entry.hash } },
    changes: done.changes,
    warnings: done.warnings.map((w) => ({ ...w, message: render(ctx.lang, w.message) })),
    placedBefore: done.placedBefore,
    ...(after === null ? {} : { stamp: afterJson(after) }),
  };
}

/** How an import (or a reparse) is shown: the format it read as, warnings as `where:line`, progress, and the confirmation. */
export function importHooks(ctx: Context, where: string, progress: Progress | null, yes: boolean): ImportHooks {
  const warn = (warnings: readonly Warning[]): void => {
    for (const w of warnings) ctx.warn(`${where}${w.line === null ? '' : `:${w.line}`}: ${ctx.text('import.warning', { text: w.message })}`);
  };
  const onEvent = (e: ImportEvent): void => {
    switch (e.type) {
      case 'progress':
        return progress?.update(e.phase, e.done, e.total);
      case 'parsed':
        return progress?.clear();
      case 'format':
        return ctx.warn(ctx.text('import.format', { format: e.format, reason: e.reason }));
      case 'warnings':
        return warn(e.warnings);
    }
  };
  const ask = async (parsed: ParseResult): Promise<boolean | null> => {
    ctx.warn(summarizeParse(parsed, ctx));
    return yes || confirm(ctx.io, ctx.text('import.confirm'));
  };
  return { onEvent, confirm: ask };
}

/** Told on stderr too, with the warnings: an older export must not pass for the room's latest state unnoticed. */
export function warnPlacedBefore(ctx: Context, { recorded, placedBefore }: Pick<ImportResult, 'recorded' | 'placedBefore'>): void {
  if (placedBefore !== null)
    ctx.warn(ctx.text('import.older', { asOf: ctx.time(recorded.capture.asOf), newestAsOf: ctx.time(placedBefore.newestAsOf), newer: placedBefore.newer }));
}

/** The one line the user needs first (what changed, or that the room is new), then where it is kept, then ids and hashes. */
export function printSummary(ctx: Context, recorded: ImportResult['recorded'], changes: ChangeCounts): void {
  const c = recorded.capture;
  const title = recorded.room.title;
  if (recorded.roomCreated) ctx.say(ctx.text('import.new-room', { title, messages: c.messageCount }));
  else {
    const parts = (['added', 'edited', 'unsent', 'deleted'] as const)
      .filter((k) => changes[k] > 0)
      .map((k) => ctx.text(`import.count.${k}`, { n: changes[k] }));
    ctx.say(
      parts.length === 0 ? ctx.text('import.no-change', { title }) : ctx.text('import.changed', { title, changes: parts.join(ctx.text('import.count.sep')) }),
    );
  }
  ctx.say(ctx.text('import.stored', { messages: c.messageCount, unchanged: changes.unchanged, notCovered: changes.notCovered, room: recorded.room.id }));
  const span = `${c.coverage.from === null ? '-' : ctx.time(c.coverage.from)} … ${c.coverage.to === null ? '-' : ctx.time(c.coverage.to)}`;
  ctx.say(ctx.text('import.capture', { id: c.id, full: c.coverage.kind === 'full', span }));
  ctx.say(`  sha256 ${c.rawSha256}  merkle ${c.merkleRoot}  ${ctx.text('import.entry', { seq: recorded.entry.seq })}`);
}
