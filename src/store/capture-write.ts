import { hash as oneShotHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalMessage, MESSAGE_TAG } from '../core/canonical.js';
import { sha256Hex } from '../core/hash.js';
import { MerkleBuilder } from '../core/merkle.js';
import type { Coverage, Message, Source } from '../core/types.js';
import { isoToMillis, nowIso } from '../core/time.js';
import { appendEntry, putBlob } from './append.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from './records.js';

export interface NewCapture {
  /** An existing room, or what to create. */
  readonly room: { readonly id: string } | { readonly source: Source; readonly externalId: string | null; readonly title: string };
  readonly raw: Uint8Array;
  readonly format: string;
  readonly variant: string;
  readonly parserVersion: string;
  readonly tz: string;
  readonly coverageKind: Coverage['kind'];
  readonly messages: readonly Message[];
  /**
   * Where the source itself says the window ends, when that is later than the last message: an API
   * answer of "the latest N" covers everything up to the moment of the request, so a newest message
   * deleted before it is inside coverage (P6).
   */
  readonly coverageEnd?: string;
  /** Source facts worth keeping with the capture (e.g. Chatwork's message-limitation header). */
  readonly meta?: Record<string, unknown>;
  /**
   * Further original bytes this capture relies on (e.g. Chatwork's rooms list, files list and
   * downloaded files): stored in the same transaction and listed in the entry's `blobs`, which
   * `verify` checks (docs/hashing.md §4).
   */
  readonly extraBlobs?: readonly Uint8Array[];
}

export interface RecordedCapture {
  readonly room: RoomRecord;
  readonly roomCreated: boolean;
  readonly capture: CaptureRecord;
  readonly entry: EntryRecord;
  /**
   * The messages' hashes in capture order, 32 bytes each, as stored in `captures.message_hashes`:
   * with the input's messages they give the capture's view without reading it back (issue 8).
   */
  readonly messageHashes: Buffer;
}

/** `done` of `total` messages hashed and stored; called every few thousand messages. */
export type CaptureProgress = (phase: 'store', done: number, total: number) => void;

/** Often enough for a progress bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 8192;

export function newId(): string {
  return randomBytes(8).toString('hex');
}

/** Everything of a capture but its messages: what the write lock needs before the rows and after them. */
export type CaptureHead = Omit<NewCapture, 'messages'>;

/** What the messages give the capture: their hashes in order, the tree over them, the window they cover. */
export interface Written {
  readonly hashList: Buffer;
  readonly merkleRoot: string;
  readonly coverage: Coverage;
  readonly messageCount: number;
}

/**
 * Rows of the messages table, encoded once: each row is a 32-byte key and the exact UTF-8 bytes of
 * a canonical form, at `rows[3i]` (key), `rows[3i+1]` … `rows[3i+2]` (form) of `bytes`. A batch
 * owns its buffer, so it can be handed to another thread (src/store/capture-worker.ts).
 */
export interface RowBatch {
  readonly bytes: Uint8Array;
  readonly rows: Uint32Array;
}

/** Bytes per batch: a few thousand messages, small enough to keep several in flight. */
const BATCH_BYTES = 512 * 1024;

/** `<tag> <byte length>\0` of docs/hashing.md fits in front of any message: 19 + 1 + ≤ 16 digits + 1. */
const HEAD_ROOM = 40;

/** What the encoder learns of the capture from its messages, besides the rows. */
export interface Encoded {
  readonly coverage: Coverage;
  readonly messageCount: number;
}

/**
 * Turns messages into row batches, in order: canonical form, UTF-8, tagged hash (docs/hashing.md),
 * and on the way the window the capture covers. Each form is encoded once, behind room for its
 * tagged-hash head, so the same bytes are hashed (head and form) and stored (form alone). The hash
 * is made as a 32-character binary string (`latin1`): Node 20's `crypto.hash` takes a quarter of
 * the time for that than for a Buffer (issue 8).
 */
export class MessageEncoder {
  private readonly coverageKind: Coverage['kind'];
  private readonly coverageEnd: string | undefined;
  // Compared as instants, not strings: offsets differ across a DST change.
  private from: { iso: string; ms: number } | null = null;
  private to: { iso: string; ms: number } | null = null;
  private count = 0;
  private bytes = Buffer.allocUnsafe(BATCH_BYTES);
  /** Batch buffers written and given back, for the next batches. */
  private readonly spare: ArrayBuffer[] = [];
  private rows: number[] = [];
  private used = 0;

  constructor(
    input: Pick<NewCapture, 'coverageKind' | 'coverageEnd'>,
    private readonly onBatch: (batch: RowBatch) => void,
  ) {
    this.coverageKind = input.coverageKind;
    this.coverageEnd = input.coverageEnd;
  }

  add(m: Message): void {
    this.encode(canonicalMessage(m));
    this.count++;
    const ms = isoToMillis(m.sentAt);
    if (this.from === null || ms < this.from.ms) this.from = { iso: m.sentAt, ms };
    if (this.to === null || ms > this.to.ms) this.to = { iso: m.sentAt, ms };
  }

