/** Where a chat comes from (evidence-model.md, "Words"). */
export type Source = 'line' | 'chatwork' | 'crowdworks' | 'lancers';

/** cli-contract.md, "A message": the closed set of kinds. */
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

/** A message together with its content hash (lower-case hex). */
export interface HashedMessage extends Message {
  readonly hash: string;
}

/**
 * `m` with its hash, as one object literal. Written out rather than `{ ...m, hash }`: V8 gives a
 * spread copy of a parsed message a dictionary of its own, ~400 bytes, where this literal shares
 * one shape, ~90 bytes; the 200k messages an import of a known room holds took 79 MB as spreads
 * and 18 MB as literals (issue 8).
 */
export function withHash(m: Message, hash: string): HashedMessage {
  return { kind: m.kind, sender: m.sender, senderId: m.senderId, sentAt: m.sentAt, body: m.body, externalId: m.externalId, editedAt: m.editedAt, hash };
}

export type CoverageKind = 'full' | 'window';

/** What part of a room a capture shows (P6). `from`/`to` are the first and last message times. */
export interface Coverage {
  readonly kind: CoverageKind;
  readonly from: string | null;
  readonly to: string | null;
}

/** A problem in the input that did not stop the parse; `line` is 1-based in the decoded text. */
export interface Warning {
  readonly line: number | null;
  readonly message: string;
}
