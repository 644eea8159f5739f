/**
 * The kept room state (issue 21 item 3): each room's archive view as of its newest capture, kept
 * up to date capture by capture so that an import, `show` and the web app read it instead of
 * folding every capture again.
 *
 * It is derived data, never evidence (docs/design/evidence-model.md P11): the tables live beside
 * the evidence tables but outside schema.ts and the migrations, carry no trigger, and are created,
 * dropped and rebuilt by chatproof itself. Their version is in their names: a chatproof that reads
 * another layout finds its own tables missing and builds them from the captures, in one
 * transaction, so a kill leaves either no state (built again next time) or a whole one.
 * `verify` recomputes every room's state from the captures and compares (src/store/verify-state.ts).
 */
import type Database from 'better-sqlite3';

/** The state's layout; a change of layout is a new version, with tables of new names. */
export const STATE_VERSION = 2;

export const T = {
  /** One row per room whose state is kept: its key in the other two tables, its message count and status counts. */
  rooms: `room_state_v${STATE_VERSION}`,
  /** The captures folded into a room's state, in "as of" order (`n` 0, 1, 2…), each with the changes it brought. */
  captures: `room_state_v${STATE_VERSION}_captures`,
  /** Every message ever seen in the room, in view order (`ord`), its sightings as a range of captures. */
  messages: `room_state_v${STATE_VERSION}_messages`,
} as const;

/** Tables of earlier layouts, dropped when the current ones are made. */
const OLDER: readonly string[] = ['room_state_v1_messages', 'room_state_v1_captures', 'room_state_v1'];

const DDL = `
CREATE TABLE IF NOT EXISTS ${T.rooms} (
  k INTEGER PRIMARY KEY,
  room_id TEXT UNIQUE NOT NULL,
  messages INTEGER NOT NULL,
  counts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${T.captures} (
  room INTEGER NOT NULL,
  n INTEGER NOT NULL,
  capture_id TEXT NOT NULL,
  changes TEXT NOT NULL,
  PRIMARY KEY (room, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ${T.messages} (
  room INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  hash BLOB NOT NULL,
  cur BLOB,
  status INTEGER NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER,
  as_of INTEGER,
  history TEXT,
  PRIMARY KEY (room, ord)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ${T.messages}_changed ON ${T.messages} (room, ord) WHERE status <> 0;
`;

export function stateTablesExist(sqlite: Database.Database): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(T.messages) !== undefined;
}

/** Creates the current tables (and drops older layouts'); inside the caller's write transaction. */
export function ensureStateTables(sqlite: Database.Database): void {
  for (const name of OLDER) sqlite.exec(`DROP TABLE IF EXISTS ${name}`);
  sqlite.exec(DDL);
}

/**
 * A room's key in the captures and messages tables, as a scalar subquery of its id (`?`): a small
 * integer in every row rather than the 16-character id (a tenth of a message row).
 */
export const ROOM_KEY = `(SELECT k FROM ${T.rooms} WHERE room_id = ?)`;

/** A room's state removed, to be written whole again. */
export function clearRoomState(sqlite: Database.Database, roomId: string): void {
  for (const table of [T.messages, T.captures]) sqlite.prepare(`DELETE FROM ${table} WHERE room = ${ROOM_KEY}`).run(roomId);
  sqlite.prepare(`DELETE FROM ${T.rooms} WHERE room_id = ?`).run(roomId);
}

/** The room's key, its rows made if there were none (counts filled in once the messages are written). */
export function roomKey(sqlite: Database.Database, roomId: string): number {
  sqlite.prepare(`INSERT OR IGNORE INTO ${T.rooms} (room_id, messages, counts) VALUES (?, 0, '{}')`).run(roomId);
  return sqlite.prepare(`SELECT k FROM ${T.rooms} WHERE room_id = ?`).pluck().get(roomId) as number;
}
