/**
 * One capture folded into a room's kept state without making the room's messages: the state's
 * rows are read as numbers (a hash number, a status, capture places), the capture is its hash
 * list, and the change core compares them through sides (core/diff/sides.ts), reading whole only
 * the messages the hashes leave unpaired. A row the capture merely sees again (equal hash) or
 * leaves out is re-made from its numbers; every other row is decoded into the view message the
 * fold would hold, stepped as `stepArchiveView` steps it (`nextState`), and encoded again. The rows
 * are the fold's rows exactly (test/store/room-state.test.ts compares them with a fold of every
 * capture); only rows that change are written. At 1M messages the comparison held the room twice
 * as objects: 1.6–2.3 GiB (docs/performance.md).
 */
import type Database from 'better-sqlite3';
import { classifySides, OUTCOME_TYPES, outcomeAt } from '../../core/diff/classify.js';
import { instantOf } from '../../core/diff/instant.js';
import type { BeforeSide, ChangeCounts, ViewMessage } from '../../core/diff/index.js';
import { nextState, timeOrder } from '../../core/diff/view.js';
import type { CaptureRecord } from '../records.js';
import { factColumns, listSide, type MessageFacts } from '../compare-sides.js';
import { ArchiveError } from '../../core/errors.js';
import { msg } from '../../i18n/message.js';
import { decodeRow, encodeRow, STATE_ROW_COLUMNS, type StateRow } from './rows.js';
import { STATUSES } from './statuses.js';
import { rowAt, sameAt, setRow, stateArrays, statusCounts, type StateArrays } from './arrays.js';
import { ROOM_KEY, ROWID_OF, SCHEMA_NOW, STATE_ROWS, T } from './tables.js';

/** The distance between neighbouring `ord`s when they are numbered afresh: room for many insertions between them. */
export const ORD_STEP = 1024;

const DELETED = STATUSES.indexOf('deleted');

/**
 * The state's rows as numbers; the facts of each row's message (its time, source id, flags) are
 * read in the same join (`factColumns`), not asked of the archive one message at a time later.
 */
function readState(sqlite: Database.Database, roomId: string, facts: MessageFacts): StateArrays {
  const { ids } = facts;
  const n = sqlite.prepare(`SELECT count(*) FROM ${T.messages} WHERE room = ${ROOM_KEY}`).pluck().get(roomId) as number;
  const s = stateArrays(n);
  let i = 0;
  const rows = sqlite.prepare(`SELECT ${STATE_ROW_COLUMNS}, ${factColumns('m')} FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} ORDER BY s.ord`).raw();
  for (const r of rows.iterate(roomId) as IterableIterator<
    [number, Buffer, Buffer | null, number, number, number | null, number | null, string | null, ...unknown[]]
  >) {
    if (i === n) break;
    // A rowid no message holds (rows.ts STATE_ROW_COLUMNS): the row was edited; `verify` finds and discards it.
    if (r[1].length !== 32 || (r[2] !== null && r[2].length !== 32))
      throw new ArchiveError(msg('archive.state-message-missing', { hash: `#${i + 1}` }), { where: T.messages, hint: msg('hint.run-verify') });
    s.ords[i] = r[0];
    s.content[i] = ids.id(r[1], 0);
    facts.fromColumns(s.content[i]!, r, 8);
    s.cur[i] = r[2] === null ? s.content[i]! : ids.id(r[2], 0);
    s.status[i] = r[3];
    s.first[i] = r[4];
    s.last[i] = r[5] ?? -1;
    s.asOf[i] = r[6] ?? -1;
    if (r[7] !== null) s.history.set(i, r[7]);
    i++;
  }
  return s;
}

/** The state as the earlier side: each message as last seen (`current`), as `viewItems` gives it. */
function stateSide(s: StateArrays, facts: MessageFacts): BeforeSide {
  const { cur } = s;
  return {
    length: s.length,
    key: (i) => cur[i]!,
    minute: (i) => facts.minute(cur[i]!),
    externalId: (i) => facts.externalId(cur[i]!),
    message: (i) => facts.message(cur[i]!),
    gone: (i) => s.status[i] === DELETED && !facts.deletionMark(cur[i]!),
    deletionMark: (i) => facts.deletionMark(cur[i]!),
    instant: (i) => facts.instant(cur[i]!),
  };
}

