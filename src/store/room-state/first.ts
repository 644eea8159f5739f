/**
 * A new room's kept state, written by the capture that makes the room, in the same transaction and
 * the same pass as its message rows (issue 21: the archive after capture #1 holds the state, so a
 * daily re-export adds only what is new). The state of one capture is every message of it, first
 * seen there, in time order: what `stepArchiveView` makes of it from an empty view, which `verify`
 * recomputes and compares (src/store/verify-state.ts). Nothing is folded: each row needs only the
 * message's hash, its status at a first sighting and its sending time, which the encoder gives
 * with every batch (message-rows.ts `FirstSighting`). Rows go out as the batches come, in capture
 * order; only a capture not in time order (rare: the source's order is time order) has them read
 * back and written again at the end, in the order the change core gives it. No hash is held; a
 * row names its message by rowid (tables.ts), looked up by hash as it is written.
 */
import type Database from 'better-sqlite3';
import type { ChangeCounts } from '../../core/diff/types.js';
import type { FirstSighting, InsertedRows } from '../message-rows.js';
import { STATUSES } from './statuses.js';
import { ensureStateTables, roomKey, ROWID_OF, SCHEMA_NOW, T } from './tables.js';

/** As room-state/update.ts numbers rows afresh: room for many insertions between neighbours. */
const ORD_STEP = 1024;

/** Rows per INSERT statement, as the message rows are written (message-rows.ts). */
const ROWS_PER_INSERT = 64;

export class FirstStateWriter {
  private readonly key: number;
  /** Rows naming their message by hash, as the batches come, and by rowid, when written again in time order. */
  private readonly byHash: Inserts;
  private readonly byRowid: Inserts;
  private readonly params: (number | Buffer)[] = [];
  /** The rowid each message row got, in capture order, from `inserted` until its state row is written; 0 where not known. */
  private readonly rowids: number[] = [];
  private taken = 0;
  /** Set once rows came before their messages' rowids: from then on each is named by a lookup, never by a rowid that may be another's. */
  private unaligned = false;
  /** Each message's time as the change core orders by (an unreadable one takes the time before it), and its status. */
  private readonly times: Float64Array;
  private readonly status: Uint8Array;
  private count = 0;
  private inOrder = true;
  private previous = Number.NEGATIVE_INFINITY;

  /** Under the capture's write lock, once its room is made; `total` bounds the capture's messages. */
  constructor(
    private readonly sqlite: Database.Database,
    roomId: string,
    total: number,
  ) {
    ensureStateTables(sqlite);
    this.key = roomKey(sqlite, roomId);
    // The key is an integer SQLite gave: written into the statement, only the row's own values are bound.
    const inserts = (msg: string): Inserts => {
      const row = `(${this.key}, ?, ${msg}, NULL, ?, 0, NULL, NULL, NULL)`;
      const insert = `INSERT INTO ${T.messages} (room, ord, msg, cur, status, first, last, as_of, history) VALUES `;
      return { many: sqlite.prepare(insert + Array(ROWS_PER_INSERT).fill(row).join(', ')), one: sqlite.prepare(insert + row) };
    };
    this.byHash = inserts(ROWID_OF);
    this.byRowid = inserts('?');
    this.times = new Float64Array(total);
    this.status = new Uint8Array(total);
  }

  /**
   * One batch of the capture's messages, in capture order: `keyAt(r)` is where row r's 32-byte
   * hash starts in `bytes`. The batch's message rows are written first (capture-write.ts
   * CaptureRows), 64 a statement as these are, so each row's message is there to be named by rowid.
   */
  write(bytes: Uint8Array, keyAt: (r: number) => number, sighting: FirstSighting): void {
    const { instants, status } = sighting;
    for (let r = 0; r < status.length; r++) {
      const at = instants[r]!;
      const t = Number.isNaN(at) ? this.previous : at;
      const i = this.count++;
      this.times[i] = t;
      this.status[i] = status[r]!;
      if (t < this.previous) this.inOrder = false;
      this.previous = t;
      this.add(this.byHash, i, Buffer.from(bytes.buffer, bytes.byteOffset + keyAt(r), 32), status[r]!);
    }
    // Views left for the next statement are copied: the batch's buffer is reused once this returns.
    for (let p = 1; p < this.params.length; p += 3) this.params[p] = Buffer.from(this.params[p] as Buffer);
  }