  /** Hands over the last rows. */
  finish(): Encoded {
    this.sendBatch();
    let to = this.to;
    if (this.coverageEnd !== undefined && (to === null || isoToMillis(this.coverageEnd) > to.ms)) to = { iso: this.coverageEnd, ms: isoToMillis(this.coverageEnd) };
    return { coverage: { kind: this.coverageKind, from: this.from?.iso ?? null, to: to?.iso ?? null }, messageCount: this.count };
  }

  private encode(json: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, so this much room can never truncate.
    const room = 32 + HEAD_ROOM + json.length * 3;
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
    target.write(oneShotHash('sha256', target.subarray(at - head.length, at + length), 'binary'), keyAt, 'latin1');
    this.rows.push(keyAt, at, at + length);
    this.used = at + length;
  }

  /**
   * A batch's buffer, once its rows are written, for a later batch. Without this a 200k-message
   * import left ~120 spent 512 KiB buffers for the garbage collector, a peak of up to 60 MB more
   * (issue 8); now a handful serve the whole capture.
   */
  recycle(buffer: ArrayBufferLike): void {
    if (buffer instanceof ArrayBuffer && buffer.byteLength === BATCH_BYTES) this.spare.push(buffer);
  }

  private sendBatch(): void {
    if (this.rows.length === 0) return;
    const batch: RowBatch = { bytes: this.bytes.subarray(0, this.used), rows: Uint32Array.from(this.rows) };
    // Another buffer for the next batch: this one is being written, here or in the writer thread.
    const spare = this.spare.pop();
    this.bytes = spare === undefined ? Buffer.allocUnsafe(BATCH_BYTES) : Buffer.from(spare);
    this.rows = [];
    this.used = 0;
    this.onBatch(batch);
  }
}

/**
 * Rows per INSERT statement. One statement per message spent a fifth of the insert time on
 * better-sqlite3's per-call work (bind, step, reset); 64 rows a statement cut 200k inserts from
 * 0.74 to 0.60 s of CPU (issue 8, docs/performance.md). A duplicate inside one statement is
 * ignored like one across statements.
 */
const ROWS_PER_INSERT = 64;

/**
 * Writes row batches, in order: inserts them (64 rows a statement, the rest one by one at the
 * end) and keeps the capture's hash list and Merkle tree over them.
 */
export class RowWriter {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly params: Uint8Array[] = [];
  private readonly hashList: Buffer;
  private readonly tree = new MerkleBuilder();
  private count = 0;

  constructor(sqlite: Database.Database, total: number) {
    this.many = sqlite.prepare(`INSERT OR IGNORE INTO messages (hash, canonical_json) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?)').join(', ')}`);
    this.one = sqlite.prepare('INSERT OR IGNORE INTO messages (hash, canonical_json) VALUES (?, ?)');
    this.hashList = Buffer.allocUnsafe(total * 32);
  }

  write(batch: RowBatch): void {
    const { bytes, rows } = batch;
    const listed = this.count * 32;
    for (let i = 0; i < rows.length; i += 3) {
      const key = bytes.subarray(rows[i]!, rows[i]! + 32);
      this.hashList.set(key, 32 * this.count++);
      // better-sqlite3 copies bound blobs, so views into the batch are enough.
      this.params.push(key, bytes.subarray(rows[i + 1]!, rows[i + 2]!));
      if (this.params.length === 2 * ROWS_PER_INSERT) {
        this.many.run(this.params);
        this.params.length = 0;
      }
    }
    // Rows left for the next statement are copied: the batch's buffer is reused once this returns.
    for (let i = 0; i < this.params.length; i++) this.params[i] = Buffer.from(this.params[i]!);
    this.tree.pushList(this.hashList.subarray(listed, this.count * 32));
  }

  finish(encoded: Encoded): Written {
    for (let i = 0; i < this.params.length; i += 2) this.one.run(this.params[i], this.params[i + 1]);
    this.params.length = 0;
    if (encoded.messageCount !== this.count) throw new Error(`${encoded.messageCount} messages were encoded but ${this.count} written`);
    return { ...encoded, hashList: this.hashList.subarray(0, this.count * 32), merkleRoot: this.tree.rootHex() };
  }
}

/** The extra blobs keyed by SHA-256 (a repeated blob is stored and listed once). */
export function extraBlobsBySha(input: CaptureHead): Map<string, Uint8Array> {
  return new Map((input.extraBlobs ?? []).map((b) => [sha256Hex(b), b]));
}

/** Under the write lock, before the rows: the original bytes and the room. */
export function beginCapture(sqlite: Database.Database, input: CaptureHead, rawSha256: string, extra: ReadonlyMap<string, Uint8Array>): { room: RoomRecord; created: boolean } {
  putBlob(sqlite, input.raw, rawSha256);
  for (const [sha, bytes] of extra) putBlob(sqlite, bytes, sha);
  return ensureRoom(sqlite, input.room);
}

