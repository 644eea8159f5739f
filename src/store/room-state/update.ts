/**
 * Keeping a room's state up to date: the captures it lacks are folded in one by one (the import
 * of capture N+1 compares it with the state, not with a fold of every capture), writing only the
 * rows that change; when the captures it holds are no longer the first ones of the room in "as of"
 * order (an older export imported late), or there is no state yet, it is built again from all
 * the captures. Each update is one write transaction: a kill leaves the state as it was.
 */
import type Database from 'better-sqlite3';
import type { ArchiveView, ViewMessage } from '../../core/diff/index.js';
import type { HashedMessage, Message } from '../../core/types.js';
import type { Archive } from '../archive.js';
import type { CaptureRecord } from '../records.js';
import { MessageFacts } from '../compare-sides.js';
import { HashIds } from '../hash-ids.js';
import { listPieces } from '../lists/hash-lists.js';
import { decodeRow, STATE_ROW_COLUMNS, type StateRow } from './rows.js';
import { stepState } from './step.js';
import { clearRoomState, ensureStateTables, ROOM_KEY, roomKey, stateCurrent, STATE_ROWS, stateTablesExist, T } from './tables.js';

export { placeOrds } from './step.js';

/** A capture the caller has just stored: its hash list, and its messages if it still holds them (then none is read back). */
export interface HeldCapture {
  readonly id: string;
  readonly hashes: Buffer;
  readonly messages?: readonly Message[];
}

/** The captures a room's state holds, in its order; null when there is none (or none that can be read, tables.ts SCHEMA_NOW). */
export function stateCaptures(sqlite: Database.Database, roomId: string): string[] | null {
  if (!stateTablesExist(sqlite)) return null;
  // Rows written under another schema may name messages by rowids they no longer hold (tables.ts SCHEMA_NOW).
  if (!stateCurrent(sqlite, roomId)) return null;
  return sqlite.prepare(`SELECT capture_id FROM ${T.captures} WHERE room = ${ROOM_KEY} ORDER BY n`).pluck().all(roomId) as string[];
}

/** Whether the state holds exactly the room's captures, in their order. */
export function isFresh(stored: readonly string[] | null, captures: readonly CaptureRecord[]): boolean {
  return stored !== null && stored.length === captures.length && stored.every((id, i) => captures[i]!.id === id);
}

/**
 * Brings the room's state up to date with its captures, in one IMMEDIATE transaction (so two
 * imports of one room at once take turns, the second finding the first's capture folded in).
 * Each capture is folded in by its hash list (step.ts): the room's messages are never all made.
 */
export function updateRoomState(archive: Archive, roomId: string, held?: HeldCapture): void {
  const { sqlite } = archive;
  sqlite
    .transaction(() => {
      ensureStateTables(sqlite);
      const captures = archive.captures(roomId);
      const stored = stateCaptures(sqlite, roomId);
      if (isFresh(stored, captures)) return;
      const extend = stored !== null && stored.every((id, i) => captures[i]?.id === id);
      if (!extend) clearRoomState(sqlite, roomId);
      const folded = extend ? [...stored] : [];
      const expected = Math.ceil(Math.max(0, ...captures.map((c) => c.messageCount)) * 1.05) + 1024;
      const pending = captures.slice(folded.length);
      // The usual import: only its own capture to fold. Its hash list, held by the import, is read
      // in place; only the state's other hashes (old versions, deleted messages) are copied.
      const adopt = held !== undefined && pending.length === 1 && pending[0]!.id === held.id;
      const ids = new HashIds(expected, adopt ? 1024 : expected);
      const facts = new MessageFacts(sqlite, ids, expected);
      const key = roomKey(sqlite, roomId);
      for (const capture of pending) {
        const keys =
          held?.id !== capture.id
            ? ids.idsOfPieces(listPieces(sqlite, capture.id), capture.messageCount)
            : adopt
              ? ids.adopt(held.hashes)
              : ids.ids(held.hashes);
        if (held?.id === capture.id && held.messages !== undefined) held.messages.forEach((m, i) => facts.learn(keys[i]!, m));
        folded.push(capture.id);
        stepState(sqlite, key, roomId, folded, capture, keys, facts);
      }
    })
    .immediate();
}

/**
 * The room's state built again from its captures, whatever rows were kept: for a reader that must
 * not take a word from derived rows anyone with the file can edit (a report, src/app/make-report.ts).
 * Two transactions: a kill between them leaves no state, which the next read builds.
 */
export function rebuildRoomState(archive: Archive, roomId: string): void {
  const { sqlite } = archive;
  if (sqlite.readonly) return;
  sqlite.transaction(() => {
    ensureStateTables(sqlite);
    clearRoomState(sqlite, roomId);
  })();
  updateRoomState(archive, roomId);
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
    .prepare(`SELECT ${STATE_ROW_COLUMNS} FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} ORDER BY s.ord`)
    .iterate(roomId) as IterableIterator<StateRow>) {
    ords.push(r.ord);
    messages.push(decodeRow(r, captures, read));
  }
  return { ords, view: { captures, messages, roomObservations: [] } };
}