/** One capture folded into a state: the next state (`ords` 0), where each of its rows came from (-1: first seen), the changes. */
export interface StateStep {
  readonly next: StateArrays;
  readonly from: Int32Array;
  readonly changes: ChangeCounts;
}

/**
 * Folds `capture` (its hashes numbered: `afterKeys`) into the state `s`, whose captures are
 * `captures` with `capture` last, as `stepArchiveView` folds it into the view the state stands for.
 * Nothing is read but the facts `facts` is asked for; `s` is left as it was.
 */
export function stepArrays(s: StateArrays, captures: readonly string[], capture: CaptureRecord, afterKeys: Int32Array, facts: MessageFacts): StateStep {
  const { ids } = facts;
  const newest = captures.length - 1;
  const place = new Map(captures.map((id, n) => [id, n]));
  const before = stateSide(s, facts);
  const after = listSide(afterKeys, facts);
  const o = classifySides(before, after, capture.coverage);

  const changes = { added: 0, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 };
  // Rows re-made from their numbers: `light[k]` 1 a message seen again as it was, 2 one left out, 3 one first seen here.
  const light = new Uint8Array(o.length);
  const full = new Map<number, ViewMessage>();
  const times = new Float64Array(o.length);
  const stored = captures.slice(0, newest);
  const oldView = (b: number): ViewMessage => decodeRow(rowAt(s, b, ids), stored, (hex) => facts.message(ids.id(Buffer.from(hex, 'hex'), 0)));
  for (let k = 0; k < o.length; k++) {
    const type = OUTCOME_TYPES[o.type[k]!]!;
    if (type !== 'stillGone') changes[type]++;
    const b = o.before[k]!;
    const a = o.after[k]!;
    if (type === 'added') light[k] = 3;
    else if (type === 'notCovered' || type === 'stillGone') light[k] = 2;
    else if (type === 'unchanged' && s.cur[b] === afterKeys[a] && !before.gone(b)) light[k] = 1;
    if (light[k] !== 0) {
      times[k] = facts.instant(b === -1 ? afterKeys[a]! : s.content[b]!);
      continue;
    }
    const m = nextState(outcomeAt(o, k), oldView, after.message, capture.id);
    full.set(k, m);
    times[k] = instantOf(m.sentAt);
  }
  const order = timeOrder(times);

  const next = stateArrays(order.length);
  const from = new Int32Array(order.length);
  order.forEach((k, i) => {
    const b = o.before[k]!;
    from[i] = b;
    const m = full.get(k);
    if (m !== undefined) return setRow(next, i, encodeRow(m, 0, place, newest), ids);
    if (light[k] === 3) {
      const id = afterKeys[o.after[k]!]!;
      next.content[i] = next.cur[i] = id;
      next.status[i] = STATUSES.indexOf(facts.firstStatus(id));
      next.first[i] = newest;
      next.last[i] = next.asOf[i] = -1;
      return;
    }
    next.content[i] = s.content[b]!;
    next.cur[i] = s.cur[b]!;
    next.status[i] = s.status[b]!;
    next.first[i] = s.first[b]!;
    const history = s.history.get(b);
    if (history !== undefined) next.history.set(i, history);
    // Seen again: its sighting range runs on to the new capture. Left out: the range ends where it did.
    next.last[i] = light[k] === 1 ? -1 : s.last[b] === -1 ? newest - 1 : s.last[b]!;
    next.asOf[i] = light[k] === 1 ? -1 : s.asOf[b] === -1 ? newest - 1 : s.asOf[b]!;
  });
  return { next, from, changes };
}

/**
 * Folds `capture` (its hashes numbered: `afterKeys`) into the room's state, whose captures are
 * `captures` with `capture` last; writes the rows that change and the capture's row. Inside the
 * caller's write transaction.
 */
