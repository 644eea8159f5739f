import type { Coverage, Source } from '../core/types.js';
import type { EntryKind } from '../core/entries/index.js';

export interface RoomRecord {
  readonly id: string;
  readonly source: Source;
  readonly externalId: string | null;
  readonly title: string;
  readonly createdSeq: number;
}

export interface CaptureRecord {
  readonly id: string;
  readonly roomId: string;
  readonly entrySeq: number;
  readonly rawSha256: string;
  readonly rawSize: number;
  readonly format: string;
  readonly variant: string;
  readonly parserVersion: string;
  readonly tz: string;
  readonly coverage: Coverage;
  readonly messageCount: number;
  readonly merkleRoot: string;
  readonly capturedAt: string;
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
  readonly lastCaptureMessages: number;
}
