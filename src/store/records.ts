import type { Source } from '../core/types.js';
import type { EntryKind } from '../core/entries/index.js';
import type { CaptureFacts } from '../core/entries/capture.js';

export interface RoomRecord {
  readonly id: string;
  readonly source: Source;
  readonly externalId: string | null;
  readonly title: string;
  readonly createdSeq: number;
}

/** A capture as its row holds it: the facts its log entry states, that entry's place, and its "as of" time (`captureAsOf`). */
export interface CaptureRecord extends CaptureFacts {
  readonly entrySeq: number;
  readonly asOf: string;
}

export interface EntryRecord {
  readonly seq: number;
  readonly kind: EntryKind;
  readonly at: string;
  readonly roomId: string | null;
  readonly payload: Record<string, unknown>;
  readonly prevHash: string | null;
  readonly hash: string;
}

export interface RoomSummary extends RoomRecord {
  readonly captures: number;
  readonly lastCapturedAt: string | null;
  /** The "as of" time of the room's newest capture in that order (`captureAsOf`): what its state shows. */
  readonly lastAsOf: string | null;
  readonly lastCaptureMessages: number;
}
