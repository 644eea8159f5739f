/**
 * LINE "トーク履歴を送信 / Send chat history" and desktop "Save chat" text files, every variant of
 * docs/design/formats.md §1.2 (A, A12, B, C-old, C-new, D, ZH, and Q? defensively). What is accepted, with its
 * quirks and sources: FORMAT.md beside this file.
 */
import { InputError } from '../../core/errors.js';
import type { Message, MessageStream, Warning } from '../../core/types.js';
import { type IndexedLines, LineIndex, type Lines, type SourceLine, splitLines } from '../lines.js';
import { shownLine } from '../shown-line.js';
import { msg, type Phrase } from '../../i18n/message.js';
import {
  collect,
  SIGNATURE_CONFIDENCE,
  textHead,
  type DecodedInput,
  type Importer,
  type ParseOptions,
  type ParseOutcome,
  type ParseResult,
  type Refusal,
  type Sniff,
  type StreamedParse,
  type StreamOutcome,
} from '../importer.js';
import { type DateStyle, type DayOrder, readDateLine, voteDayOrder } from './dates.js';
import { type LineHeader, readHeader, savedAtIso } from './header.js';
import { LocalTimes } from './local-time.js';
import { MessageBuilder, type RecordsSeen, SeenRecords } from './messages.js';
import { type RecordReaderOptions, type RecordsRead, hasCrlfRecords, looksLikeSpaceMessage, looksLikeTabMessage, readRecords } from './records.js';

/** The warning that every English date of the file was read month-first without anything telling the two readings apart. */
export const DATE_ORDER_UNDECIDED = 'date-order-undecided';

/** The header's save time, which LINE results carry too (not part of the Importer seam, so optional to readers). */
interface SavedAt {
  /** `保存日時 / Saved on` as written, and as ISO in the zone when it reads without a guess. */
  readonly savedAt: { readonly text: string; readonly iso: string | null } | null;
}

export interface LineParseResult extends ParseResult, SavedAt {}

/** Lines looked at by `sniff`: enough to pass a header and a date line, cheap on a huge file. */
const SNIFF_CHARS = 16_384;

