/**
 * The rows of the messages table, from messages to SQLite: MessageEncoder turns messages into
 * batches of rows (a 32-byte key and the message's fields in their stored form, message-forms.ts)
 * and keeps the capture's Merkle tree over the keys, RowWriter inserts them and keeps the capture's
 * hash list. The two meet in one thread (recordCapture, capture-write.ts) or in
 * two (capture-thread.ts, capture-worker.ts).
 */
import type Database from 'better-sqlite3';
import { hash as oneShotHash } from 'node:crypto';
import { canonicalMessage, MESSAGE_TAG } from '../core/canonical.js';
import { MerkleBuilder } from '../core/merkle.js';
import type { Coverage, Message } from '../core/types.js';
import { CoverageSpan } from '../core/entries/coverage.js';
import { instantOf } from '../core/diff/instant.js';
import { compactParts, FORM_COLUMNS, FORM_WIDTH, instantOfPacked, KIND_VALUES, pushForm, type FormValue } from './message-forms.js';
import { firstStatus } from './room-state/statuses.js';

/** What the messages give the capture: their hashes in order, the tree over them, the window they cover. */
export interface Written {
  /** The hashes in order, 32 bytes each; null when the writer was asked not to hold them (a new room's capture). */
  readonly hashList: Buffer | null;
  readonly merkleRoot: string;
  readonly coverage: Coverage;
  readonly messageCount: number;
}

/**
 * Rows of the messages table, encoded once. Row i is ROW numbers of `rows` from ROW*i: where in
 * `bytes` its 32-byte key is, then the start and end of the exact UTF-8 bytes of its canonical
 * form that were hashed, then those of its text fields as stored (sender, senderId, body,
 * externalId; a start of NONE for null); and 3 numbers of `numbers` from 3*i: its kind's number
 * and its packed times (NaN for no edit time), message-forms.ts. A row whose fields do not pack so
 * (kind -1) has its column values in `fallback`, by i. A batch owns its buffers, so they can be
 * handed to another thread (src/store/capture-worker.ts).
 */
export interface RowBatch {
  readonly bytes: Uint8Array;
  readonly rows: Uint32Array;
  readonly numbers: Float64Array;
  readonly fallback: Map<number, FormValue[]> | null;
  /**
   * What a new room's kept state needs of each row (room-state/first.ts): its status at a first
   * sighting (the index in room-state/rows.ts STATUSES) and its sending time as the change core
   * orders by (`instantOf`, NaN where it cannot be read).
   */
  readonly sighting: FirstSighting;
}

export interface FirstSighting {
  readonly status: Uint8Array;
  readonly instants: Float64Array;
}

export const ROW = 11;
const NONE = 0xffffffff;

/** Bytes per batch: a few thousand messages, small enough to keep several in flight. */
const BATCH_BYTES = 512 * 1024;

/** `<tag> <byte length>\0` of docs/hashing.md fits in front of any message: 19 + 1 + ≤ 16 digits + 1. */
const HEAD_ROOM = 40;

/** A fallback row has no text fields of its own in the batch (its values are in `fallback`). */
const NO_FIELDS: readonly (string | null)[] = [null, null, null, null];

/** What the encoder learns of the capture from its messages, besides the rows. */
export interface Encoded {
  readonly coverage: Coverage;
  readonly messageCount: number;
  /**
   * The Merkle root over the keys, worked out where they are made: a large capture's writer
   * thread sets the pace of the import (capture-thread.ts), and the tree was ~10 % of its work.
   */
  readonly merkleRoot: string;
}

/**
 * Turns messages into row batches, in order: canonical form, UTF-8, tagged hash (docs/hashing.md),
 * and on the way the Merkle tree over the hashes and the window the capture covers. Each form is encoded once, behind room for its
 * tagged-hash head, so the same bytes are hashed (head and form) and stored (form alone). The hash
 * is made as a 32-character binary string (`latin1`): Node 20's `crypto.hash` takes a quarter of
 * the time for that than for a Buffer (docs/performance.md).
 */
