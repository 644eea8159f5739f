import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import type { CoverageKind, Message, MessageStream, Warning } from '../../core/types.js';
import type { FormatName, ParseResult, StreamedParse } from '../../importers/importer.js';
import { type Runner, defineCommand } from '../command.js';
import { addedOnly } from '../added-only.js';
import { confirm } from '../confirm.js';
import type { Context } from '../context.js';
import { captureJson, roomJson } from '../json-shapes.js';
import { t } from '../../i18n/lang.js';
import { msg } from '../../i18n/message.js';
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

/**
 * The parsers, loaded when an import runs: with them come iconv-lite, chardet and parse5, which
 * `--help` and every other command do without (issue 8: start-up under 150 ms).
 */
async function loadImporters() {
  const [decode, detect, registry, seam] = await Promise.all([
    import('../../importers/decode.js'), import('../../importers/detect.js'), import('../../importers/registry.js'), import('../../importers/importer.js'),
  ]);
  return {
    decodeInput: decode.decodeInput, detectFormat: detect.detectFormat, importerFor: registry.importerFor, importers: registry.importers,
    streamedParse: seam.streamedParse, collect: seam.collect,
  };
}

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
  if (file !== undefined && opts.clipboard) throw new UsageError(msg('usage.file-and-clipboard'));
  if (!FORMATS.includes(opts.format)) throw new UsageError(msg('usage.unknown-format', { format: opts.format, formats: FORMATS.join(', ') }));
  if (opts.coverage !== undefined && opts.coverage !== 'full' && opts.coverage !== 'window') throw new UsageError(msg('usage.coverage', { value: opts.coverage }));
  const maxSize = opts.maxSize === undefined ? DEFAULT_MAX_SIZE : parseSize(opts.maxSize);
  const input = await readInput({ ...(file === undefined ? {} : { file }), clipboard: opts.clipboard ?? false }, ctx.io, maxSize);
  if (input.bytes.length === 0) throw new InputError(msg('input.empty'), { where: input.where, hint: msg('input.empty.hint') });
  const progress = startProgress(ctx.io, { json: ctx.json, label: 'import' });
  try {
    return await importInput(ctx, input, opts, progress);
  } finally {
    progress.finish();
  }
}

