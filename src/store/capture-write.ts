import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalMessage } from '../core/canonical.js';
import { sha256Hex, taggedHashHex } from '../core/hash.js';
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
}

export function newId(): string {
  return randomBytes(8).toString('hex');
}

interface Prepared {
  readonly rows: { hash: string; json: string }[];
  readonly hashes: Buffer;
  readonly merkleRoot: string;
  readonly coverage: Coverage;
  readonly rawSha256: string;
  /** The extra blobs keyed by SHA-256 (a repeated blob is stored and listed once). */
  readonly extra: ReadonlyMap<string, Uint8Array>;
}

/** Everything that can be computed without the write lock: hashes, root, coverage. */
function prepare(input: NewCapture): Prepared {
  const rows: { hash: string; json: string }[] = [];
  const hashes = Buffer.allocUnsafe(input.messages.length * 32);
  const tree = new MerkleBuilder();
  // Compared as instants, not strings: offsets differ across a DST change.
  let from: { iso: string; ms: number } | null = null;
  let to: { iso: string; ms: number } | null = null;
  for (let i = 0; i < input.messages.length; i++) {
    const m = input.messages[i]!;
    const json = canonicalMessage(m);
    const hash = taggedHashHex(MESSAGE_TAG, json);
    rows.push({ hash, json });
    const bin = hashes.subarray(i * 32, i * 32 + 32);
    bin.write(hash, 'hex');
    tree.push(bin);
    const ms = isoToMillis(m.sentAt);
    if (from === null || ms < from.ms) from = { iso: m.sentAt, ms };
    if (to === null || ms > to.ms) to = { iso: m.sentAt, ms };
  }
  if (input.coverageEnd !== undefined && (to === null || isoToMillis(input.coverageEnd) > to.ms)) to = { iso: input.coverageEnd, ms: isoToMillis(input.coverageEnd) };
  return { rows, hashes, merkleRoot: tree.rootHex(), coverage: { kind: input.coverageKind, from: from?.iso ?? null, to: to?.iso ?? null }, rawSha256: sha256Hex(input.raw),
    extra: new Map((input.extraBlobs ?? []).map((b) => [sha256Hex(b), b])) };
}

/** One capture, whole or not at all (P8): blob, room, messages, capture row and its log entry. */
export function recordCapture(sqlite: Database.Database, input: NewCapture): RecordedCapture {
  const p = prepare(input);
  const run = sqlite.transaction((): RecordedCapture => {
    putBlob(sqlite, input.raw, p.rawSha256);
    for (const [sha, bytes] of p.extra) putBlob(sqlite, bytes, sha);
    const { room, created } = ensureRoom(sqlite, input.room);
    const insertMessage = sqlite.prepare('INSERT OR IGNORE INTO messages (hash, canonical_json) VALUES (?, ?)');
    for (const r of p.rows) insertMessage.run(r.hash, r.json);
    const capturedAt = nowIso();
    const capture: CaptureRecord = {
      id: newId(),
      roomId: room.id,
      entrySeq: 0,
      rawSha256: p.rawSha256,
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
    const blobs = p.extra.size > 0 ? { blobs: [...p.extra.keys()] } : {};
    const entry = appendEntry(sqlite, 'capture', room.id, { capture: { ...payloadCapture, meta: input.meta ?? {} }, ...blobs }, capturedAt);
    sqlite
      .prepare(
        `INSERT INTO captures (id, room_id, entry_seq, blob_sha256, format, variant, parser_version, tz, coverage_kind,
           coverage_from, coverage_to, message_count, merkle_root, captured_at, message_hashes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(capture.id, room.id, entry.seq, p.rawSha256, input.format, input.variant, input.parserVersion, input.tz, p.coverage.kind,
        p.coverage.from, p.coverage.to, capture.messageCount, p.merkleRoot, capturedAt, p.hashes);
    return { room, roomCreated: created, capture: { ...capture, entrySeq: entry.seq }, entry };
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