export class MessageEncoder {
  private readonly coverageKind: Coverage['kind'];
  private readonly coverageEnd: string | undefined;
  /** The same rule `verify` derives the window again with (src/core/entries/coverage.ts). */
  private readonly span = new CoverageSpan();
  private readonly tree = new MerkleBuilder();
  private count = 0;
  private bytes = Buffer.allocUnsafe(BATCH_BYTES);
  /** Batch buffers written and given back, for the next batches. */
  private readonly spare: ArrayBuffer[] = [];
  private rows: number[] = [];
  private numbers: number[] = [];
  private status: number[] = [];
  private instants: number[] = [];
  private fallback: Map<number, FormValue[]> | null = null;
  private used = 0;

  constructor(
    input: { readonly coverageKind: Coverage['kind']; readonly coverageEnd?: string | undefined },
    private readonly onBatch: (batch: RowBatch) => void,
  ) {
    this.coverageKind = input.coverageKind;
    this.coverageEnd = input.coverageEnd;
  }

  add(m: Message): void {
    const json = canonicalMessage(m);
    const parts = compactParts(m);
    this.encode(json, parts === null ? null : m);
    if (parts !== null) this.numbers.push(parts.kind, parts.sentAt, parts.editedAt ?? NaN);
    else {
      const values: FormValue[] = [];
      pushForm(m, json, values);
      (this.fallback ??= new Map()).set(this.numbers.length / 3, values);
      this.numbers.push(-1, NaN, NaN);
    }
    this.status.push(firstStatus(m));
    this.instants.push(parts !== null ? instantOfPacked(parts.sentAt) : instantOf(m.sentAt));
    this.count++;
    this.span.add(m.sentAt);
  }

  /** Hands over the last rows. */
  finish(): Encoded {
    this.sendBatch();
    return { coverage: { kind: this.coverageKind, ...this.span.window(this.coverageEnd) }, messageCount: this.count, merkleRoot: this.tree.rootHex() };
  }

  /** The form, its key, and (for a compact row, `fields`) the text fields' bytes after the form. */
  private encode(json: string, fields: Message | null): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, and the text fields are shorter than the
    // form that quotes them, so this much room can never truncate.
    const room = 32 + HEAD_ROOM + json.length * 6;
    if (this.used + room > this.bytes.length) {
      this.sendBatch();
      if (room > this.bytes.length) this.bytes = Buffer.allocUnsafe(room);
    }
    const target = this.bytes;
    const keyAt = this.used;
    const at = keyAt + 32 + HEAD_ROOM;
    const length = target.write(json, at, 'utf8');
    const head = `${MESSAGE_TAG} ${length}\0`;
    target.write(head, at - head.length, 'latin1');
    const key = oneShotHash('sha256', target.subarray(at - head.length, at + length), 'binary');
    target.write(key, keyAt, 'latin1');
    this.tree.pushBinary(key);
    this.rows.push(keyAt, at, at + length);
    let end = at + length;
    for (const text of fields === null ? NO_FIELDS : [fields.sender, fields.senderId, fields.body, fields.externalId]) {
      if (text === null) this.rows.push(NONE, NONE);
      else {
        const start = end;
        end += target.write(text, start, 'utf8');
        this.rows.push(start, end);
      }
    }
    this.used = end;
  }

  /**
   * A batch's buffer, once its rows are written, for a later batch. Without this a 200k-message
   * import left ~120 spent 512 KiB buffers for the garbage collector, a peak of up to 60 MB more
   * (docs/performance.md); now a handful serve the whole capture.
   */
  recycle(buffer: ArrayBufferLike): void {
    if (buffer instanceof ArrayBuffer && buffer.byteLength === BATCH_BYTES) this.spare.push(buffer);
  }

  private sendBatch(): void {
    if (this.rows.length === 0) return;
    const batch: RowBatch = {
      bytes: this.bytes.subarray(0, this.used),
      rows: Uint32Array.from(this.rows),
      numbers: Float64Array.from(this.numbers),
      fallback: this.fallback,
      sighting: { status: Uint8Array.from(this.status), instants: Float64Array.from(this.instants) },
    };
    // Another buffer for the next batch: this one is being written, here or in the writer thread.
    const spare = this.spare.pop();
    this.bytes = spare === undefined ? Buffer.allocUnsafe(BATCH_BYTES) : Buffer.from(spare);
    this.rows = [];
    this.numbers = [];
    this.status = [];
    this.instants = [];
    this.fallback = null;
    this.used = 0;
    this.onBatch(batch);
  }
}

