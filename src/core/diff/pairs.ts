import type { HashedMessage } from '../types.js';

/**
 * A message of the earlier state. `gone` marks one the archive view already holds as deleted: it
 * may reappear (same hash or same id) but must not be taken for an edited or unsent message.
 */
export interface BeforeItem {
  readonly message: HashedMessage;
  readonly gone: boolean;
}

/** Partners by index, -1 where a message has none. */
export interface Pairs {
  readonly beforePartner: Int32Array;
  readonly afterPartner: Int32Array;
}

/** The part of both sides the common prefix and suffix leave: [bStart, bEnd) of the earlier, [aStart, aEnd) of the later. */
export interface Range {
  readonly bStart: number;
  readonly bEnd: number;
  readonly aStart: number;
  readonly aEnd: number;
}

export function link(pairs: Pairs, b: number, a: number): void {
  pairs.beforePartner[b] = a;
  pairs.afterPartner[a] = b;
}

/** Two messages with different source ids are different messages, whatever their text. */
export function idsCompatible(b: HashedMessage, a: HashedMessage): boolean {
  return b.externalId === null || a.externalId === null || b.externalId === a.externalId;
}
