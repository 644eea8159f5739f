/**
 * Import a capture: decode → detect → parse → warn → confirm → resolve the room → store → compare.
 * The CLI and the web app both run this; they differ only in how they show its events and how they
 * answer its confirmation. Nothing here prints or knows about exit codes.
 */
import { InputError, InterruptedError, UsageError } from '../core/errors.js';
import type { CoverageKind, Message, MessageStream, Warning } from '../core/types.js';
import type { ChangeCounts } from '../core/diff/types.js';
import type { DecodedInput, FormatName, Importer, ParseResult, StreamedParse } from '../importers/importer.js';
import type { Archive } from '../store/archive.js';
import type { RecordedCapture } from '../store/capture-write.js';
import { msg, type Phrase } from '../i18n/message.js';
import { addedOnly } from './added-only.js';
import type { PlacedBefore } from './changes.js';
import { matchRoom } from './room-arg.js';
import { savedAfterReading } from './saved-late.js';

export interface ImportInput {
  readonly bytes: Buffer;
  /** The file's name, when there is one: a hint for the decoder. */
  readonly name: string | null;
  /** Where the bytes came from, as messages name it (a path, `stdin`, `clipboard`). */
  readonly where: string;
}

export interface ImportRequest {
  readonly input: ImportInput;
  readonly format: FormatName | 'auto';
  /** ROOM, where the input does not name its room (pasted text): an existing room or a new title. */
  readonly room?: string | undefined;
  readonly coverage?: CoverageKind | undefined;
  readonly members: readonly string[];
  readonly tz: string;
  readonly signal: AbortSignal;
}

export type ImportEvent =
  | { readonly type: 'format'; readonly format: FormatName; readonly reason: string | Phrase }
  /** Warnings found so far, each once; `line` is a line of `input.where`. */
  | { readonly type: 'warnings'; readonly warnings: readonly Warning[] }
  | { readonly type: 'progress'; readonly phase: string; readonly done: number; readonly total: number }
  /** The parse is done: a caller that drew progress clears it before asking or warning. */
  | { readonly type: 'parsed' };

/** How the caller takes part: it is told what happens and asked before an uncertain input is stored. */
export interface ImportHooks {
  readonly onEvent: (event: ImportEvent) => void;
  /**
   * Asked before an inferred paste or a truncated input is stored, with all that was read. true:
   * store it; false: the user said no; null: there is no one to ask.
   */
  readonly confirm: (parsed: ParseResult) => Promise<boolean | null>;
}

export interface ImportResult {
  readonly recorded: RecordedCapture;
  readonly changes: ChangeCounts;
  readonly warnings: readonly Warning[];
  /** Set when the capture is older than the room's newest one. */
  readonly placedBefore: PlacedBefore | null;
}

/**
 * The parsers, loaded when an import runs: with them come iconv-lite, chardet and parse5, which
 * `--help` and every other command do without (docs/performance.md: start-up under 150 ms).
 */
async function loadImporters() {
  const [decode, detect, registry, seam] = await Promise.all([
    import('../importers/decode.js'),
    import('../importers/detect.js'),
    import('../importers/registry.js'),
    import('../importers/importer.js'),
  ]);
  return {
    decodeInput: decode.decodeInput,
    detectFormat: detect.detectFormat,
    importerFor: registry.importerFor,
    importers: registry.importers,
    streamedParse: seam.streamedParse,
    collect: seam.collect,
  };
}

/** What an import reads before anything is asked or stored. */
export interface ReadCapture {
  readonly importer: Importer;
  /** Why this format: detection's reason, or that it was chosen. */
  readonly reason: string | Phrase;
  readonly encoding: DecodedInput['encoding'];
  readonly parsed: StreamedParse;
  /** Set when the input says it was saved after now (src/app/saved-late.ts): told before it is stored. */
  readonly savedLate: Warning | null;
}

/** What a refusal of the input's layout suggests next, given the refusal's own hint and where the input came from. */
export type RefusalHint = (hint: string | Phrase, where: string) => Phrase;