async function importInput(ctx: Context, input: Awaited<ReturnType<typeof readInput>>, opts: ImportOptions, progress: Progress): Promise<number> {
  const { decodeInput, detectFormat, importerFor, importers, streamedParse, collect } = await loadImporters();
  // The importers take no progress callback (their interface is pure and shared), so the parse is
  // one step: the bar shows it once the whole read took more than the delay.
  progress.update('parse', 0, 1);
  const decoded = decodeInput(input.bytes, input.name);
  const { importer, reason } = opts.format === 'auto'
    ? detectFormat(decoded, importers, input.where)
    : { importer: importerFor(opts.format as FormatName)!, reason: 'chosen with --format' };
  ctx.warn(t(ctx.lang, { ja: `形式: ${importer.format}（${reason}）`, en: `Format: ${importer.format} (${reason})` }));
  const outcome = streamedParse(importer, decoded, { tz: ctx.tz, members: opts.member, roomTitle: opts.room ?? null });
  if (!outcome.ok) throw new InputError(outcome.error.text, { where: outcome.error.where ? `${input.where}:${outcome.error.where}` : input.where, hint: outcome.error.hintText ?? msg('hint.complete-or-format') });
  const parsed = outcome.result;
  progress.update('parse', 1, 1);
  progress.clear();
  const warn = (warnings: readonly Warning[]): void => {
    for (const w of warnings) ctx.warn(`${input.where}${w.line === null ? '' : `:${w.line}`}: ${t(ctx.lang, { ja: '注意', en: 'warning' })}: ${w.message}`);
  };
  warn(parsed.warningsWith([]));
  if (parsed.inferred || parsed.truncated) await confirmOrRefuse(ctx, collect(parsed), opts.yes ?? false, input.where);
  if (ctx.io.signal.aborted) return 130;

  const archive = ctx.archive();
  const roomSpec = resolveRoom(ctx, archive, parsed, opts.room);
  // Into a known room the messages are compared once stored, so they are made once and kept; into
  // a new one they are made as they are stored and none is held (issue 8).
  // Nothing below holds `parsed` or `decoded`: the kept messages must not keep the records alive.
  const making: Warning[] = [];
  const kept = 'id' in roomSpec ? [...parsed.messages.each(making)] : null;
  if (kept) warn(making);
  const listed = kept ? () => kept : remade(parsed.messages);
  const { warningsWith, truncated } = parsed;
  const warnings = (): readonly Warning[] => warningsWith(making);
  const encoding = decoded.encoding;
  const recorded = await archive.recordCaptureAsync({
    room: roomSpec, raw: input.bytes, format: importer.format, variant: parsed.variant, parserVersion: importer.parserVersion,
    tz: ctx.tz, coverageKind: (opts.coverage as CoverageKind | undefined) ?? parsed.coverage, messages: kept ?? storedAsMade(parsed.messages, making),
    ...(parsed.coverageEnd ? { coverageEnd: parsed.coverageEnd } : {}),
    // Counted once stored: a streamed parse finds some warnings as it makes the messages.
    meta: () => ({ encoding, warnings: warnings().length, ...(truncated ? { truncated } : {}) }),
  }, progress.update);
  if (!kept) warn(making);
  progress.update('compare', 0, 1);
  // A room made by this capture has nothing to compare with. Otherwise the diff core is loaded
  // here: commands that import nothing, and imports into a new room, do without it.
  const changes = recorded.roomCreated
    ? addedOnly(recorded.capture.messageCount)
    : (await import('../changes.js')).changesForCapture(archive, recorded.room.id, recorded.capture.id, { messages: listed(), hashes: recorded.messageHashes });
  progress.finish();
  if (ctx.json) {
    ctx.printJson({
      capture: { ...captureJson(recorded.capture), room: roomJson(recorded.room), entry: { seq: recorded.entry.seq, hash: recorded.entry.hash } },
      changes,
      warnings: warnings(),
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
  return 0;
}

/** Asks before an inferred or truncated input is stored, with a summary of what was read. */
async function confirmOrRefuse(ctx: Context, parsed: ParseResult, yes: boolean, where: string): Promise<void> {
  ctx.warn(summarizeParse(parsed, ctx.lang));
  if (yes) return;
  const answer = await confirm(ctx.io, t(ctx.lang, { ja: 'この内容で保存しますか？', en: 'Store this as a capture?' }));
  if (answer === true) return;
  const why = parsed.truncated
    ? t(ctx.lang, { ja: `入力が途中で終わっています（${parsed.truncated.line} 行目: ${parsed.truncated.reason}）。`, en: `The input ends in the middle of a message (line ${parsed.truncated.line}: ${parsed.truncated.reason}).` })
    : t(ctx.lang, { ja: '貼り付けの構造を推定しました。', en: 'The structure of this paste was inferred.' });
  const next = answer === null
    ? t(ctx.lang, { ja: '確認できる端末がないため保存しませんでした。内容が正しければ --yes を付けて実行してください。', en: 'There is no terminal to confirm on, so nothing was stored. If the summary above is right, run again with --yes.' })
    : t(ctx.lang, { ja: '保存しませんでした。', en: 'Nothing was stored.' });
  if (parsed.truncated) throw new InputError(`${why} ${next}`, { where: `${where}:${parsed.truncated.line}` });
  throw new UsageError(`${why} ${next}`, { where });
}

function resolveRoom(ctx: Context, archive: ReturnType<Context['archive']>, parsed: StreamedParse, roomArg: string | undefined): { id: string } | { source: ParseResult['source']; externalId: string | null; title: string } {
  if (parsed.room.externalId !== null) {
    const known = archive.roomByExternalId(parsed.source, parsed.room.externalId);
    if (known) return { id: known.id };
  }
  if (roomArg !== undefined) {
    const existing = archive.rooms().find((r) => r.source === parsed.source && (r.id === roomArg || r.title === roomArg || (roomArg.length >= 6 && r.id.startsWith(roomArg))));
    if (existing) return { id: existing.id };
    return { source: parsed.source, externalId: parsed.room.externalId, title: roomArg };
  }
  if (parsed.room.title === null) {
    throw new UsageError(msg('usage.room-not-named'));
  }
  return { source: parsed.source, externalId: parsed.room.externalId, title: parsed.room.title };
}

/**
 * The messages again, for a room that turned out to exist when the capture was stored (made by
 * another import meanwhile). Made apart so that the kept list's closure does not hold the stream.
 */
function remade(stream: MessageStream): () => readonly Message[] {
  return () => [...stream.each([])];
}

/** A stream as the store takes it: made once, as it is stored, its warnings going to `making`. */
function storedAsMade(stream: MessageStream, making: Warning[]): Iterable<Message> & { readonly max: number } {
  return { max: stream.max, [Symbol.iterator]: () => stream.each(making)[Symbol.iterator]() };
}
