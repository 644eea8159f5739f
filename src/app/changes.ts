import { compareWithView, countChanges, type ChangeCounts } from '../core/diff/index.js';
import { RAW_VARIANT, type HashedMessage, type Message } from '../core/types.js';
import type { Archive } from '../store/archive.js';
import type { CaptureRecord } from '../store/records.js';
import { captureView, capturesAfter, roomArchiveView } from '../store/room-history.js';
import { stateChanges } from '../store/room-state/read.js';
import { updateRoomState } from '../store/room-state/update.js';
import { addedOnly } from './added-only.js';

/** A capture just stored: its hashes as stored (32 bytes each, in order), and its messages if the caller still holds them. */
export interface HeldMessages {
  readonly hashes: Buffer;
  readonly messages?: readonly Message[];
}

/**
 * `import`'s `changes`: the new capture against the room's archive view just before it in "as of"
 * order (an older export is compared with what was saved before it, not with the newest state).
 * The room's kept state (src/store/room-state/) is brought up to date with the capture, and the
 * changes are those its step recorded: the comparison is with the state, not with a fold of every
 * capture, so it costs the same at the 2nd capture as at the 365th.
 *
 * `held`: the capture's hash list as the import stored it (so it is not read back), and its
 * messages if still in hand. A message is its hash (the hash commits to every field of the
 * canonical form), so the state and the capture are compared by their hashes, and only the
 * messages whose hashes differ are read whole (src/store/room-state/step.ts).
 */
export function changesForCapture(archive: Archive, roomId: string, captureId: string, held?: HeldMessages): ChangeCounts {
  const capture = archive.capture(captureId);
  if (!archive.sqlite.readonly) {
    updateRoomState(archive, roomId, held === undefined ? undefined : { id: capture.id, ...held });
    const kept = stateChanges(archive, roomId, capture.id);
    if (kept !== null) return kept;
  }
  // An archive that cannot be written keeps no state: the view before the capture is folded here.
  if (archive.captures(roomId)[0]?.id === capture.id) return addedOnly(capture.messageCount);
  const seen = new Map<string, HashedMessage>();
  const view = captureView(archive, capture, seen);
  return countChanges(compareWithView(roomArchiveView(archive, roomId, capture, seen), view));
}

/** An export older than the room's newest capture: where it was placed (docs/design/evidence-model.md P12). */
export interface PlacedBefore {
  /** How many captures of the room come after it in "as of" order. */
  readonly newer: number;
  /** The "as of" time of the room's newest capture, whose state stays the room's state. */
  readonly newestAsOf: string;
}

/** Where a capture older than its room's newest was placed; null when it is the newest. */
export function placedBefore(archive: Archive, capture: CaptureRecord): PlacedBefore | null {
  // A capture kept raw (`import --raw`) holds no messages and covers no time: no state to be placed
  // before, not even for the reparse of it that its text dates earlier (LINE's 保存日時).
  const after = capturesAfter(archive, capture).filter((c) => c.parserVersion !== RAW_VARIANT);
  const newest = after[after.length - 1];
  return newest === undefined ? null : { newer: after.length, newestAsOf: newest.asOf };
}
