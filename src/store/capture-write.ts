import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sha256Hex } from '../core/hash.js';
import { messageBound, type CaptureMessages, type Coverage, type Source } from '../core/types.js';
import { nowIso } from '../core/time.js';
import { appendEntry, putBlob } from './append.js';
import { ListWriter, putList } from './lists/hash-lists.js';
import { MessageEncoder, ROW, RowWriter, type Encoded, type RowBatch, type Written } from './message-rows.js';
import { FirstStateWriter } from './room-state/first.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from './records.js';
import { capturePayload, type CaptureFacts } from '../core/entries/capture.js';
import { withAsOf } from './captures-read.js';
import { roomPayload } from '../core/entries/room.js';
import { ROOM_COLUMNS } from './rows.js';

export interface NewCapture {
  /** An existing room, or what to create. */
  readonly room: { readonly id: string } | { readonly source: Source; readonly externalId: string | null; readonly title: string };
  readonly raw: Uint8Array;
  readonly format: string;
  readonly variant: string;
  readonly parserVersion: string;
  readonly tz: string;
  readonly coverageKind: Coverage['kind'];
  readonly messages: CaptureMessages;
  /**
   * Where the source itself says the window ends, when that is later than the last message: an API
   * answer of "the latest N" covers everything up to the moment of the request, so a newest message
   * deleted before it is inside coverage (docs/design/evidence-model.md P6).
   */
  readonly coverageEnd?: string;
  /**
   * When the source says it was saved, where it says so without a guess (LINE's 保存日時, Chatwork's
   * server `Date`): stated in the entry, it places the capture in the room's history (captureAsOf).
   */
  readonly sourceSavedAt?: string;
  /** The capture whose original this one reads again (`reparse`). */
  readonly reparseOf?: string;
  /**
   * Source facts worth keeping with the capture (e.g. Chatwork's message-limitation header); a
   * function when they depend on messages made while they are stored (a streamed parse's warnings).
   */
  readonly meta?: Meta | (() => Meta);
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
   * The messages' hashes in capture order, 32 bytes each, as stored in pieces (lists/hash-lists.ts):
   * with the input's messages they give the capture's view without reading it back (docs/performance.md).
   * Null for the capture that made its room: there is nothing to compare it with, and its list was
   * stored as it was written instead of held (`readList` reads it).
   */
  readonly messageHashes: Buffer | null;
}

/** `done` of `total` messages hashed and stored; called every few thousand messages. */
export type CaptureProgress = (phase: 'store', done: number, total: number) => void;

/** Often enough for a progress bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 8192;

function newId(): string {
  return randomBytes(8).toString('hex');
}

export type Meta = Record<string, unknown>;

/** Everything of a capture but its messages and meta: what the write lock needs before the rows and after them. */
export type CaptureHead = Omit<NewCapture, 'messages' | 'meta'>;

/** The capture's meta, once its messages are stored. */
export function metaOf(input: Pick<NewCapture, 'meta'>): Meta {
  return typeof input.meta === 'function' ? input.meta() : (input.meta ?? {});
}

/** The extra blobs keyed by SHA-256 (a repeated blob is stored and listed once). */
export function extraBlobsBySha(input: CaptureHead): Map<string, Uint8Array> {
  return new Map((input.extraBlobs ?? []).map((b) => [sha256Hex(b), b]));
}

/**
 * Under the write lock, before the rows: the original bytes and the room. `rawSha256` null: the
 * original is stored after the rows instead, made ready by another thread (blobs/prepared.ts).
 */
export function beginCapture(
  sqlite: Database.Database,
  input: CaptureHead,
  rawSha256: string | null,
  extra: ReadonlyMap<string, Uint8Array>,
): { room: RoomRecord; created: boolean } {
  if (rawSha256 !== null) putBlob(sqlite, input.raw, rawSha256);
  for (const [sha, bytes] of extra) putBlob(sqlite, bytes, sha);
  return ensureRoom(sqlite, input.room);
}

/**
 * What takes the rows of a capture under the write lock: the messages table, and, for a capture
 * that makes its room, the room's kept state (room-state/first.ts), so the archive holds it from
 * capture #1 on and a kill leaves the capture and its state both or neither.
 */
export class CaptureRows {
  private readonly rows: RowWriter;
  private readonly list: ListWriter | null;
  private readonly state: FirstStateWriter | null;

  /**
   * A capture into a known room keeps its hash list whole: the comparison with the room's state
   * reads the capture by it (app/changes.ts). A new room's has nothing to compare with: its list
   * is stored as the rows come (lists/hash-lists.ts ListWriter), and not held (32 MB at 1M).
   */
  constructor(sqlite: Database.Database, begun: { room: RoomRecord; created: boolean }, total: number) {
    const list = begun.created ? new ListWriter(sqlite) : null;
    this.list = list;
    const state = begun.created ? new FirstStateWriter(sqlite, begun.room.id, total) : null;
    this.state = state;
    this.rows = new RowWriter(sqlite, total, list === null ? null : (key) => list.push(key), state?.inserted ?? null);
  }

  write(batch: RowBatch): void {
    this.rows.write(batch);
    const { rows } = batch;
    this.state?.write(batch.bytes, (r) => rows[r * ROW]!, batch.sighting);
  }

