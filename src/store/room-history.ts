import { buildArchiveView, type ArchiveView, type RoomObservation } from '../core/diff/index.js';
import type { HashedMessage } from '../core/types.js';
import type { Archive } from './archive.js';
import type { CaptureRecord, EntryRecord } from './records.js';
import { readNote } from '../core/entries/note.js';
import { readObservation } from '../core/entries/observation.js';
import { stateView } from './room-state/read.js';
import { captureView } from './capture-view.js';

export { captureView };

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
 * A room's archive view over its captures in "as of" order (Archive.captures); `before` limits it
 * to the captures ahead of that one in that order (what `import` compares a new capture with), and
 * the notes and observations to those logged before it. `seen`: messages the caller already
 * holds, by hash, so that they are not read again (Archive.captureMessages).
 */
export function roomArchiveView(archive: Archive, roomId: string, before?: CaptureRecord, seen = new Map<string, HashedMessage>()): ArchiveView {
  // The whole room's view is its kept state (src/store/room-state/); the view before a capture, or
  // of an archive that cannot be written, is folded from the captures.
  const kept = before === undefined ? stateView(archive, roomId, seen) : null;
  if (kept !== null) return { ...kept, roomObservations: roomObservations(archive.entries(roomId)) };
  const captures = archive.captures(roomId);
  const upTo = before === undefined ? captures.length : captures.findIndex((c) => c.id === before.id);
  const view = buildArchiveView(captures.slice(0, Math.max(0, upTo)).map((c) => captureView(archive, c, seen)));
  const beforeSeq = before?.entrySeq ?? Number.POSITIVE_INFINITY;
  const observations = roomObservations(archive.entries(roomId).filter((e) => e.seq < beforeSeq));
  return { ...view, roomObservations: observations };
}

/** The captures of its room that come after `capture` in "as of" order: an older export imported late has some. */
export function capturesAfter(archive: Archive, capture: CaptureRecord): CaptureRecord[] {
  const captures = archive.captures(capture.roomId);
  return captures.slice(captures.findIndex((c) => c.id === capture.id) + 1);
}
