/**
 * `verify` of a kept room state that holds one capture (every new room's, src/store/room-state/first.ts),
 * streamed: what the fold of src/store/verify-state.ts makes of one capture from an empty view is
 * known row by row — each listed message added, first seen there, with its first-sighting status,
 * stably sorted by sending time (core/diff/view.ts `stepArchiveView`, `inTimeOrder`). While the
 * capture's messages come in time order that sort keeps them where they are, so each stored row is
 * compared with the listed message at its place as the rows are read. The status and time of each
 * message are taken in `verify`'s pass over the message rows (`FirstSightings.note`), which reads
 * every row anyway: nothing is held but two numbers a listed message. The fold of a 1M-message
 * capture held ~1 KB a message.
 *
 * This only ever says that the state agrees: at the first thing it does not expect (a row that
 * differs, a message out of time order, not stored or stored verbatim, another count), it answers
 * `undefined` and the room is folded as before, which says exactly what differs. So the findings
 * are the fold's.
 */
import type Database from 'better-sqlite3';
import { instantOf } from '../core/diff/instant.js';
import { readList } from './lists/hash-lists.js';
import type { ListedHashes } from './listed-hashes.js';
import { instantOfPacked, kindOfColumn, textOf } from './message-forms.js';
import { firstStatus, STATUSES } from './room-state/statuses.js';
import { STATE_ROWS, T } from './room-state/tables.js';

/**
 * Each listed message's first-sighting status and sending time, as the fold reads them from its
 * row (`messageOfForm`, then `firstSightingStatus` and `instantOf`), by its first entry in the
 * lists (ListedHashes numbering). A packed time gives its instant without the text: the same
 * number wherever `Date.parse` reads the text, and a number where it would not, which can only
 * keep the fold's order too (an unreadable time sorts with the one before it).
 */
export class FirstSightings {
  private readonly instants: Float64Array;
  /** -1: not known (no row, or a verbatim one): the fold decides. */
  private readonly statuses: Int8Array;

  /** The lists the store's checks kept (a room's only capture's), once those found nothing. */
  private lists: ReadonlyMap<string, Buffer | null> = new Map();
  /** Where a listed hash read as hex is put to be compared (no Buffer a row). */
  private readonly probe = Buffer.alloc(32);

  constructor(private readonly listed: ListedHashes) {
    this.instants = new Float64Array(listed.size);
    this.statuses = new Int8Array(listed.size).fill(-1);
  }

  /**
   * The lists the store's checks kept (each a room's only capture's), by capture id, from a store
   * whose checks found nothing: each is then the one the room's state was folded from, and need
   * not be read again (32 MB at 1M messages).
   */
  listsChecked(lists: ReadonlyMap<string, Buffer | null>): void {
    this.lists = lists;
  }

  /** The row (FORM_READ columns from `at`) of the listed entry `entry`. */
  note(entry: number, row: readonly unknown[], at: number): void {
    if (row[at + 7] !== null) return;
    const sentAt = row[at + 3];
    this.instants[entry] =
      typeof sentAt === 'number' ? instantOfPacked(sentAt) : typeof sentAt === 'bigint' ? instantOfPacked(Number(sentAt)) : instantOf(textOf(sentAt));
    this.statuses[entry] = firstStatus({ kind: kindOfColumn(row[at]), body: textOf(row[at + 4]), editedAt: row[at + 6] === null ? null : '' });
  }

  /**
   * True when the room's state, holding only `captureId` (stored with `changes`), is what the fold
   * of that capture gives; undefined when that is not shown this way (fold the room instead).
   */
  agree(sqlite: Database.Database, roomId: string, captureId: string, changes: string): true | undefined {
    try {
      return this.agrees(sqlite, roomId, this.lists.get(captureId) ?? readList(sqlite, captureId), changes);
    } catch {
      // A list or a row that cannot be read as stored: the fold meets it too, and says what it finds.
      return undefined;
    }
  }

  private agrees(sqlite: Database.Database, roomId: string, list: Buffer, changes: string): true | undefined {
    const n = list.length / 32;
    if (!Number.isInteger(n) || changes !== firstChanges(n)) return undefined;
    const key = sqlite.prepare(`SELECT k FROM ${T.rooms} WHERE room_id = ?`).pluck().get(roomId);
    // What every row of a first capture's state holds alike is asked of SQLite at once (as JS
    // would compare it: a message's rowid, 0 for the first capture, NULL elsewhere); rows are read only for what varies.
    const odd = sqlite
      .prepare(
        `SELECT COUNT(*) FROM ${T.messages} WHERE room = ? AND NOT (typeof(msg) = 'integer' AND cur IS NULL AND first = 0 AND last IS NULL AND as_of IS NULL AND history IS NULL)`,
      )
      .pluck()
      .get(key);
    if (odd !== 0) return undefined;
    // Batches of rows by place, each read whole: better-sqlite3 reads a row of `all` faster than
    // one of `iterate`, and a hash as hex text faster than as a Buffer.
    const batch = sqlite
      .prepare(`SELECT s.ord, lower(hex(m.hash)), s.status FROM ${STATE_ROWS} WHERE s.room = ? AND s.ord > ? ORDER BY s.ord LIMIT ${BATCH}`)
      .raw();
    const counts = { present: 0, edited: 0, deleted: 0, unsent: 0 };
    let i = 0;
    let previous = Number.NEGATIVE_INFINITY;
    let after: unknown = Number.NEGATIVE_INFINITY;
    for (let rows = batch.all(key, after) as unknown[][]; rows.length > 0; rows = batch.all(key, after) as unknown[][]) {
      for (const [, hash, status] of rows) {
        if (i >= n || typeof hash !== 'string' || hash.length !== 64 || this.probe.write(hash, 'hex') !== 32) return undefined;
        if (list.compare(this.probe, 0, 32, i * 32, i * 32 + 32) !== 0) return undefined;
        const entry = this.listed.entryAt(list, i * 32);
        const expected = entry < 0 ? -1 : this.statuses[entry]!;
        if (expected < 0 || status !== expected) return undefined;
        const at = this.instants[entry]!;
        // As the fold sorts: a time that cannot be read takes the one before it.
        const t = Number.isNaN(at) ? previous : at;
        if (t < previous) return undefined;
        previous = t;
        counts[STATUSES[expected]!]++;
        i++;
      }
      after = rows[rows.length - 1]![0];
    }
    if (i !== n) return undefined;
    const head = sqlite.prepare(`SELECT messages, counts FROM ${T.rooms} WHERE room_id = ?`).get(roomId) as { messages: number; counts: string } | undefined;
    return head !== undefined && `${head.messages} ${head.counts}` === `${n} ${JSON.stringify(counts)}` ? true : undefined;
  }
}

/** Rows of the state read at a time: 4096 left ~34 MiB more heap at the end of a 1M verify, 512 none measurable. */
const BATCH = 512;

/** What `stepArchiveView` counts for a room's first capture of `n` messages, as the state keeps it. */
function firstChanges(n: number): string {
  return JSON.stringify({ added: n, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 });
}
