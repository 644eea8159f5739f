import type { Archive } from '../store/archive.js';
import { IntegrityError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from '../store/records.js';
import { readCapture } from '../core/entries/capture.js';
import { listedBlobs } from '../core/entries/read.js';
import type { ReportSource } from './source.js';

/**
 * The report's head: the last log entry that is not a report export. A report entry only records
 * that some PDF was written; leaving trailing ones out means that exporting an unchanged archive
 * again gives a byte-identical PDF (docs/design/layout.md habit 10), although the log grew by that entry.
 */
export function reportHead(entries: readonly EntryRecord[]): EntryRecord | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.kind !== 'report') return entries[i];
  return undefined;
}

/**
 * Reads what a report of `room` needs; the only part of src/report that touches the archive. Every
 * byte it hands on was checked against its hash on the way (Archive.blob, Archive.checkedCaptureMessages).
 */
export function collectReportSource(archive: Archive, room: RoomRecord, options: { withOriginals: boolean; withMessages?: boolean }): ReportSource {
  const all = archive.entries();
  const head = reportHead(all);
  const entries = head === undefined ? [] : all.slice(0, all.indexOf(head) + 1);
  const headSeq = head?.seq ?? 0;
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const captures = archive
    .captures(room.id)
    .filter((c) => c.entrySeq <= headSeq)
    .map((record) => {
      const entry = bySeq.get(record.entrySeq);
      checkAgainstEntry(record, entry);
      const extras = entry === undefined ? [] : listedBlobs(entry.payload).filter((sha) => sha !== record.rawSha256);
      return {
        record,
        // A report read from the room's kept state (from-state.ts) reads the few messages it shows, not every capture's.
        messages: options.withMessages === false ? [] : archive.checkedCaptureMessages(record.id),
        raw: options.withOriginals ? archive.blob(record.rawSha256) : null,
        extras: options.withOriginals ? extras.map((sha) => archive.blob(sha)) : [],
      };
    });
  const blobs = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.kind !== 'timestamp' && !(e.kind === 'attachment' && e.roomId === room.id)) continue;
    for (const sha of listedBlobs(e.payload)) if (archive.hasBlob(sha)) blobs.set(sha, archive.blob(sha));
  }
  return { room, entries, captures, blobs };
}

/**
 * The captures row must state the root its log entry states: the archive checks each list against
 * the row, and the row could have been changed with it.
 */
function checkAgainstEntry(record: CaptureRecord, entry: EntryRecord | undefined): void {
  const read = entry?.kind === 'capture' ? readCapture(entry.payload) : null;
  const stated = entry === undefined ? 'no log entry' : read?.ok ? read.value.capture.merkleRoot : 'no root';
  if (stated === record.merkleRoot) return;
  throw new IntegrityError(msg('integrity.capture-row-changed', { capture: record.id, expected: stated, actual: record.merkleRoot }), {
    where: `captures row ${record.id}`,
    hint: msg('hint.run-verify'),
  });
}
