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
export const STATE_VERSION = 3;

export const T = {
  /**
   * One row per room whose state is kept: its key in the other two tables, its message count and
   * status counts, and the archive's schema cookie when its rows were written (`schema`, below).
   */
  rooms: `room_state_v${STATE_VERSION}`,
  /** The captures folded into a room's state, in "as of" order (`n` 0, 1, 2…), each with the changes it brought. */
  captures: `room_state_v${STATE_VERSION}_captures`,
  /**
   * Every message ever seen in the room, in view order (`ord`), its sightings as a range of
   * captures; the message named by its row in `messages` (`msg`, and `cur` for the version last
   * seen where it differs), 1–3 bytes where its hash took 33 (v2: 5.5 of the 31 MB a 100k room's
   * archive held after capture #1, docs/performance.md).
   */
  messages: `room_state_v${STATE_VERSION}_messages`,
} as const;

/** Tables of earlier layouts, dropped when the current ones are made. */
const OLDER: readonly string[] = [1, 2].flatMap((v) => [`room_state_v${v}_messages`, `room_state_v${v}_captures`, `room_state_v${v}`]);

const DDL = `
CREATE TABLE IF NOT EXISTS ${T.rooms} (
  k INTEGER PRIMARY KEY,
  room_id TEXT UNIQUE NOT NULL,
  messages INTEGER NOT NULL,
  counts TEXT NOT NULL,
  schema INTEGER NOT NULL DEFAULT -1
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
  msg INTEGER NOT NULL,
  cur INTEGER,
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

/**
 * The schema cookie as the state's rows are written, kept with the room's row and tested on every
 * read (update.ts `stateCaptures`): `msg` and `cur` are rowids of `messages`, which has no
 * INTEGER PRIMARY KEY, and SQLite may give such rows new rowids when it copies the table — VACUUM
 * (which adds one to the cookie), a migration that makes the table again (0002 and 0005 did; any
 * DDL adds to it), a trigger dropped to renumber them by hand. A state whose cookie is not the
 * archive's is read as no state and built again from the captures; one that lies about its cookie
 * too is a forged derived table, which `verify` finds and discards (verify-state.ts) and which a
 * report never reads unbuilt (update.ts `rebuildRoomState`).
 */
export const SCHEMA_NOW = '(SELECT schema_version FROM pragma_schema_version)';

/** The room's row says its rows were written under the archive's schema as it is now. */
export function stateCurrent(sqlite: Database.Database, roomId: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM ${T.rooms} WHERE room_id = ? AND schema = ${SCHEMA_NOW}`).get(roomId) !== undefined;
}

/**
 * A message's rowid by its hash (bound as `?`; NULL for NULL), as a row is written: the message is
 * stored before its state row.
 */
export const ROWID_OF = '(SELECT rowid FROM messages WHERE hash = ?)';

/** The state's messages table (as `s`) with the rows of the messages it names (`m`, and `c` for `cur`); `WHERE s.room = …`. */
export const STATE_ROWS = `${T.messages} s LEFT JOIN messages m ON m.rowid = s.msg LEFT JOIN messages c ON c.rowid = s.cur`;

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
