import { buildArchiveView, type ArchiveView, type CaptureView, type RoomObservation } from '../core/diff/index.js';
import type { HashedMessage } from '../core/types.js';
import type { Archive } from './archive.js';
import type { CaptureRecord, EntryRecord } from './records.js';
import { readNote } from '../core/entries/note.js';
import { readObservation } from '../core/entries/observation.js';

/**
 * A stored capture as the change core sees it (messages re-read from the archive); `seen` shares
 * the messages already read between the captures of one command (Archive.captureMessages).
 */
export function captureView(archive: Archive, capture: CaptureRecord, seen?: Map<string, HashedMessage>): CaptureView {
  return { id: capture.id, capturedAt: capture.capturedAt, coverage: capture.coverage, messages: archive.captureMessages(capture.id, seen) };
}

/** What the log says about a room as a whole: the user's notes and observations such as "the API answered 403". */
export function roomObservations(entries: readonly EntryRecord[]): RoomObservation[] {
  const out: RoomObservation[] = [];
  for (const e of entries) {
    if (e.kind === 'note') {
      const note = readNote(e.payload);
      out.push({ at: e.at, kind: 'note', text: note.ok ? note.value.text : '', entrySeq: e.seq });
    } else if (e.kind === 'observation') {
      const o = readObservation(e.payload);
      const text = o.ok ? [o.value.what, o.value.status, o.value.detail].filter((x) => x !== null && x !== '').join(' — ') : '';
      out.push({ at: e.at, kind: o.ok ? o.value.what : 'observation', text, entrySeq: e.seq });
    }
  }
  return out;
}

/**
 * A room's archive view over its captures in log order; `beforeSeq` limits it to the captures
 * logged before that entry (what `import` compares a new capture with). `seen`: messages the
 * caller already holds, by hash, so that they are not read again (Archive.captureMessages).
 */
export function roomArchiveView(archive: Archive, roomId: string, beforeSeq = Number.POSITIVE_INFINITY, seen = new Map<string, HashedMessage>()): ArchiveView {
  const captures = archive.captures(roomId).filter((c) => c.entrySeq < beforeSeq);
  const view = buildArchiveView(captures.map((c) => captureView(archive, c, seen)));
  const observations = roomObservations(archive.entries(roomId).filter((e) => e.seq < beforeSeq));
  return { ...view, roomObservations: observations };
}
