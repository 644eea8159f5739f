import type { Phrase } from '../i18n/message.js';

/** Where a chat comes from (docs/design/evidence-model.md, "Words"). */
export type Source = 'line' | 'chatwork' | 'crowdworks' | 'lancers';

/** docs/design/cli-contract.md, "A message": the closed set of kinds. */
export type MessageKind = 'text' | 'media' | 'call' | 'system' | 'unsent';

/**
 * A parsed message: exactly the fields the canonical form v1 commits to (docs/hashing.md).
 * Times are ISO 8601 with an offset, at the source's precision.
 */
export interface Message {
  readonly kind: MessageKind;
  readonly sender: string | null;
  readonly senderId: string | null;
  readonly sentAt: string;
  readonly body: string;
  readonly externalId: string | null;
  readonly editedAt: string | null;
}

/**
 * Messages made one at a time as an importer reads them, so that a large import never holds them
 * all (docs/performance.md): each call of `each` makes them again, in order, and adds the warnings of making
 * them to `warnings`. `max` bounds their count (the records read); the iteration gives it.
 */
export interface MessageStream {
  readonly max: number;
  readonly each: (warnings: Warning[]) => Iterable<Message>;
}

/** What a capture stores: a list, or messages made while they are stored, at most `max` of them. */
export type CaptureMessages = readonly Message[] | (Iterable<Message> & { readonly max: number });

/** At most how many messages (exactly, for a list). */
export function messageBound(messages: CaptureMessages): number {
  return Array.isArray(messages) ? messages.length : (messages as { readonly max: number }).max;
}

/** A message together with its content hash (lower-case hex). */
export interface HashedMessage extends Message {
  readonly hash: string;
}

/**
 * `m` with its hash, as one object literal. Written out rather than `{ ...m, hash }`: V8 gives a
 * spread copy of a parsed message a dictionary of its own, ~400 bytes, where this literal shares
 * one shape, ~90 bytes; the 200k messages an import of a known room holds took 79 MB as spreads
 * and 18 MB as literals (docs/performance.md).
 */
export function withHash(m: Message, hash: string): HashedMessage {
  return { kind: m.kind, sender: m.sender, senderId: m.senderId, sentAt: m.sentAt, body: m.body, externalId: m.externalId, editedAt: m.editedAt, hash };
}

export type CoverageKind = 'full' | 'window';

/**
 * The variant (and parser version) of a capture kept with `import --raw`: its original bytes
 * stored and logged, no messages read from them (src/app/import-raw.ts).
 */
export const RAW_VARIANT = 'raw';

/** What part of a room a capture shows (docs/design/evidence-model.md P6). `from`/`to` are the first and last message times. */
export interface Coverage {
  readonly kind: CoverageKind;
  readonly from: string | null;
  readonly to: string | null;
}

/** A problem in the input that did not stop the parse; `line` is 1-based in the decoded text. */
export interface Warning {
  readonly line: number | null;
  /** A catalog message (src/i18n), written in the reader's language where it is shown. */
  readonly message: Phrase;
  /**
   * What kind of problem, for the warnings a reader must be able to count apart in `--json`:
   * `date-line-not-read` (a line that looks like a date line was kept as text, so the dates after
   * it may be wrong); `date-order-undecided` (English dates read month/day with nothing to tell
   * them from day/month).
   */
  readonly code?: string;
}
