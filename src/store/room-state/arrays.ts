/**
 * A room's kept state as numbers (room-state/step.ts steps it, store/verify-state.ts compares it):
 * one entry a row, hashes as their numbers in a `HashIds`.
 */
import type { HashIds } from '../hash-ids.js';
import type { StateRow } from './rows.js';
import { STATUSES } from './statuses.js';

/**
 * A room's state rows as arrays, in view order; `last` and `asOf` -1 where the row holds NULL.
 * `ords`: each row's place as stored (the import keeps known rows where they are); `verify`,
 * which compares rows in order, leaves them 0.
 */
export interface StateArrays {
  readonly length: number;
  readonly ords: Float64Array;
  readonly content: Int32Array;
  readonly cur: Int32Array;
  readonly status: Uint8Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly asOf: Int32Array;
  readonly history: Map<number, string>;
}

export function stateArrays(n: number): StateArrays {
  return {
    length: n,
    ords: new Float64Array(n),
    content: new Int32Array(n),
    cur: new Int32Array(n),
    status: new Uint8Array(n),
    first: new Int32Array(n),
    last: new Int32Array(n),
    asOf: new Int32Array(n),
    history: new Map(),
  };
}

/** The state of a room before its first capture. */
export const EMPTY_STATE: StateArrays = stateArrays(0);

/** Row `i` of the state as stored (its hashes as bytes), at its `ord`. */
export function rowAt(s: StateArrays, i: number, ids: HashIds): StateRow {
  const content = s.content[i]!;
  const cur = s.cur[i]!;
  return {
    ord: s.ords[i]!,
    hash: Buffer.from(ids.bytes(content)),
    cur: cur === content ? null : Buffer.from(ids.bytes(cur)),
    status: s.status[i]!,
    first: s.first[i]!,
    last: s.last[i] === -1 ? null : s.last[i]!,
    as_of: s.asOf[i] === -1 ? null : s.asOf[i]!,
    history: s.history.get(i) ?? null,
  };
}

/** Row `i` of `s` set to what `r` says. */
export function setRow(s: StateArrays, i: number, r: StateRow, ids: HashIds): void {
  s.content[i] = ids.id(r.hash, 0);
  s.cur[i] = r.cur === null ? s.content[i]! : ids.id(r.cur, 0);
  s.status[i] = r.status;
  s.first[i] = r.first;
  s.last[i] = r.last ?? -1;
  s.asOf[i] = r.as_of ?? -1;
  if (r.history !== null) s.history.set(i, r.history);
}

/** Row `i` of `a` and row `j` of `b` say the same (their places aside). */
export function sameAt(a: StateArrays, i: number, b: StateArrays, j: number): boolean {
  return (
    a.content[i] === b.content[j] &&
    a.cur[i] === b.cur[j] &&
    a.status[i] === b.status[j] &&
    a.first[i] === b.first[j] &&
    a.last[i] === b.last[j] &&
    a.asOf[i] === b.asOf[j] &&
    a.history.get(i) === b.history.get(j)
  );
}

/** The status counts the room's row keeps for a state. */
export function statusCounts(s: StateArrays): Record<(typeof STATUSES)[number], number> {
  const counts = { present: 0, edited: 0, deleted: 0, unsent: 0 };
  for (let i = 0; i < s.length; i++) counts[STATUSES[s.status[i]!]!]++;
  return counts;
}
