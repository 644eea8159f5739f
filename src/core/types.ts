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
