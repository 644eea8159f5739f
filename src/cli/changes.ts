import { compareWithView, countChanges, type ChangeCounts } from '../core/diff/index.js';
import type { Archive } from '../store/archive.js';
import { captureView, roomArchiveView } from '../store/room-history.js';

/** `import`'s `changes`: the new capture against the room's archive view just before it. */
export function changesForCapture(archive: Archive, roomId: string, captureId: string): ChangeCounts {
  const capture = archive.capture(captureId);
  const view = roomArchiveView(archive, roomId, capture.entrySeq);
  return countChanges(compareWithView(view, captureView(archive, capture)));
}
