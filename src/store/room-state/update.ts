/**
 * Keeping a room's state up to date: the captures it lacks are folded in one by one (the import
 * of capture N+1 compares it with the state, not with a fold of every capture), writing only the
 * rows that change; when the captures it holds are no longer the first ones of the room in "as of"
 * order (an older export imported late), or there is no state yet, it is built again from all
 * the captures. Each update is one write transaction: a kill leaves the state as it was.
 */
import type Database from 'better-sqlite3';
import {
  EMPTY_ARCHIVE_VIEW,
  stepArchiveView,
  type ArchiveView,
  type CaptureView,
  type ChangeCounts,
  type MessageStatus,
  type ViewMessage,
  type ViewStep,
} from '../../core/diff/index.js';
import type { HashedMessage } from '../../core/types.js';
import type { Archive } from '../archive.js';
import type { CaptureRecord } from '../records.js';
import { captureView } from '../capture-view.js';
import { decodeRow, encodeRow, sameRow, STATE_ROW_COLUMNS, type StateRow } from './rows.js';
import { clearRoomState, ensureStateTables, ROOM_KEY, roomKey, stateTablesExist, T } from './tables.js';

/** A capture whose messages the caller still holds (an import just stored them). */
export interface HeldCapture {
  readonly id: string;
  readonly view: CaptureView;
}

/** The distance between neighbouring `ord`s when they are numbered afresh: room for many insertions between them. */
const ORD_STEP = 1024;

/** The captures a room's state holds, in its order; null when there is none. */
export function stateCaptures(sqlite: Database.Database, roomId: string): string[] | null {
  if (!stateTablesExist(sqlite)) return null;
  if (sqlite.prepare(`SELECT 1 FROM ${T.rooms} WHERE room_id = ?`).get(roomId) === undefined) return null;
  return sqlite.prepare(`SELECT capture_id FROM ${T.captures} WHERE room = ${ROOM_KEY} ORDER BY n`).pluck().all(roomId) as string[];
}

/** Whether the state holds exactly the room's captures, in their order. */
export function isFresh(stored: readonly string[] | null, captures: readonly CaptureRecord[]): boolean {
  return stored !== null && stored.length === captures.length && stored.every((id, i) => captures[i]!.id === id);
}

/**
 * Brings the room's state up to date with its captures, in one IMMEDIATE transaction (so two
 * imports of one room at once take turns, the second finding the first's capture folded in).
 */
export function updateRoomState(archive: Archive, roomId: string, held?: HeldCapture): void {
  const { sqlite } = archive;
  sqlite
    .transaction(() => {
      ensureStateTables(sqlite);
      const captures = archive.captures(roomId);
      const stored = stateCaptures(sqlite, roomId);
      if (isFresh(stored, captures)) return;
      const seen = new Map<string, HashedMessage>();
      if (held !== undefined) for (const m of held.view.messages) seen.set(m.hash, m);
      const viewOf = (c: CaptureRecord): CaptureView => (held?.id === c.id ? held.view : captureView(archive, c, seen));
      if (stored !== null && stored.every((id, i) => captures[i]?.id === id)) extend(archive, roomId, stored, captures.slice(stored.length), viewOf, seen);
      else rebuild(archive.sqlite, roomId, captures, viewOf);
    })
    .immediate();
}

/**
 * The state as a whole view, with each message's place (`ord`); `read` gives messages by hash.
 * The rows are read one at a time and let go: only the view and the places are held.
 */
export function loadRows(
  sqlite: Database.Database,
  roomId: string,
  captures: readonly string[],
  read: (hash: string) => HashedMessage,
): { ords: number[]; view: ArchiveView } {
  const ords: number[] = [];
  const messages: ViewMessage[] = [];
  for (const r of sqlite
    .prepare(`SELECT ${STATE_ROW_COLUMNS} FROM ${T.messages} WHERE room = ${ROOM_KEY} ORDER BY ord`)
    .iterate(roomId) as IterableIterator<StateRow>) {
    ords.push(r.ord);
    messages.push(decodeRow(r, captures, read));
  }
  return { ords, view: { captures, messages, roomObservations: [] } };
}