  /**
   * Told of each statement of the capture's message rows (message-rows.ts RowWriter): when every
   * row of it was new, their rowids are known and the state rows name them without a lookup (a
   * lookup a row cost the 100k import ~6 % more CPU, docs/performance.md); a message stored before
   * is looked up by hash.
   */
  readonly inserted: InsertedRows = (rows, changes, lastRowid) => {
    for (let i = rows - 1; i >= 0; i--) this.rowids.push(changes === rows ? lastRowid - i : 0);
  };

  /** After the last batch (and the message rows' last statement), with the capture's id. */
  finish(captureId: string): void {
    this.flush(this.byHash);
    if (!this.inOrder) {
      // The messages as written, in capture order (held only here, for the rare capture that needs it).
      const rowids = Float64Array.from(this.sqlite.prepare(`SELECT msg FROM ${T.messages} WHERE room = ? ORDER BY ord`).pluck().all(this.key) as number[]);
      this.sqlite.prepare(`DELETE FROM ${T.messages} WHERE room = ?`).run(this.key);
      const times = this.times;
      // A stable sort by time, as the change core's (core/diff/view.ts inTimeOrder).
      const order = Array.from({ length: this.count }, (_, i) => i).sort((x, y) => times[x]! - times[y]! || x - y);
      order.forEach((i, place) => this.add(this.byRowid, place, rowids[i]!, this.status[i]!));
      this.flush(this.byRowid);
    }
    const changes: ChangeCounts = { added: this.count, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 };
    this.sqlite.prepare(`INSERT INTO ${T.captures} (room, n, capture_id, changes) VALUES (?, 0, ?, ?)`).run(this.key, captureId, JSON.stringify(changes));
    const counts = { present: 0, edited: 0, deleted: 0, unsent: 0 };
    for (let i = 0; i < this.count; i++) counts[STATUSES[this.status[i]!]!]++;
    this.sqlite.prepare(`UPDATE ${T.rooms} SET messages = ?, counts = ?, schema = ${SCHEMA_NOW} WHERE k = ?`).run(this.count, JSON.stringify(counts), this.key);
  }

  private flush(to: Inserts): void {
    for (let p = 0; p < this.params.length; p += 3) this.run(to, this.params.slice(p, p + 3), true);
    this.params.length = 0;
  }

  /** One statement's rows; while rows come in capture order, each named by the rowid its message got where that is known. */
  private run(to: Inserts, params: (number | Buffer)[], one: boolean): void {
    if (to === this.byHash && !this.unaligned) {
      const n = params.length / 3;
      const rowids = this.rowids.slice(this.taken, this.taken + n);
      // Messages are stored before their state rows (capture-write.ts), so this does not happen;
      // if it ever did, every later rowid would fall on the wrong row.
      if (rowids.length < n) this.unaligned = true;
      this.taken += n;
      if (this.taken >= 4096) {
        this.rowids.splice(0, this.taken);
        this.taken = 0;
      }
      if (!this.unaligned && rowids.every((r) => r > 0)) {
        rowids.forEach((r, i) => (params[3 * i + 1] = r));
        to = this.byRowid;
      }
    }
    (one ? to.one : to.many).run(params);
  }

  /** The row at `place`: in capture order as the batches come, in time order when written again. */
  private add(to: Inserts, place: number, message: Buffer | number, status: number): void {
    this.params.push((place + 1) * ORD_STEP, message, status);
    if (this.params.length === 3 * ROWS_PER_INSERT) {
      this.run(to, this.params, false);
      this.params.length = 0;
    }
  }
}

/** A statement of ROWS_PER_INSERT rows, and one of one row for the rest. */
interface Inserts {
  readonly many: Database.Statement;
  readonly one: Database.Statement;
}
