import type { CaptureView } from '../core/diff/index.js';
import type { HashedMessage } from '../core/types.js';
import type { Archive } from './archive.js';
import type { CaptureRecord } from './records.js';

/**
 * A stored capture as the change core sees it (messages re-read from the archive); `seen` shares
 * the messages already read between the captures of one command (Archive.captureMessages).
 */
export function captureView(archive: Archive, capture: CaptureRecord, seen?: Map<string, HashedMessage>): CaptureView {
  return { id: capture.id, capturedAt: capture.capturedAt, coverage: capture.coverage, messages: archive.captureMessages(capture.id, seen) };
}
