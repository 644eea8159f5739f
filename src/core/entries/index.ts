/**
 * The log's entries, one module per kind: each defines its payload (the evidence format), builds
 * it, and reads it back as a value or a problem. Every writer of the log builds through these and
 * every reader reads through them, so the format is stated once (docs/hashing.md "Log entries").
 */
import type { AttachmentPayload } from './attachment.js';
import type { CapturePayload } from './capture.js';
import type { NotePayload } from './note.js';
import type { ObservationPayload } from './observation.js';
import type { ReportPayload } from './report.js';
import type { RoomPayload } from './room.js';
import type { TimestampPayload } from './timestamp.js';

export interface PayloadByKind {
  readonly room: RoomPayload;
  readonly capture: CapturePayload;
  readonly note: NotePayload;
  readonly observation: ObservationPayload;
  readonly report: ReportPayload;
  readonly timestamp: TimestampPayload;
  readonly attachment: AttachmentPayload;
}

/** What kind of event a log entry records. */
export type EntryKind = keyof PayloadByKind;

/** An entry as appended: its kind and the payload of that kind. */
export type NewPayload = { [K in EntryKind]: { readonly kind: K; readonly payload: PayloadByKind[K] } }[EntryKind];