/** An input that is not stored yet: it can still be kept as it is (src/app/import-raw.ts). */
const orKeepRaw: RefusalHint = (hint, where) => msg('hint.or-keep-raw', { hint, where });

/**
 * decode → detect → parse, as every import does it: `importCapture` stores what this reads, and
 * the web app's preview shows it first. `onFormat` is told the format before the parse runs, so
 * that a parse that fails follows the line naming the format it tried.
 */
export async function readCapture(
  req: Pick<ImportRequest, 'input' | 'format' | 'room' | 'members' | 'tz'>,
  onFormat?: (format: FormatName, reason: string | Phrase) => void,
  refusalHint: RefusalHint = orKeepRaw,
): Promise<ReadCapture> {
  const { decodeInput, detectFormat, importerFor, importers, streamedParse } = await loadImporters();
  const { input } = req;
  const decoded = decodeInput(input.bytes, input.name);
  const { importer, reason } =
    req.format === 'auto'
      ? offering(refusalHint, () => detectFormat(decoded, importers, input.where), input.where)
      : { importer: importerFor(req.format)!, reason: msg('import.format-chosen') };
  onFormat?.(importer.format, reason);
  const outcome = streamedParse(importer, decoded, { tz: req.tz, members: req.members, roomTitle: req.room ?? null });
  if (!outcome.ok) {
    const { error } = outcome;
    return offering(
      refusalHint,
      (): never => {
        throw new InputError(error.text, {
          where: error.where ? `${input.where}:${error.where}` : input.where,
          ...(error.hintText === undefined ? {} : { hint: error.hintText }),
        });
      },
      input.where,
    );
  }
  const { sourceSavedAt, sourceSavedAtLine } = outcome.result;
  return { importer, reason, encoding: decoded.encoding, parsed: outcome.result, savedLate: savedAfterReading(sourceSavedAt, sourceSavedAtLine, req.tz) };
}

/** A refusal of the input's layout, with what to do next (`refusalHint`). */
function offering<T>(refusalHint: RefusalHint, read: () => T, where: string): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(e.text, {
      ...(e.whereText === undefined ? {} : { where: e.whereText }),
      hint: refusalHint(e.hintText ?? msg('hint.complete-or-format'), where),
    });
  }
}

/**
 * `openArchive` is called only once the input parsed and was confirmed: a refused input leaves no
 * archive file behind where there was none.
 */
