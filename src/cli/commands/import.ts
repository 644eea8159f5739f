import type { Command } from 'commander';
import type { ImportEvent } from '../../app/import-capture.js';
import { InputError, UsageError } from '../../core/errors.js';
import type { CoverageKind, Warning } from '../../core/types.js';
import type { FormatName, ParseResult } from '../../importers/importer.js';
import { type Runner, defineCommand } from '../command.js';
import { confirm } from '../confirm.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { captureJson, roomJson } from '../json-shapes.js';
import { t } from '../../i18n/lang.js';
import { startProgress, type Progress } from '../progress.js';
import { DEFAULT_MAX_SIZE, parseSize, readInput } from '../read-input.js';
import { summarizeParse } from './import-summary.js';

interface ImportOptions {
  clipboard?: boolean;
  format: string;
  room?: string;
  coverage?: string;
  member: string[];
  yes?: boolean;
  maxSize?: string;
}

/**
 * The registry's formats, in its order, written out so that `--help` need not load the parsers
 * (test/bench/hot-paths.test.ts keeps the two lists equal).
 */
export const FORMAT_NAMES: readonly FormatName[] = ['line', 'chatwork-json', 'crowdworks', 'lancers', 'chatwork-text'];
const FORMATS: readonly string[] = ['auto', ...FORMAT_NAMES];

export function registerImport(program: Command, runner: Runner): void {
  defineCommand<[string | undefined, ImportOptions]>(
    program, runner, 'import [file]',
    'record one chat export or paste as a capture (FILE, - for stdin, or --clipboard) / チャットを取り込む',
    (c) => c
      .option('--clipboard', 'read the system clipboard')
      .option('--format <format>', `input format: ${FORMATS.join(', ')}`, 'auto')
      .option('--room <title>', 'the room, where the input does not name it (pasted text)')
      .option('--coverage <kind>', 'full (the room from its start) or window (first to last message)')
      .option('--member <name...>', 'a room member, to split sender names from LINE desktop lines', [])
      .option('--yes', 'answer yes to the confirmation an inferred paste or a truncated input asks for')
      .option('--max-size <size>', 'largest input accepted (default 256MB)'),
    (ctx, file, opts) => runImport(ctx, file, opts),
  );
}

async function runImport(ctx: Context, file: string | undefined, opts: ImportOptions): Promise<number> {
  if (file !== undefined && opts.clipboard) throw new UsageError('Give either a FILE (or -) or --clipboard, not both.');
  if (!FORMATS.includes(opts.format)) throw new UsageError(`Unknown --format "${opts.format}". Choose one of: ${FORMATS.join(', ')}.`);
  if (opts.coverage !== undefined && opts.coverage !== 'full' && opts.coverage !== 'window') throw new UsageError(`--coverage takes full or window, not "${opts.coverage}".`);
  const maxSize = opts.maxSize === undefined ? DEFAULT_MAX_SIZE : parseSize(opts.maxSize);
  const input = await readInput({ ...(file === undefined ? {} : { file }), clipboard: opts.clipboard ?? false }, ctx.io, maxSize);
  if (input.bytes.length === 0) throw new InputError('The input is empty: there is nothing to import.', { where: input.where, hint: 'Check that you exported or copied the chat before importing.' });
  const progress = startProgress(ctx.io, { json: ctx.json, label: 'import' });
  try {
    return await importInput(ctx, input, opts, progress);
  } finally {
    progress.finish();
  }
}

async function importInput(ctx: Context, input: Awaited<ReturnType<typeof readInput>>, opts: ImportOptions, progress: Progress): Promise<number> {
  const { importCapture } = await import('../../app/import-capture.js');
  const warn = (warnings: readonly Warning[]): void => {
    for (const w of warnings) ctx.warn(`${input.where}${w.line === null ? '' : `:${w.line}`}: ${t(ctx.lang, { ja: '注意', en: 'warning' })}: ${w.message}`);
  };
  const onEvent = (e: ImportEvent): void => {
    switch (e.type) {
      case 'progress': return progress.update(e.phase, e.done, e.total);
      case 'parsed': return progress.clear();
      case 'format': return ctx.warn(t(ctx.lang, { ja: `形式: ${e.format}（${e.reason}）`, en: `Format: ${e.format} (${e.reason})` }));
      case 'warnings': return warn(e.warnings);
    }
  };
  const ask = async (parsed: ParseResult): Promise<boolean | null> => {
    ctx.warn(summarizeParse(parsed, ctx.lang));
    return opts.yes === true || confirm(ctx.io, t(ctx.lang, { ja: 'この内容で保存しますか？', en: 'Store this as a capture?' }));
  };
  const done = await importCapture(() => ctx.archive(), {
    input, format: opts.format as FormatName | 'auto', room: opts.room, coverage: opts.coverage as CoverageKind | undefined, members: opts.member,
    tz: ctx.tz, signal: ctx.io.signal,
  }, { onEvent, confirm: ask });
  progress.finish();
  const { recorded, changes } = done;
  if (ctx.json) {
    ctx.printJson({
      capture: { ...captureJson(recorded.capture), room: roomJson(recorded.room), entry: { seq: recorded.entry.seq, hash: recorded.entry.hash } },
      changes,
      warnings: done.warnings,
    });
  } else {
    const c = recorded.capture;
    ctx.say(t(ctx.lang, {
      ja: `取り込みました: ${c.messageCount} 件のメッセージ → ルーム「${recorded.room.title}」(${recorded.room.id})${recorded.roomCreated ? '［新規］' : ''}`,
      en: `Imported ${c.messageCount} messages into room "${recorded.room.title}" (${recorded.room.id})${recorded.roomCreated ? ' [new room]' : ''}`,
    }));
    ctx.say(`  capture ${c.id}  ${c.coverage.kind} ${c.coverage.from ?? '-'} … ${c.coverage.to ?? '-'}`);
    ctx.say(`  sha256 ${c.rawSha256}  merkle ${c.merkleRoot}  entry #${recorded.entry.seq}`);
    ctx.say(`  changes: +${changes.added} added, ${changes.edited} edited, ${changes.unsent} unsent, ${changes.deleted} deleted, ${changes.unchanged} unchanged, ${changes.notCovered} not covered`);
  }
  return EXIT.ok;
}
