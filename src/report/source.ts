import type { HashedMessage } from '../core/types.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from '../store/records.js';

/**
 * What a report is built from, read out of the archive by collect.ts: plain data, so that the
 * builder is a pure function and tests can hand it any archive state.
 */
export interface SourceCapture {
  readonly record: CaptureRecord;
  readonly messages: readonly HashedMessage[];
  /** The original bytes; null when they are not needed (private mode). */
  readonly raw: Uint8Array | null;
  /** Further original bytes the capture entry lists in `blobs` (Chatwork's rooms and files lists…); empty in private mode. */
  readonly extras: readonly Uint8Array[];
}

export interface ReportSource {
  readonly room: RoomRecord;
  /** The log from entry 1 up to the report's head, in order. */
  readonly entries: readonly EntryRecord[];
  /** The room's captures up to the head, in log order. */
  readonly captures: readonly SourceCapture[];
  /** Stored bytes the report may embed (timestamp tokens, kept attachment files), by SHA-256. */
  readonly blobs: ReadonlyMap<string, Uint8Array>;
}
