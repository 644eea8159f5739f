import { hash as oneShotHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalMessage } from '../core/canonical.js';
import { sha256Hex } from '../core/hash.js';
import { MESSAGE_TAG } from '../core/canonical.js';
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
const PROGRESS_EVERY = 8192;

export function newId(): string {
  return randomBytes(8).toString('hex');
}

interface Written {
  readonly hashList: Buffer;
  readonly merkleRoot: string;
  readonly coverage: Coverage;
}

/**
 * Hashes and stores the messages in one pass, inside the capture's transaction: each canonical
 * form is dropped as soon as its row is written. Holding them all first (to hash before taking
 * the write lock) kept ~250 bytes per message alive at once, 50 MB for a 200k export (issue 8,
 * docs/performance.md); the cost is a longer write lock (hashing now happens under it, ~1 µs a
 * message), still far inside the 10 s other writers wait for it.
 */
function writeMessages(sqlite: Database.Database, input: NewCapture, progress?: CaptureProgress): Written {
  const n = input.messages.length;
  const hashList = Buffer.allocUnsafe(n * 32);
  const tree = new MerkleBuilder();
  const rows = new MessageRows(sqlite);
  // Compared as instants, not strings: offsets differ across a DST change.
  let from: { iso: string; ms: number } | null = null;
  let to: { iso: string; ms: number } | null = null;
  for (let i = 0; i < n; i++) {
    const m = input.messages[i]!;
    const hash = rows.add(canonicalMessage(m));
    hashList.write(hash, i * 32, 'latin1');
    tree.pushBinary(hash);
    const ms = isoToMillis(m.sentAt);
    if (from === null || ms < from.ms) from = { iso: m.sentAt, ms };
    if (to === null || ms > to.ms) to = { iso: m.sentAt, ms };
    if (progress && i % PROGRESS_EVERY === 0) progress('store', i, n);
  }
  rows.flush();
  progress?.('store', n, n);
  if (input.coverageEnd !== undefined && (to === null || isoToMillis(input.coverageEnd) > to.ms)) to = { iso: input.coverageEnd, ms: isoToMillis(input.coverageEnd) };
  return { hashList, merkleRoot: tree.rootHex(), coverage: { kind: input.coverageKind, from: from?.iso ?? null, to: to?.iso ?? null } };
}

/**
 * Rows per INSERT statement. One statement per message spent a fifth of the insert time on
 * better-sqlite3's per-call work (bind, step, reset); 64 rows a statement cut 200k inserts from
 * 0.74 to 0.60 s of CPU (issue 8, docs/performance.md). A duplicate inside one statement is
 * ignored like one across statements.
 */
const ROWS_PER_INSERT = 64;

/** `<tag> <byte length>\0` of docs/hashing.md fits in front of any message: 19 + 1 + ≤ 16 digits + 1. */
const HEAD_ROOM = 40;

/**
 * Encodes each canonical form to UTF-8 once, behind room for its tagged-hash head: the same bytes
 * are hashed (head and form) and stored (form alone), and the hash is stored as its 32 bytes.
 * The keys and forms of one statement sit side by side in one buffer, bound as views;
 * better-sqlite3 copies bound blobs, so the buffer is reused for the next statement.
 */
export class MessageRows {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly params: Buffer[] = [];
  private readonly batch = Buffer.allocUnsafe(256 * 1024);
  private used = 0;

  constructor(sqlite: Database.Database) {
    this.many = sqlite.prepare(`INSERT OR IGNORE INTO messages (hash, canonical_json) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?)').join(', ')}`);
    this.one = sqlite.prepare('INSERT OR IGNORE INTO messages (hash, canonical_json) VALUES (?, ?)');
  }

  /**
   * Queues the row of one canonical form; returns its message hash as a 32-character binary
   * string (`latin1`): Node 20's `crypto.hash` takes a quarter of the time for that than for a Buffer.
   */
  add(json: string): string {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes, so this much room can never truncate.
    const room = 32 + HEAD_ROOM + json.length * 3;
    const shared = this.used + room <= this.batch.length;
    const target = shared ? this.batch : Buffer.allocUnsafe(room);
    const keyAt = shared ? this.used : 0;
    const at = keyAt + 32 + HEAD_ROOM;
    const length = target.write(json, at, 'utf8');
    const head = `${MESSAGE_TAG} ${length}\0`;
    target.write(head, at - head.length, 'latin1');
    const hash = oneShotHash('sha256', target.subarray(at - head.length, at + length), 'binary');
    target.write(hash, keyAt, 'latin1');
    if (shared) this.used = at + length;
    this.params.push(target.subarray(keyAt, keyAt + 32), target.subarray(at, at + length));
    if (this.params.length === 2 * ROWS_PER_INSERT) {
      this.many.run(this.params);
      this.params.length = 0;
      this.used = 0;
    }
    return hash;
  }

  flush(): void {
    for (let i = 0; i < this.params.length; i += 2) this.one.run(this.params[i], this.params[i + 1]);
    this.params.length = 0;
    this.used = 0;
  }
}

/** One capture, whole or not at all (P8): blob, room, messages, capture row and its log entry. */
export function recordCapture(sqlite: Database.Database, input: NewCapture, progress?: CaptureProgress): RecordedCapture {
  // Hashed before the lock: the raw bytes and extra blobs are the big inputs, and need nothing stored.
  const rawSha256 = sha256Hex(input.raw);
  // The extra blobs keyed by SHA-256 (a repeated blob is stored and listed once).
  const extra = new Map((input.extraBlobs ?? []).map((b) => [sha256Hex(b), b]));
  const run = sqlite.transaction((): RecordedCapture => {
    putBlob(sqlite, input.raw, rawSha256);
    for (const [sha, bytes] of extra) putBlob(sqlite, bytes, sha);
    const { room, created } = ensureRoom(sqlite, input.room);
    const p = writeMessages(sqlite, input, progress);
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
      messageCount: input.messages.length,
      merkleRoot: p.merkleRoot,
      capturedAt,
    };
    const { entrySeq: _unknownYet, ...payloadCapture } = capture;
    // `blobs` only when there are extra bytes, so entries of plain imports keep their exact shape.
    const blobs = extra.size > 0 ? { blobs: [...extra.keys()] } : {};
    const entry = appendEntry(sqlite, 'capture', room.id, { capture: { ...payloadCapture, meta: input.meta ?? {} }, ...blobs }, capturedAt);
    sqlite
      .prepare(
        `INSERT INTO captures (id, room_id, entry_seq, blob_sha256, format, variant, parser_version, tz, coverage_kind,
           coverage_from, coverage_to, message_count, merkle_root, captured_at, message_hashes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(capture.id, room.id, entry.seq, rawSha256, input.format, input.variant, input.parserVersion, input.tz, p.coverage.kind,
        p.coverage.from, p.coverage.to, capture.messageCount, p.merkleRoot, capturedAt, p.hashList);
    return { room, roomCreated: created, capture: { ...capture, entrySeq: entry.seq }, entry, messageHashes: p.hashList };
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