export async function importCapture(openArchive: () => Archive, req: ImportRequest, hooks: ImportHooks): Promise<ImportResult> {
  const { collect } = await loadImporters();
  const { input } = req;
  const progress = (phase: string, done: number, total: number): void => hooks.onEvent({ type: 'progress', phase, done, total });
  // The importers take no progress callback (their interface is pure and shared), so the parse is
  // one step: a bar shows it once the whole read took long enough.
  progress('parse', 0, 1);
  const { importer, encoding, parsed, savedLate } = await readCapture(req, (format, reason) => hooks.onEvent({ type: 'format', format, reason }));
  progress('parse', 1, 1);
  hooks.onEvent({ type: 'parsed' });
  const warn = (warnings: readonly Warning[]): void => {
    if (warnings.length > 0) hooks.onEvent({ type: 'warnings', warnings });
  };
  // Not one of the parse's warnings (the capture's entry counts those): it is about this machine's clock.
  const notices = savedLate === null ? [] : [savedLate];
  warn([...parsed.warningsWith([]), ...notices]);
  if (parsed.inferred || parsed.truncated) await confirmOrRefuse(collect(parsed), hooks, input.where);
  if (req.signal.aborted) throw new InterruptedError(msg('interrupted.import'));

  const archive = openArchive();
  const roomSpec = roomFor(archive, parsed, req.room);
  // The messages are made as they are stored and none is held, into a known room too: the
  // comparison reads the capture by its hash list (src/store/room-state/step.ts), not its messages
  // (docs/performance.md). Nothing below holds `parsed` or the decoded text.
  const making: Warning[] = [];
  const { warningsWith, truncated } = parsed;
  const members = req.members.length > 0 ? { members: [...req.members] } : {};
  const warnings = (): readonly Warning[] => warningsWith(making);
  const told = (): readonly Warning[] => [...warnings(), ...notices];
  const recorded = await archive.recordCaptureAsync(
    {
      room: roomSpec,
      raw: input.bytes,
      format: importer.format,
      variant: parsed.variant,
      parserVersion: importer.parserVersion,
      tz: req.tz,
      coverageKind: req.coverage ?? parsed.coverage,
      messages: storedAsMade(parsed.messages, making),
      ...(parsed.coverageEnd ? { coverageEnd: parsed.coverageEnd } : {}),
      ...(parsed.sourceSavedAt ? { sourceSavedAt: parsed.sourceSavedAt } : {}),
      // Counted once stored: a streamed parse finds some warnings as it makes the messages.
      // The members (--member) are kept so that `verify` and `report` read a LINE desktop export again as this did.
      meta: () => ({ encoding, warnings: warnings().length, ...(truncated ? { truncated } : {}), ...members }),
    },
    progress,
  );
  warn(making);
  progress('compare', 0, 1);
  // A room made by this capture has nothing to compare with. Otherwise the diff core is loaded
  // here: commands that import nothing, and imports into a new room, do without it.
  if (recorded.roomCreated) return { recorded, changes: addedOnly(recorded.capture.messageCount), warnings: told(), placedBefore: null };
  const { changesForCapture, placedBefore } = await import('./changes.js');
  const hashes = recorded.messageHashes;
  const changes = changesForCapture(archive, recorded.room.id, recorded.capture.id, hashes === null ? undefined : { hashes });
  return { recorded, changes, warnings: told(), placedBefore: placedBefore(archive, recorded.capture) };
}

/** Asks before an inferred or truncated input is stored; a refusal stores nothing and says why. */
export async function confirmOrRefuse(parsed: ParseResult, hooks: ImportHooks, where: string): Promise<void> {
  const answer = await hooks.confirm(parsed);
  if (answer === true) return;
  const next = answer === null ? msg('import.not-stored.no-terminal') : msg('import.not-stored');
  if (parsed.truncated)
    throw new InputError(msg('input.truncated-refused', { line: parsed.truncated.line, reason: parsed.truncated.reason, next }), {
      where: `${where}:${parsed.truncated.line}`,
    });
  throw new UsageError(msg('usage.inferred-refused', { next }), { where });
}

type RoomSpec = { id: string } | { source: ParseResult['source']; externalId: string | null; title: string };

/**
 * The room a capture goes into: the one its source id names; else the one ROOM names among the
 * rooms of its source (a whole title or id only: a new title must not land in another room whose
 * title contains it); else a new room titled ROOM or as the input names it.
 */
function roomFor(archive: Archive, parsed: StreamedParse, roomArg: string | undefined): RoomSpec {
  if (parsed.room.externalId !== null) {
    const known = archive.roomByExternalId(parsed.source, parsed.room.externalId);
    if (known) return { id: known.id };
  }
  if (roomArg !== undefined) {
    const existing = matchRoom(
      archive.rooms().filter((r) => r.source === parsed.source),
      roomArg,
      'whole',
    );
    if (existing) return { id: existing.id };
    return { source: parsed.source, externalId: parsed.room.externalId, title: roomArg };
  }
  if (parsed.room.title === null) {
    throw new UsageError(msg('usage.room-not-named'));
  }
  return { source: parsed.source, externalId: parsed.room.externalId, title: parsed.room.title };
}

/** A stream as the store takes it: made once, as it is stored, its warnings going to `making`. */
function storedAsMade(stream: MessageStream, making: Warning[]): Iterable<Message> & { readonly max: number } {
  return { max: stream.max, [Symbol.iterator]: () => stream.each(making)[Symbol.iterator]() };
}