function sniff(input: DecodedInput): Sniff {
  const lines = splitLines(textHead(input, SNIFF_CHARS)).slice(0, 40);
  if (lines.every((l) => l.text.trim() === '')) return { confidence: 0, reason: msg('sniff.empty') };
  if (lines[0]!.text.replace(/^\uFEFF/, '').startsWith('[LINE]'))
    return { confidence: SIGNATURE_CONFIDENCE, reason: msg('sniff.line.header', { header: lines[0]!.text.slice(0, 40) }) };
  const first = lines.find((l) => l.text !== '')!;
  const date = readDateLine(first.text, voteDayOrder(lines.map((l) => l.text)).order);
  const messages = lines.filter((l) => looksLikeTabMessage(l.text) || (date?.style === 'desktop' && looksLikeSpaceMessage(l.text))).length;
  if (date?.day && messages > 0) return { confidence: 0.8, reason: msg('sniff.line.date-line', { line: first.text }) };
  if (looksLikeTabMessage(first.text) && /^\d{4}\//.test(first.text)) return { confidence: 0.6, reason: msg('sniff.line.dated-lines') };
  return { confidence: 0, reason: msg('sniff.line.none') };
}

function parse(input: DecodedInput, options: ParseOptions): ParseOutcome {
  const streamed = stream(input, options);
  if (!streamed.ok) return streamed;
  const result: LineParseResult = collect(streamed.result);
  return { ok: true, result };
}

function stream(input: DecodedInput, options: ParseOptions): StreamOutcome<StreamedParse & SavedAt> {
  return streamLines(input.utf8 === undefined ? LineIndex.ofText(input.text) : LineIndex.ofUtf8(input.utf8), input.decodeWarnings, options);
}

/**
 * `stream` over lines however they are read: the parse reads its input only through `lines`, so a
 * test can count what it reads (test/importers/line/linear.test.ts: no line read again and again).
 */
export function streamLines(lines: IndexedLines, decodeWarnings: readonly Warning[], options: ParseOptions): StreamOutcome<StreamedParse & SavedAt> {
  const read = readFile(lines, options.members);
  if ('refused' in read) return read.refused;
  const { header, firstDate, records, seen, vote, reader } = read;

  const builder = new MessageBuilder(() => readRecords(reader), lines, seen, options.tz);
  const after: Warning[] = [];
  if (vote.undecided) {
    after.push({ line: firstDate?.line ?? null, code: DATE_ORDER_UNDECIDED, message: msg('line.warn.date-order-undecided') });
  }
  const title = header === null ? null : roomTitle(header, builder, after);
  const times = new LocalTimes(options.tz);
  const savedAt = header?.savedAt ? { text: header.savedAt.text, iso: savedAtIso(header.savedAt.text, vote.order, times) } : null;
  const result: StreamedParse & SavedAt = {
    format: 'line',
    source: 'line',
    variant: variantOf(header, records, seen),
    room: { title, externalId: null },
    coverage: header === null ? 'window' : 'full',
    // A full export is complete up to the moment it was saved, not only up to its last message (docs/design/evidence-model.md P6).
    coverageEnd: header === null ? null : (savedAt?.iso ?? null),
    sourceSavedAt: savedAt?.iso ?? null,
    sourceSavedAtLine: header?.savedAt?.line ?? null,
    messages: streamOf(builder),
    warningsWith: warningsIn(decodeWarnings, records.warnings, after),
    inferred: null,
    truncated: records.truncated,
    savedAt,
  };
  return { ok: true, result };
}

// The two closures are made apart: closures made in one scope share what any of them holds, and
// the warnings must not keep the records alive once an import has made its messages (docs/performance.md).
function streamOf(builder: MessageBuilder): MessageStream {
  return { max: builder.max, each: (warnings) => builder.each(warnings) };
}

/** `parse`'s warnings: the decoder's first, then all others by line. */
function warningsIn(decoding: readonly Warning[], reading: readonly Warning[], after: readonly Warning[]): StreamedParse['warningsWith'] {
  return (making) => [...decoding, ...[...reading, ...making, ...after].sort(byLine)];
}

interface FileRead {
  readonly header: LineHeader | null;
  readonly firstDate: { readonly line: number; readonly style: DateStyle } | null;
  readonly records: RecordsRead;
  readonly seen: RecordsSeen;
  readonly vote: ReturnType<typeof voteDayOrder>;
  /** How the records are read again for the messages. */
  readonly reader: RecordReaderOptions;
}

/** Lines → what the records say as a whole, in one pass of the reader (two for a day-first English file). */
function readFile(lines: IndexedLines, members: readonly string[]): FileRead | { readonly refused: Refusal } {
  if (allBlank(lines)) return { refused: refuse(msg('line.empty'), null, msg('line.empty.hint')) };
  const header = readHeader(lines);
  const start = header?.bodyStart ?? firstNonEmpty(lines);
  const firstDate = firstDateLine(lines, start);
  const mixedTerminators = hasCrlfRecords(lines);
  const readerWith = (order: DayOrder): RecordReaderOptions => ({ lines, start, desktop: firstDate?.style === 'desktop', order, mixedTerminators });
  // Quoting does not depend on the day order, so the first read finds the English date lines
  // outside quoted bodies; they vote, and a day-first file is read again (docs/design/formats.md §1.6).
  const monthFirst = seeRecords(readerWith('month-first'), members);
  const vote = voteDayOrder(monthFirst.records.englishDates);
  const { records, seen, reader } = vote.order === 'month-first' ? monthFirst : seeRecords(readerWith('day-first'), members);
  if (records.failure) return { refused: notLine(records.failure, lines.at(records.failure.line - 1)!) };
  if (header === null && records.count === 0) return { refused: refuse(msg('line.no-messages'), null, msg('hint.line-export')) };
  return { header, firstDate, records, seen, vote, reader };
}

/** One pass of the reader: what it found, and what the messages need to know of every record. */
function seeRecords(reader: RecordReaderOptions, members: readonly string[]): { records: RecordsRead; seen: RecordsSeen; reader: RecordReaderOptions } {
  const seen = new SeenRecords(reader.lines, members);
  const pass = readRecords(reader);
  let next = pass.next();
  for (; next.done !== true; next = pass.next()) seen.add(next.value);
  // The messages read the records again with the answers this pass found about quoted bodies.
  return { records: next.value, seen: seen.seen(), reader: { ...reader, quotes: next.value.quotes, wholeLines: true } };
}

/** `text.trim() === ''`, line by line: stops at the first line with any text. */
function allBlank(lines: Lines): boolean {
  for (let i = 0; i < lines.length; i++) if (lines.at(i)!.text.trim() !== '') return false;
  return true;
}

/** Index of the first line with any text; the text is known not to be blank. */
function firstNonEmpty(lines: Lines): number {
  let i = 0;
  while (lines.at(i)!.text === '') i++;
  return i;
}

/** The first date-shaped line: its style tells a desktop export (space-separated lines) from a mobile one. */
function firstDateLine(lines: Lines, start: number): { readonly line: number; readonly style: DateStyle } | null {
  for (let i = start; i < lines.length; i++) {
    const line = lines.at(i)!;
    const date = readDateLine(line.text, 'month-first');
    if (date) return { line: line.number, style: date.style };
  }
  return null;
}

/**
 * `…とのトーク履歴` is a 1:1 chat, or a group whose name ends in と (docs/design/formats.md §1.2 notes): a
 * 1:1 chat has two people writing, so more than two means the と belongs to the name.
 */
function roomTitle(header: LineHeader, builder: MessageBuilder, warnings: Warning[]): string {
  if (!header.endsInTo) return header.title;
  const senders = new Set<string>();
  for (const m of builder.each([])) if (writes(m)) senders.add(m.sender!);
  if (senders.size <= 2) return header.title;
  const title = `${header.title}と`;
  warnings.push({ line: 1, message: msg('line.warn.group-title', { header: header.title, senders: senders.size, title }) });
  return title;
}

function writes(m: Message): boolean {
  return m.kind !== 'system' && m.kind !== 'unsent' && m.sender !== null;
}

function variantOf(header: LineHeader | null, read: RecordsRead, seen: RecordsSeen): string {
  if (read.datePrefixed || header?.quotedTitle) return 'line/ja-dated-lines';
  switch (read.dateStyle) {
    case 'desktop':
      return 'line/desktop';
    case 'en-old':
      return 'line/en-mobile-old';
    case 'en-new':
      return 'line/en-mobile-new';
    case 'zh':
      return 'line/zh-mobile';
    case 'ja':
      if (header?.shape === 'openchat') return 'line/openchat';
      return seen.twelveHour ? 'line/ja-mobile-12h' : 'line/ja-mobile-24h';
    case null:
      return 'line/header-only';
  }
}

function byLine(a: Warning, b: Warning): number {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

function notLine(failure: NonNullable<RecordsRead['failure']>, line: SourceLine): Refusal {
  const found = shownLine(line.text);
  const at = { line: line.number, found };
  switch (failure.problem) {
    case 'unknown-date-line':
      return refuse(
        msg('line.date-line-not-read', { ...at, why: msg(`line.why.${failure.why ?? 'unknown-form'}`) }),
        line.number,
        msg('hint.line-unknown-layout'),
      );
    case 'no-date-yet':
      return refuse(msg('line.no-date-yet', at), line.number, msg('line.no-date-yet.hint'));
    case 'unknown-line':
      return refuse(msg('line.not-line', at), line.number, msg('hint.line-export'));
  }
}

function refuse(message: Phrase, line: number | null, hint: Phrase): Refusal {
  // `where` is the line alone: the CLI puts the file name in front (src/app/import-capture.ts).
  return { ok: false, error: new InputError(message, { ...(line === null ? {} : { where: String(line) }), hint }) };
}

export const lineImporter: Importer = {
  format: 'line',
  source: 'line',
  parserVersion: 'line@1',
  description: "LINE chat history (.txt from トーク履歴を送信 / Send chat history, or the desktop app's Save chat)",
  sniff,
  parse,
  stream,
};
