import type { HashedMessage } from '../types.js';
import { minuteKey } from './instant.js';
import type { BeforeItem } from './pairs.js';
import { isDeletionMark } from './removal.js';

/**
 * One side of a comparison as the alignment reads it, a message at a time by index. A message is
 * its hash (the hash commits to every field of its canonical form), so most of the work needs only
 * `key`: two messages with equal keys are the same message. The rest is asked for only of messages
 * the keys left unpaired, so a side can hold the hashes of a million messages and read the few
 * that differ from the archive when asked (src/store/compare-sides.ts), or wrap messages already
 * in memory (`messagesSide`). Either way the comparison is the same code.
 */
export interface CompareSide {
  readonly length: number;
  /** Equal exactly when the hashes are equal (a hex hash, or a number that stands for one). */
  key(i: number): string | number;
  /** `minuteKey` of the message's `sentAt`. */
  minute(i: number): number | string;
  externalId(i: number): string | null;
  /** The whole message: only for messages the keys did not pair. */
  message(i: number): HashedMessage;
}

/** The earlier state: what `BeforeItem` says of each message, by index. */
export interface BeforeSide extends CompareSide {
  /** The archive view already holds it as deleted (BeforeItem.gone). */
  gone(i: number): boolean;
  /** Its text is the source's deletion mark (`isDeletionMark`). */
  deletionMark(i: number): boolean;
  /** `instantOf` its `sentAt`: where the later capture's coverage is checked. */
  instant(i: number): number;
}

export function messagesSide(messages: readonly HashedMessage[]): CompareSide {
  return {
    length: messages.length,
    key: (i) => messages[i]!.hash,
    minute: (i) => minuteKey(messages[i]!.sentAt),
    externalId: (i) => messages[i]!.externalId,
    message: (i) => messages[i]!,
  };
}

export function itemsSide(items: readonly BeforeItem[]): BeforeSide {
  return {
    ...messagesSide(items.map((item) => item.message)),
    gone: (i) => items[i]!.gone,
    deletionMark: (i) => isDeletionMark(items[i]!.message),
    instant: (i) => Date.parse(items[i]!.message.sentAt),
  };
}