/** better-sqlite3 binds a Buffer, not a bare Uint8Array (what a Buffer becomes on its way to the writer thread). */
function bindable(v: FormValue): FormValue {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}

/**
 * Rows per INSERT statement. One statement per message spent a fifth of the insert time on
 * better-sqlite3's per-call work (bind, step, reset); 64 rows a statement cut 200k inserts from
 * 0.74 to 0.60 s of CPU (docs/performance.md). A duplicate inside one statement is
 * ignored like one across statements.
 */
const ROWS_PER_INSERT = 64;

/**
 * Told after each statement, in order: how many rows it wrote (`rows`), how many of them were new
 * (`changes`; a message already stored is not inserted again) and the rowid of the last one new.
 * When all were new their rowids run up to `lastRowid` (a new row takes the largest rowid + 1).
 */
export type InsertedRows = (rows: number, changes: number, lastRowid: number) => void;

/**
 * Writes row batches, in order: inserts them (64 rows a statement, the rest one by one at the
 * end) and keeps the capture's hash list unless `keys` takes each
 * hash instead (a 1M-message list is 32 MB: a new room's capture stores its list as it goes and
 * holds none, capture-write.ts).
 */
export class RowWriter {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly params: (FormValue | Buffer)[] = [];
  private readonly hashList: Buffer | null;
  private count = 0;

  constructor(
    sqlite: Database.Database,
    total: number,
    private readonly keys: ((key: Uint8Array) => void) | null = null,
    private readonly inserted: InsertedRows | null = null,
  ) {
    const row = `(${Array(1 + FORM_WIDTH)
      .fill('?')
      .join(', ')})`;
    this.many = sqlite.prepare(`INSERT OR IGNORE INTO messages (hash, ${FORM_COLUMNS}) VALUES ${Array(ROWS_PER_INSERT).fill(row).join(', ')}`);
    this.one = sqlite.prepare(`INSERT OR IGNORE INTO messages (hash, ${FORM_COLUMNS}) VALUES ${row}`);
    this.hashList = keys === null ? Buffer.allocUnsafe(total * 32) : null;
  }

  write(batch: RowBatch): void {
    const { bytes, rows, numbers, fallback } = batch;
    const width = 1 + FORM_WIDTH;
    const text = (at: number): Buffer | null => (rows[at] === NONE ? null : (bytes as Buffer).subarray(rows[at]!, rows[at + 1]!));
    for (let i = 0, r = 0; i < rows.length; i += ROW, r++) {
      const key = bytes.subarray(rows[i]!, rows[i]! + 32);
      if (this.hashList !== null) this.hashList.set(key, 32 * this.count);
      else this.keys!(key);
      this.count++;
      // better-sqlite3 copies bound blobs, so views into the batch are enough.
      const kind = numbers[3 * r]!;
      if (kind < 0) this.params.push(key, ...fallback!.get(r)!.map(bindable));
      else {
        const edited = numbers[3 * r + 2]!;
        this.params.push(key, KIND_VALUES[kind]!, text(i + 3), text(i + 5), BigInt(numbers[3 * r + 1]!), text(i + 7), text(i + 9));
        this.params.push(Number.isNaN(edited) ? null : BigInt(edited), null);
      }
      if (this.params.length === width * ROWS_PER_INSERT) {
        this.ran(ROWS_PER_INSERT, this.many.run(this.params));
        this.params.length = 0;
      }
    }
    // Views left for the next statement are copied: the batch's buffer is reused once this returns.
    for (let i = 0; i < this.params.length; i++) {
      const v = this.params[i];
      if (v instanceof Uint8Array && v.buffer === bytes.buffer) this.params[i] = Buffer.from(v);
    }
  }

  private ran(rows: number, result: Database.RunResult): void {
    this.inserted?.(rows, result.changes, Number(result.lastInsertRowid));
  }

  finish(encoded: Encoded): Written {
    const width = 1 + FORM_WIDTH;
    for (let i = 0; i < this.params.length; i += width) this.ran(1, this.one.run(this.params.slice(i, i + width)));
    this.params.length = 0;
    if (encoded.messageCount !== this.count) throw new Error(`${encoded.messageCount} messages were encoded but ${this.count} written`);
    return { ...encoded, hashList: this.hashList?.subarray(0, this.count * 32) ?? null };
  }
}
