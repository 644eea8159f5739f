/**
 * A message of the archive view as one row of the kept state, and back. Captures are referred to
 * by their place `n` in the room's "as of" order; message fields are not copied but named by hash
 * (the messages table holds them once; the table itself holds their rowids, tables.ts). What most messages share is left NULL, so that the row of
 * a message seen again unchanged stays as it was: `last` and `as_of` NULL mean "the newest capture
 * folded in" (a sighting range still open), `cur` NULL means "the same as `hash`", `history` NULL
 * means the one version first seen.
 */
import { viewMessage, type HistoryEntry, type ViewMessage } from '../../core/diff/index.js';
import type { HashedMessage } from '../../core/types.js';
import { STATUSES } from './statuses.js';

export { STATUSES };

export interface StateRow {
  readonly ord: number;
  readonly hash: Buffer;
  readonly cur: Buffer | null;
  readonly status: number;
  readonly first: number;
  readonly last: number | null;
  readonly as_of: number | null;
  readonly history: string | null;
}

/**
 * The SELECT list of a state row, as StateRow's keys, from tables.ts STATE_ROWS: the table names messages
 * by their rowid, a row read has their hashes. A rowid no message holds (a row edited by hand) reads as
 * the empty hash, which no message has: the reader finds no message, as for a hash edited so.
 */
export const STATE_ROW_COLUMNS =
  "s.ord AS ord, coalesce(m.hash, x'') AS hash, CASE WHEN s.cur IS NULL THEN NULL ELSE coalesce(c.hash, x'') END AS cur, s.status AS status, s.first AS first, s.last AS last, s.as_of AS as_of, s.history AS history";

/** The row for `m`, with `place` giving each capture id's `n` and `newest` the newest capture's. */
export function encodeRow(m: ViewMessage, ord: number, place: ReadonlyMap<string, number>, newest: number): StateRow {
  const n = (capture: string): number => {
    const at = place.get(capture);
    if (at === undefined) throw new Error(`room state: capture ${capture} is not among the room's captures`);
    return at;
  };
  const first = n(m.firstSeen);
  const last = n(m.lastSeen);
  const asOf = n(m.statusAsOf);
  const h0 = m.history[0];
  const oneVersion = m.history.length === 1 && h0 !== undefined && h0.capture === m.firstSeen && h0.hash === m.hash;
  return {
    ord,
    hash: Buffer.from(m.hash, 'hex'),
    cur: m.current.hash === m.hash ? null : Buffer.from(m.current.hash, 'hex'),
    status: STATUSES.indexOf(m.status),
    first,
    last: last === newest ? null : last,
    as_of: asOf === newest ? null : asOf,
    history: oneVersion ? null : JSON.stringify(m.history.map((h) => [n(h.capture), h.hash])),
  };
}

/** Whether two rows say the same (their places in the order aside). */
export function sameRow(a: StateRow, b: StateRow): boolean {
  return (
    a.hash.equals(b.hash) &&
    (a.cur === null ? b.cur === null : b.cur !== null && a.cur.equals(b.cur)) &&
    a.status === b.status &&
    a.first === b.first &&
    a.last === b.last &&
    a.as_of === b.as_of &&
    a.history === b.history
  );
}

/** The view message a row stands for; `read` gives a message by its hash (hex). */
export function decodeRow(row: StateRow, captures: readonly string[], read: (hash: string) => HashedMessage): ViewMessage {
  const newest = captures.length - 1;
  const id = (n: number): string => {
    const capture = captures[n];
    if (capture === undefined) throw new Error(`room state: no capture #${n}`);
    return capture;
  };
  const content = read(row.hash.toString('hex'));
  const current = row.cur === null ? content : read(row.cur.toString('hex'));
  const firstSeen = id(row.first);
  const history: HistoryEntry[] =
    row.history === null
      ? [{ capture: firstSeen, body: content.body, kind: content.kind, hash: content.hash }]
      : (JSON.parse(row.history) as [number, string][]).map(([n, hash]) => {
          const v = read(hash);
          return { capture: id(n), body: v.body, kind: v.kind, hash };
        });
  return viewMessage(content, {
    status: STATUSES[row.status] ?? 'present',
    firstSeen,
    lastSeen: id(row.last ?? newest),
    statusAsOf: id(row.as_of ?? newest),
    history,
    current,
  });
}