function extend(
  archive: Archive,
  roomId: string,
  stored: readonly string[],
  rest: readonly CaptureRecord[],
  viewOf: (c: CaptureRecord) => CaptureView,
  seen: Map<string, HashedMessage>,
): void {
  const { sqlite } = archive;
  const key = roomKey(sqlite, roomId);
  let { ords, view } = loadRows(sqlite, roomId, stored, archive.messageReader(seen));
  const place = new Map(stored.map((id, n) => [id, n]));
  for (const capture of rest) {
    const step = stepArchiveView(view, viewOf(capture));
    const newest = place.size;
    place.set(capture.id, newest);
    const placed = placeOrds(ords, step.from);
    if (placed === null) ords = writeAll(sqlite, key, step.view, place, newest);
    else {
      // A row as it is stored is the old view's message encoded against the old newest capture (decodeRow's inverse).
      const before = (b: number): StateRow => encodeRow(view.messages[b]!, ords[b]!, place, newest - 1);
      writeChanged(sqlite, key, step, placed, before, (m, ord) => encodeRow(m, ord, place, newest));
      ords = placed;
    }
    sqlite.prepare(`INSERT INTO ${T.captures} (room, n, capture_id, changes) VALUES (?, ?, ?, ?)`).run(key, newest, capture.id, JSON.stringify(step.changes));
    view = step.view;
  }
  writeRoomRow(sqlite, roomId, view);
}

function rebuild(sqlite: Database.Database, roomId: string, captures: readonly CaptureRecord[], viewOf: (c: CaptureRecord) => CaptureView): void {
  clearRoomState(sqlite, roomId);
  let view: ArchiveView = EMPTY_ARCHIVE_VIEW;
  const changes: ChangeCounts[] = [];
  for (const capture of captures) {
    const step = stepArchiveView(view, viewOf(capture));
    changes.push(step.changes);
    view = step.view;
  }
  const key = roomKey(sqlite, roomId);
  writeAll(sqlite, key, view, new Map(captures.map((c, n) => [c.id, n])), captures.length - 1);
  const insert = sqlite.prepare(`INSERT INTO ${T.captures} (room, n, capture_id, changes) VALUES (?, ?, ?, ?)`);
  captures.forEach((c, n) => insert.run(key, n, c.id, JSON.stringify(changes[n])));
  writeRoomRow(sqlite, roomId, view);
}

/**
 * Places for the new view's messages that keep every known message's `ord`: new ones go between
 * their neighbours. Null when that cannot be done (the known ones changed order, or no room is
 * left between two neighbours): then every row is written again.
 */
export function placeOrds(old: readonly number[], from: readonly (number | null)[]): number[] | null {
  const ords: (number | null)[] = from.map((b) => (b === null ? null : old[b]!));
  let i = 0;
  let left: number | null = null;
  while (i < ords.length) {
    const known = ords[i];
    if (known !== null && known !== undefined) {
      if (left !== null && known <= left) return null;
      left = known;
      i++;
      continue;
    }
    let j = i;
    while (j < ords.length && ords[j] === null) j++;
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
  return ords as number[];
}

/** Every row written afresh, numbered `ORD_STEP` apart; gives the places. */
function writeAll(sqlite: Database.Database, key: number, view: ArchiveView, place: ReadonlyMap<string, number>, newest: number): number[] {
  sqlite.prepare(`DELETE FROM ${T.messages} WHERE room = ?`).run(key);
  const insert = insertRow(sqlite);
  return view.messages.map((m, i) => {
    const ord = (i + 1) * ORD_STEP;
    insert(key, encodeRow(m, ord, place, newest));
    return ord;
  });
}

/**
 * Only the rows that say something new: a capture that changes 100 messages of 100,000 writes
 * about 100. Each row is encoded as it is compared, none held.
 */
function writeChanged(
  sqlite: Database.Database,
  key: number,
  step: ViewStep,
  ords: readonly number[],
  before: (b: number) => StateRow,
  encode: (m: ViewMessage, ord: number) => StateRow,
): void {
  const insert = insertRow(sqlite);
  const update = sqlite.prepare(
    `UPDATE ${T.messages} SET hash = ?, cur = ?, status = ?, first = ?, last = ?, as_of = ?, history = ? WHERE room = ? AND ord = ?`,
  );
  step.view.messages.forEach((m, i) => {
    const r = encode(m, ords[i]!);
    const b = step.from[i];
    if (b === null || b === undefined) return insert(key, r);
    if (!sameRow(before(b), r)) update.run(r.hash, r.cur, r.status, r.first, r.last, r.as_of, r.history, key, r.ord);
  });
}

function insertRow(sqlite: Database.Database): (key: number, r: StateRow) => void {
  const stmt = sqlite.prepare(`INSERT INTO ${T.messages} (room, ord, hash, cur, status, first, last, as_of, history) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return (key, r) => void stmt.run(key, r.ord, r.hash, r.cur, r.status, r.first, r.last, r.as_of, r.history);
}

function writeRoomRow(sqlite: Database.Database, roomId: string, view: ArchiveView): void {
  const counts: Record<MessageStatus, number> = { present: 0, edited: 0, deleted: 0, unsent: 0 };
  for (const m of view.messages) counts[m.status]++;
  sqlite.prepare(`UPDATE ${T.rooms} SET messages = ?, counts = ? WHERE room_id = ?`).run(view.messages.length, JSON.stringify(counts), roomId);
}
