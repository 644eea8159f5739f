import type { CoverageKind, Message, MessageStream, Source, Warning } from '../core/types.js';
import type { InputError } from '../core/errors.js';
import type { Phrase } from '../i18n/message.js';

/** The `--format` names of docs/design/cli-contract.md, besides `auto`. */
export type FormatName = 'line' | 'chatwork-json' | 'chatwork-text' | 'crowdworks' | 'lancers';

/** The input as an importer sees it: the original bytes (the evidence) and the text decoded from them. */
export interface DecodedInput {
  readonly bytes: Uint8Array;
  /**
   * Decoded text, BOM removed, line endings untouched (importers split lines themselves). Made
   * when first read where `utf8` is given: read it only when the whole text is needed.
   */
  readonly text: string;
  /**
   * When the input is valid UTF-8 of LAZY_TEXT_FROM bytes or more (decode.ts): its bytes without
   * the BOM, which `text` is decoded from. A reader that goes line by line reads these
   * (LineIndex.ofUtf8) and never makes the text (docs/performance.md).
   */
  readonly utf8?: Uint8Array;
  /** e.g. 'utf-8', 'utf-8-bom', 'utf-16le', 'shift_jis'. */
  readonly encoding: string;
  /** File name as given by the user, for messages only (never for detection). */
  readonly name: string | null;
  /** Warnings from decoding (invalid sequences replaced, …), carried into the result. */
  readonly decodeWarnings: readonly Warning[];
}

/**
 * `text.slice(0, chars)` without making the whole text: what a sniff looks at. Decodes at most
 * 3 bytes a UTF-16 unit (and one character cut in half, which lands past `chars`).
 */
export function textHead(input: DecodedInput, chars: number): string {
  const utf8 = input.utf8;
  if (utf8 === undefined) return input.text.slice(0, chars);
  const bytes = utf8.subarray(0, Math.min(utf8.length, 3 * chars + 3));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').slice(0, chars);
}

export interface ParseOptions {
  /** IANA zone for sources without offsets (docs/design/evidence-model.md P5). */
  readonly tz: string;
  /** `--member`: names known to be in the room, to split space-separated LINE desktop lines. */
  readonly members: readonly string[];
  /** `--room`: the room title where the input does not name it. */
  readonly roomTitle: string | null;
}

/**
 * The highest confidence a sniff gives: the format's own signature is there (LINE's "[LINE]"
 * header, Chatwork's message fields). No importer goes above it, so detection stops at the first
 * sniff that reaches it (detect.ts).
 */
export const SIGNATURE_CONFIDENCE = 0.95;

/** How sure an importer is that it can read the input, and why (shown to the user). */
export interface Sniff {
  /** 0 = declines, at most SIGNATURE_CONFIDENCE. The registry picks the highest; on a tie, the first. */
  readonly confidence: number;
  readonly reason: string | Phrase;
}

/** What a paste whose structure was inferred looks like, shown before storing. */
export interface InferredSummary {
  readonly messages: number;
  readonly senders: readonly { readonly name: string; readonly count: number }[];
  readonly first: string | null;
  readonly last: string | null;
  readonly layout: string | Phrase;
}

export interface ParseResult {
  readonly format: FormatName;
  readonly source: Source;
  /** Which variant was read, e.g. 'line/ja-mobile-24h', shown to the user and stored with the capture. */
  readonly variant: string;
  readonly room: {
    /** Title from the input's header, or null when the input does not name the room (then `--room` is required). */
    readonly title: string | null;
    /** A stable id from the source (Chatwork room_id), else null. */
    readonly externalId: string | null;
  };
  readonly coverage: CoverageKind;
  /**
   * The time up to which the source says it is complete, when it says so (LINE's 保存日時 / Saved on):
   * a message deleted after the last one shown but before this is inside coverage (docs/design/evidence-model.md P6).
   */
  readonly coverageEnd?: string | null;
  /**
   * When the source says it was saved, where it says so without a guess (LINE's 保存日時 / Saved
   * on): the capture's place in its room's history (docs/design/evidence-model.md P12).
   */
  readonly sourceSavedAt?: string | null;
  /** The line of the decoded text that states `sourceSavedAt`, where one does. */
  readonly sourceSavedAtLine?: number | null;
  readonly messages: readonly Message[];
  /** Every warning has a 1-based line number in the decoded text where one applies. */
  readonly warnings: readonly Warning[];
  /** Set when the structure was guessed (pastes): the user must confirm before it is stored. */
  readonly inferred: InferredSummary | null;
  /** Set when the input ends mid-record: what could be read is kept only if the user confirms. */
  readonly truncated: { readonly line: number; readonly reason: string } | null;
}

/** Why an input is not of the format. */
export interface Refusal {
  readonly ok: false;
  readonly error: InputError;
}

export type ParseOutcome = { readonly ok: true; readonly result: ParseResult } | Refusal;

/**
 * A parse whose messages are made one at a time, as they are stored (docs/performance.md): the same messages
 * and warnings as `parse` gives all at once.
 */
export interface StreamedParse extends Omit<ParseResult, 'messages' | 'warnings'> {
  readonly messages: MessageStream;
  /** The warnings `parse` gives, from those of one pass over `messages` (`[]` before any pass). */
  readonly warningsWith: (making: readonly Warning[]) => readonly Warning[];
}

export type StreamOutcome<R extends StreamedParse = StreamedParse> = { readonly ok: true; readonly result: R } | Refusal;

/** The importer's streamed parse, or its whole parse as one. */
export function streamedParse(importer: Importer, input: DecodedInput, options: ParseOptions): StreamOutcome {
  if (importer.stream) return importer.stream(input, options);
  const outcome = importer.parse(input, options);
  if (!outcome.ok) return outcome;
  const { messages, warnings, ...rest } = outcome.result;
  return { ok: true, result: { ...rest, messages: { max: messages.length, each: () => messages }, warningsWith: () => warnings } };
}

/** A streamed parse made whole: exactly what the importer's `parse` gives. */
export function collect<R extends StreamedParse>(streamed: R): Omit<R, 'messages' | 'warningsWith'> & ParseResult {
  const making: Warning[] = [];
  const messages = [...streamed.messages.each(making)];
  const { messages: _stream, warningsWith, ...rest } = streamed;
  return { ...rest, messages, warnings: warningsWith(making) };
}

/**
 * One source format. Implementations are pure: no fs, no clock, no network; the same input and
 * options always give the same outcome, and junk gives `{ ok: false }`, never a throw.
 */
export interface Importer {
  readonly format: FormatName;
  readonly source: Source;
  /** Bumped whenever the parse of some input would change; stored with each capture. */
  readonly parserVersion: string;
  /**
   * The versions this importer had before `parserVersion` (none yet): `verify` lists captures made
   * by them without comparing them with their originals. A version named neither here nor as
   * `parserVersion` is one this chatproof never had — naming one must not be a way out of the comparison.
   */
  readonly earlierParserVersions?: readonly string[];
  /** One line for `--help` and error messages. */
  readonly description: string;
  sniff(input: DecodedInput): Sniff;
  parse(input: DecodedInput, options: ParseOptions): ParseOutcome;
  /** `parse` with the messages made as they are stored: for the formats whose exports grow large. */
  stream?(input: DecodedInput, options: ParseOptions): StreamOutcome;
}