  finish(encoded: Encoded): CaptureWritten {
    return { ...this.rows.finish(encoded), list: this.list, state: this.state };
  }
}

/** What the rows gave the capture, with what still has to be finished once its id is known. */
export type CaptureWritten = Written & { readonly list: ListWriter | null; readonly state: FirstStateWriter | null };

/** Under the write lock, after the rows: the capture row and its log entry (and a new room's state). */
export function finishCapture(
  sqlite: Database.Database,
  input: CaptureHead,
  meta: Meta,
  begun: { room: RoomRecord; created: boolean },
  rawSha256: string,
  extraShas: readonly string[],
  p: CaptureWritten,
): RecordedCapture {
  const { room } = begun;
  const capturedAt = nowIso();
  const facts: CaptureFacts = {
    id: newId(),
    roomId: room.id,
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
    // Only when there is one: entries without it keep the shape (and hash) they always had.
    ...(input.sourceSavedAt === undefined ? {} : { sourceSavedAt: input.sourceSavedAt }),
    ...(input.reparseOf === undefined ? {} : { reparseOf: input.reparseOf }),
  };
  const entry = appendEntry(sqlite, 'capture', room.id, capturePayload(facts, meta, extraShas), capturedAt);
  const capture = withAsOf(sqlite, { ...facts, entrySeq: entry.seq });
  sqlite
    .prepare(
      `INSERT INTO captures (id, room_id, entry_seq, blob_sha256, format, variant, parser_version, tz, coverage_kind,
         coverage_from, coverage_to, message_count, merkle_root, captured_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      capture.id,
      room.id,
      entry.seq,
      rawSha256,
      input.format,
      input.variant,
      input.parserVersion,
      input.tz,
      p.coverage.kind,
      p.coverage.from,
      p.coverage.to,
      capture.messageCount,
      p.merkleRoot,
      capturedAt,
    );
  if (p.list !== null) p.list.finish(capture.id);
  else putList(sqlite, capture.id, p.hashList!);
  p.state?.finish(capture.id);
  return { room, roomCreated: begun.created, capture, entry, messageHashes: p.hashList };
}

/**
 * One capture, whole or not at all (docs/design/evidence-model.md P8): blob, room, messages, capture row and its log entry, in
 * this thread. The messages are hashed and stored in one pass inside the transaction, each batch
 * of rows dropped once written: holding every canonical form first kept ~250 bytes per message
 * alive at once (docs/performance.md). Large imports write through capture-thread.ts instead: the same steps,
 * with the inserts in a second thread.
 */
export function recordCapture(sqlite: Database.Database, input: NewCapture, progress?: CaptureProgress): RecordedCapture {
  // Hashed before the lock: the raw bytes and extra blobs are the big inputs, and need nothing stored.
  const rawSha256 = sha256Hex(input.raw);
  const extra = extraBlobsBySha(input);
  const run = sqlite.transaction((): RecordedCapture => {
    const begun = beginCapture(sqlite, input, rawSha256, extra);
    const n = messageBound(input.messages);
    const writer = new CaptureRows(sqlite, begun, n);
    const encoder = new MessageEncoder(input, (batch) => {
      writer.write(batch);
      encoder.recycle(batch.bytes.buffer);
    });
    let i = 0;
    for (const m of input.messages) {
      encoder.add(m);
      if (progress && i % PROGRESS_EVERY === 0) progress('store', i, n);
      i++;
    }
    const written = writer.finish(encoder.finish());
    progress?.('store', n, n);
    return finishCapture(sqlite, input, metaOf(input), begun, rawSha256, [...extra.keys()], written);
  });
  return run.immediate();
}

function ensureRoom(sqlite: Database.Database, spec: NewCapture['room']): { room: RoomRecord; created: boolean } {
  if ('id' in spec) {
    const row = sqlite.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`).get(spec.id) as RoomRecord | undefined;
    if (!row) throw new Error(`room ${spec.id} vanished while importing`);
    return { room: row, created: false };
  }
  // Looked up under the write lock, so two imports of one new room at once make one room, not two.
  const existing = (
    spec.externalId !== null
      ? sqlite.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE source = ? AND external_id = ? ORDER BY created_seq LIMIT 1`).get(spec.source, spec.externalId)
      : sqlite.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE source = ? AND title = ? ORDER BY created_seq LIMIT 1`).get(spec.source, spec.title)
  ) as RoomRecord | undefined;
  if (existing) return { room: existing, created: false };
  return { room: createRoom(sqlite, spec), created: true };
}

function createRoom(sqlite: Database.Database, spec: { source: Source; externalId: string | null; title: string }): RoomRecord {
  const id = newId();
  const entry = appendEntry(sqlite, 'room', id, roomPayload({ id, source: spec.source, externalId: spec.externalId, title: spec.title }));
  sqlite
    .prepare('INSERT INTO rooms (id, source, external_id, title, created_seq) VALUES (?, ?, ?, ?, ?)')
    .run(id, spec.source, spec.externalId, spec.title, entry.seq);
  return { id, source: spec.source, externalId: spec.externalId, title: spec.title, createdSeq: entry.seq };
}
