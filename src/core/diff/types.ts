import type { Coverage, HashedMessage, MessageKind } from '../types.js';

/**
 * One capture as the change-detection core sees it: plain data, no database handle.
 * `messages` are in capture order (the source's order, which is time order).
 */
export interface CaptureView {
  readonly id: string;
  readonly capturedAt: string;
  readonly coverage: Coverage;
  readonly messages: readonly HashedMessage[];
}

/** docs/design/cli-contract.md: `import` counts all six; `diff --json` prints added/edited/deleted/unsent. */
export type ChangeType = 'added' | 'edited' | 'deleted' | 'unsent' | 'unchanged' | 'notCovered';

/**
 * How one message fared between two states of a room. `before` is null for `added`, `after` is
 * null for `notCovered` and for a `deleted` message that is missing; both are set for `edited`,
 * `unsent`, `unchanged`, and a `deleted` one the later capture lists with the source's deletion
 * mark (`[deleted]`) in place of its text.
 */
export interface Change {
  readonly type: ChangeType;
  readonly before: HashedMessage | null;
  readonly after: HashedMessage | null;
}

export type ChangeCounts = Readonly<Record<ChangeType, number>>;

/** docs/design/cli-contract.md, `show`: the status of a message in the archive view. */
export type MessageStatus = 'present' | 'edited' | 'deleted' | 'unsent';

/** One version of a message: the capture where it was first seen with this body (and kind). */
export interface HistoryEntry {
  readonly capture: string;
  readonly body: string;
  readonly kind: MessageKind;
  /** The version's message hash, so a report can prove it with the capture's Merkle tree. */
  readonly hash: string;
}

/**
 * A message of the archive view. Its own message fields are the last *content* it had: the
 * edited text for an edited message, and for an unsent one what it said before the unsend
 * (docs/design/evidence-model.md, "Message identity", 3) — unless the room never showed us that text.
 */
export interface ViewMessage extends HashedMessage {
  readonly status: MessageStatus;
  /** Capture ids: where the message first appeared, and the last capture that still showed it. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The latest capture whose coverage included the message: the one that decided `status`. */
  readonly statusAsOf: string;
  /** Every distinct body (or kind) the message had, oldest first. */
  readonly history: readonly HistoryEntry[];
  /**
   * The message exactly as `lastSeen` showed it (for an unsent message: LINE's unsend line).
   * The next capture is compared with this.
   */
  readonly current: HashedMessage;
}

/**
 * Something the log says about the room as a whole (a user's note, "the API answered 403").
 * The change core never creates these; the CLI fills them from log entries.
 */
export interface RoomObservation {
  readonly at: string;
  readonly kind: string;
  readonly text: string;
  readonly entrySeq: number | null;
}

/** A room's history merged over its captures (docs/design/evidence-model.md, "Words": archive view). */
export interface ArchiveView {
  /** Capture ids folded into this view, in log order. */
  readonly captures: readonly string[];
  /** Every message ever seen, by time, then by the order the captures showed them. */
  readonly messages: readonly ViewMessage[];
  readonly roomObservations: readonly RoomObservation[];
}