export function stepState(
  sqlite: Database.Database,
  key: number,
  roomId: string,
  captures: readonly string[],
  capture: CaptureRecord,
  afterKeys: Int32Array,
  facts: MessageFacts,
): ChangeCounts {
  const { ids } = facts;
  const s = readState(sqlite, roomId, facts);
  const { next, from, changes } = stepArrays(s, captures, capture, afterKeys, facts);
  const placed = placeOrdsOf(s.ords, from);
  // Rows are made with hashes (rows.ts) and written with their messages' rowids (tables.ts).
  const insert = sqlite.prepare(
    `INSERT INTO ${T.messages} (room, ord, msg, cur, status, first, last, as_of, history) VALUES (?, ?, ${ROWID_OF}, ${ROWID_OF}, ?, ?, ?, ?, ?)`,
  );
  const write = (r: StateRow): void => void insert.run(key, r.ord, r.hash, r.cur, r.status, r.first, r.last, r.as_of, r.history);
  if (placed === null) {
    sqlite.prepare(`DELETE FROM ${T.messages} WHERE room = ?`).run(key);
    for (let i = 0; i < next.length; i++) write({ ...rowAt(next, i, ids), ord: (i + 1) * ORD_STEP });
  } else {
    const update = sqlite.prepare(
      `UPDATE ${T.messages} SET msg = ${ROWID_OF}, cur = ${ROWID_OF}, status = ?, first = ?, last = ?, as_of = ?, history = ? WHERE room = ? AND ord = ?`,
    );
    for (let i = 0; i < next.length; i++) {
      if (from[i] !== -1 && sameAt(next, i, s, from[i]!)) continue;
      const r = { ...rowAt(next, i, ids), ord: placed[i]! };
      if (from[i] === -1) write(r);
      else update.run(r.hash, r.cur, r.status, r.first, r.last, r.as_of, r.history, key, r.ord);
    }
  }
  sqlite
    .prepare(`INSERT INTO ${T.captures} (room, n, capture_id, changes) VALUES (?, ?, ?, ?)`)
    .run(key, captures.length - 1, capture.id, JSON.stringify(changes));
  sqlite
    .prepare(`UPDATE ${T.rooms} SET messages = ?, counts = ?, schema = ${SCHEMA_NOW} WHERE k = ?`)
    .run(next.length, JSON.stringify(statusCounts(next)), key);
  return changes;
}

/**
 * Places for the new view's messages that keep every known message's `ord`: new ones go between
 * their neighbours. Null when that cannot be done (the known ones changed order, or no room is
 * left between two neighbours): then every row is written again.
 */
export function placeOrds(old: ArrayLike<number>, from: readonly (number | null)[]): number[] | null {
  const placed = placeOrdsOf(
    old,
    Int32Array.from(from, (b) => b ?? -1),
  );
  return placed === null ? null : Array.from(placed);
}

/** `placeOrds` with -1 for a message first seen: numbers, not an array of a million values. */
function placeOrdsOf(old: ArrayLike<number>, from: Int32Array): Float64Array | null {
  const ords = new Float64Array(from.length);
  for (let i = 0; i < from.length; i++) ords[i] = from[i] === -1 ? NaN : old[from[i]!]!;
  let i = 0;
  let left: number | null = null;
  while (i < ords.length) {
    const known = ords[i]!;
    if (!Number.isNaN(known)) {
      if (left !== null && known <= left) return null;
      left = known;
      i++;
      continue;
    }
    let j = i;
    while (j < ords.length && Number.isNaN(ords[j]!)) j++;
    const right = j < ords.length ? ords[j]! : null;
    const run = j - i;
    let previous = left;
    for (let k = 1; k <= run; k++) {
      const at =
        left === null
          ? right === null
            ? k * ORD_STEP
            : right - (run - k + 1) * ORD_STEP
          : right === null
            ? left + k * ORD_STEP
            : left + Math.floor(((right - left) * k) / (run + 1));
      if ((previous !== null && at <= previous) || (right !== null && at >= right)) return null;
      ords[i + k - 1] = at;
      previous = at;
    }
    left = ords[j - 1]!;
    i = j;
  }
  return ords;
}
