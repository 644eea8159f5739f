import { canonicalJson } from '../core/canonical.js';
import { taggedHashHex } from '../core/hash.js';

export const ENTRY_TAG = 'chatproof/entry/1';

export interface EntryPreimage {
  readonly seq: number;
  readonly kind: string;
  readonly at: string;
  readonly roomId: string | null;
  readonly prevHash: string | null;
  readonly payload: unknown;
}

/** docs/hashing.md "Log entries": the entry hash commits to every column of the row. */
export function entryCanonical(e: EntryPreimage): string {
  return canonicalJson({ v: 1, seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prev: e.prevHash, payload: e.payload });
}

export function entryHash(e: EntryPreimage): string {
  return taggedHashHex(ENTRY_TAG, entryCanonical(e));
}