/** Under the write lock, after the rows: the capture row and its log entry. */
export function finishCapture(
  sqlite: Database.Database,
  input: CaptureHead,
  begun: { room: RoomRecord; created: boolean },
  rawSha256: string,
  extraShas: readonly string[],
  p: Written,
): RecordedCapture {
  const { room } = begun;
  const capturedAt = nowIso();
  const capture: CaptureRecord = {
    id: newId(),
    roomId: room.id,
    entrySeq: 0,
    rawSha256,
    rawSize: input.raw.length,
    format: input.format,
    variant: input.variant,
    parserVersion: input.parserVersion,
    tz: input.tz,
    coverage: p.coverage,
    messageCount: p.messageCount,
    merkleRoot: p.merkleRoot,
    capturedAt,
  };
  const { entrySeq: _unknownYet, ...payloadCapture } = capture;
  // `blobs` only when there are extra bytes, so entries of plain imports keep their exact shape.
  const blobs = extraShas.length > 0 ? { blobs: [...extraShas] } : {};
  const entry = appendEntry(sqlite, 'capture', room.id, { capture: { ...payloadCapture, meta: input.meta ?? {} }, ...blobs }, capturedAt);
  sqlite
    .prepare(
      `INSERT INTO captures (id, room_id, entry_seq, blob_sha256, format, variant, parser_version, tz, coverage_kind,
         coverage_from, coverage_to, message_count, merkle_root, captured_at, message_hashes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(capture.id, room.id, entry.seq, rawSha256, input.format, input.variant, input.parserVersion, input.tz, p.coverage.kind,
      p.coverage.from, p.coverage.to, capture.messageCount, p.merkleRoot, capturedAt, p.hashList);
  return { room, roomCreated: begun.created, capture: { ...capture, entrySeq: entry.seq }, entry, messageHashes: p.hashList };
}

/**
 * One capture, whole or not at all (P8): blob, room, messages, capture row and its log entry, in
 * this thread. The messages are hashed and stored in one pass inside the transaction, each batch
 * of rows dropped once written: holding every canonical form first kept ~250 bytes per message
 * alive at once (issue 8). Large imports write through capture-thread.ts instead: the same steps,
 * with the inserts in a second thread.
 */
export function recordCapture(sqlite: Database.Database, input: NewCapture, progress?: CaptureProgress): RecordedCapture {
  // Hashed before the lock: the raw bytes and extra blobs are the big inputs, and need nothing stored.
  const rawSha256 = sha256Hex(input.raw);
  const extra = extraBlobsBySha(input);
  const run = sqlite.transaction((): RecordedCapture => {
    const begun = beginCapture(sqlite, input, rawSha256, extra);
    const n = input.messages.length;
    const writer = new RowWriter(sqlite, n);
    const encoder = new MessageEncoder(input, (batch) => {
      writer.write(batch);
      encoder.recycle(batch.bytes.buffer);
    });
    for (let i = 0; i < n; i++) {
      encoder.add(input.messages[i]!);
      if (progress && i % PROGRESS_EVERY === 0) progress('store', i, n);
    }
    const written = writer.finish(encoder.finish());
    progress?.('store', n, n);
    return finishCapture(sqlite, input, begun, rawSha256, [...extra.keys()], written);
  });
  return run.immediate();
}

function ensureRoom(sqlite: Database.Database, spec: NewCapture['room']): { room: RoomRecord; created: boolean } {
  if ('id' in spec) {
    const row = sqlite.prepare('SELECT id, source, external_id AS externalId, title, created_seq AS createdSeq FROM rooms WHERE id = ?').get(spec.id) as RoomRecord | undefined;
    if (!row) throw new Error(`room ${spec.id} vanished while importing`);
    return { room: row, created: false };
  }
  // Looked up under the write lock, so two imports of one new room at once make one room, not two.
  const existing = (
    spec.externalId !== null
      ? sqlite.prepare('SELECT id, source, external_id AS externalId, title, created_seq AS createdSeq FROM rooms WHERE source = ? AND external_id = ? ORDER BY created_seq LIMIT 1').get(spec.source, spec.externalId)
      : sqlite.prepare('SELECT id, source, external_id AS externalId, title, created_seq AS createdSeq FROM rooms WHERE source = ? AND title = ? ORDER BY created_seq LIMIT 1').get(spec.source, spec.title)
  ) as RoomRecord | undefined;
  if (existing) return { room: existing, created: false };
  return { room: createRoom(sqlite, spec), created: true };
}

export function createRoom(sqlite: Database.Database, spec: { source: Source; externalId: string | null; title: string }): RoomRecord {
  const id = newId();
  const entry = appendEntry(sqlite, 'room', id, { room: { id, source: spec.source, externalId: spec.externalId, title: spec.title } });
  sqlite.prepare('INSERT INTO rooms (id, source, external_id, title, created_seq) VALUES (?, ?, ?, ?, ?)').run(id, spec.source, spec.externalId, spec.title, entry.seq);
  return { id, source: spec.source, externalId: spec.externalId, title: spec.title, createdSeq: entry.seq };
}
