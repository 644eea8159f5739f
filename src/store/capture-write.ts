import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalMessage } from '../core/canonical.js';
import { sha256Hex, taggedHashHex } from '../core/hash.js';
import { MESSAGE_TAG } from '../core/canonical.js';
import { MerkleBuilder } from '../core/merkle.js';
import type { Coverage, Message, Source } from '../core/types.js';
import { nowIso } from '../core/time.js';
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
  /** Source facts worth keeping with the capture (e.g. Chatwork's message-limitation header). */
  readonly meta?: Record<string, unknown>;
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
}

/** Everything that can be computed without the write lock: hashes, root, coverage. */
function prepare(input: NewCapture): Prepared {
  const rows: { hash: string; json: string }[] = [];
  const hashes = Buffer.allocUnsafe(input.messages.length * 32);
  const tree = new MerkleBuilder();
  let from: string | null = null;
  let to: string | null = null;
  input.messages.forEach((m, i) => {
    const json = canonicalMessage(m);
    const hash = taggedHashHex(MESSAGE_TAG, json);
    rows.push({ hash, json });
    const bin = hashes.subarray(i * 32, i * 32 + 32);
    bin.write(hash, 'hex');
    tree.push(bin);
    if (from === null || m.sentAt < from) from = m.sentAt;
    if (to === null || m.sentAt > to) to = m.sentAt;
  });
  return { rows, hashes, merkleRoot: tree.rootHex(), coverage: { kind: input.coverageKind, from, to }, rawSha256: sha256Hex(input.raw) };
}

/** One capture, whole or not at all (P8): blob, room, messages, capture row and its log entry. */
export function recordCapture(sqlite: Database.Database, input: NewCapture): RecordedCapture {
  const p = prepare(input);
  const run = sqlite.transaction((): RecordedCapture => {
    putBlob(sqlite, input.raw, p.rawSha256);
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
    const entry = appendEntry(sqlite, 'capture', room.id, { capture: { ...payloadCapture, meta: input.meta ?? {} } }, capturedAt);
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
