/**
 * Each table's SELECT list and row mapper, written once and used by the archive, the capture writer
 * and verify. The lists are hand-written SQL rather than built from schema.ts at run time: loading
 * drizzle-orm would cost every command's start-up (docs/performance.md), so test/store/rows.test.ts
 * checks each list against schema.ts instead, column by column.
 */
import type { EntryKind } from '../core/entries/index.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from './records.js';

/** `rooms`, every column, as RoomRecord's keys. */
export const ROOM_COLUMNS = 'id, source, external_id AS externalId, title, created_seq AS createdSeq';

/** `log`, every column, as the entry's keys (the payload still JSON text). */
export const ENTRY_COLUMNS = 'seq, kind, at, room_id AS roomId, payload, prev_hash AS prevHash, hash';

/** `captures` (alias `c`) joined with its original's size (alias `b`): every column but the hash list. */
export const CAPTURE_COLUMNS = `c.id, c.room_id AS roomId, c.entry_seq AS entrySeq, c.blob_sha256 AS rawSha256, b.size AS rawSize,
  c.format, c.variant, c.parser_version AS parserVersion, c.tz, c.coverage_kind AS coverageKind, c.coverage_from AS coverageFrom,
  c.coverage_to AS coverageTo, c.message_count AS messageCount, c.merkle_root AS merkleRoot, c.captured_at AS capturedAt`;
export const CAPTURE_FROM = 'captures c JOIN blobs b ON b.sha256 = c.blob_sha256';

/**
 * The facts of a capture its entry states and no column restates (`captureAsOf` is made of them),
 * read from the entry itself (alias `l`, joined by CAPTURE_STATED_FROM): being in the hashed
 * payload, they need no column for `verify` to compare.
 */
export const CAPTURE_STATED = `json_extract(l.payload, '$.capture.sourceSavedAt') AS sourceSavedAt, json_extract(l.payload, '$.capture.reparseOf') AS reparseOf`;
export const CAPTURE_STATED_FROM = `${CAPTURE_FROM} LEFT JOIN log l ON l.seq = c.entry_seq`;

export interface EntryRow {
  seq: number;
  kind: EntryKind;
  at: string;
  roomId: string | null;
  payload: string;
  prevHash: string | null;
  hash: string;
}

export interface CaptureRow {
  id: string;
  roomId: string;
  entrySeq: number;
  rawSha256: string;
  rawSize: number;
  format: string;
  variant: string;
  parserVersion: string;
  tz: string;
  coverageKind: 'full' | 'window';
  coverageFrom: string | null;
  coverageTo: string | null;
  messageCount: number;
  merkleRoot: string;
  capturedAt: string;
  sourceSavedAt: unknown;
  reparseOf: unknown;
}

/** A `rooms` row as selected by ROOM_COLUMNS is a RoomRecord as it is. */
export const roomRow = (r: unknown): RoomRecord => r as RoomRecord;

export function entryRow(r: EntryRow): EntryRecord {
  return { ...r, payload: JSON.parse(r.payload) as Record<string, unknown> };
}

/** A capture row with its stated facts, before its "as of" time is known (it may need other captures). */
export type StatedCapture = Omit<CaptureRecord, 'asOf'>;

export function captureRow(r: CaptureRow): StatedCapture {
  const { coverageKind, coverageFrom, coverageTo, sourceSavedAt, reparseOf, ...rest } = r;
  return {
    ...rest,
    coverage: { kind: coverageKind, from: coverageFrom, to: coverageTo },
    ...(typeof sourceSavedAt === 'string' ? { sourceSavedAt } : {}),
    ...(typeof reparseOf === 'string' ? { reparseOf } : {}),
  };
}
