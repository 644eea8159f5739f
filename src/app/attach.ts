/**
 * Attach files (deliverables, screenshots) to a room: each kept (or only hashed) with one log entry.
 * Every file is checked and read before the first write, so a bad file leaves the log untouched.
 */
import { findRoomMessage } from '../attach/message-ref.js';
import { describeAttachment, readAttachment } from '../attach/payload.js';
import type { Attachment, AttachmentKind } from '../core/entries/attachment.js';
import { hashStreamed, readKept, statFile, type FileToAttach, type ReadAttachment } from '../attach/read-file.js';
import { checkKeptSize, checkMaxSize } from '../attach/size-limit.js';

/** The most one call may keep (a front end's upload limit must stay under it). */
export { MAX_KEPT_BYTES } from '../attach/size-limit.js';
/** The message a file is attached to (`--for`), as a front end shows it before the file is sent. */
export { findRoomMessage } from '../attach/message-ref.js';
import { InterruptedError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import type { HashedMessage } from '../core/types.js';
import type { Archive } from '../store/archive.js';
import type { EntryRecord, RoomRecord } from '../store/records.js';

export interface AttachRequest {
  readonly room: RoomRecord;
  /** The files as the user named them, resolved against `cwd`. */
  readonly files: readonly string[];
  readonly cwd: string;
  readonly kind: AttachmentKind;
  readonly note: string | null;
  /** false: record the SHA-256 and size only (`--hash-only`). */
  readonly keep: boolean;
  /** Largest total of kept bytes. */
  readonly maxSize: number;
  /** The message the files belong to: its hash or a unique prefix. */
  readonly forMessage: string | null;
  readonly signal: AbortSignal;
}

/** A file asked to be a screenshot whose bytes are no image: kept as "other" instead. */
export interface Demoted {
  readonly arg: string;
  readonly attachment: Attachment;
}

export interface Attached {
  readonly message: HashedMessage | null;
  readonly done: readonly { readonly attachment: Attachment; readonly entry: EntryRecord }[];
}

export async function attachFiles(archive: Archive, req: AttachRequest, onDemoted: (d: Demoted) => void): Promise<Attached> {
  checkMaxSize(req.maxSize);
  const message = req.forMessage === null ? null : findRoomMessage(archive, req.room, req.forMessage);
  const files: FileToAttach[] = [];
  for (const arg of req.files) files.push(await statFile(arg, req.cwd));
  if (req.keep) checkKeptSize(files, req.maxSize);
  const read: ReadAttachment[] = [];
  for (const file of files) read.push(req.keep ? await readKept(file) : await hashStreamed(file, req.signal));
  if (req.signal.aborted) throw new InterruptedError(msg('interrupted.attach'));

  const attachments = files.map((file, i) => {
    const r = read[i]!;
    const { payload, demoted } = describeAttachment({
      name: file.name,
      sha256: r.sha256,
      size: r.size,
      head: r.head,
      requestedKind: req.kind,
      note: req.note,
      forMessage: message?.hash ?? null,
      bytesKept: req.keep,
    });
    if (demoted) onDemoted({ arg: file.arg, attachment: payload.attachment });
    return { payload, bytes: r.bytes };
  });
  const entries = archive.appendAll(
    attachments.map(({ payload, bytes }) => ({ kind: 'attachment', roomId: req.room.id, payload, blobs: bytes ? [bytes] : [] })),
  );
  return { message, done: attachments.map(({ payload }, i) => ({ attachment: payload.attachment, entry: entries[i]! })) };
}

/**
 * An attachment's kept bytes by its log entry, re-hashed on the way out (Archive.blob); null when
 * that entry is no attachment of this room, or only its hash was kept.
 */
export function keptAttachment(archive: Archive, room: RoomRecord, seq: number): { attachment: Attachment; bytes: Buffer } | null {
  const entry = archive.entry(seq);
  if (entry === undefined || entry.kind !== 'attachment' || entry.roomId !== room.id) return null;
  const attachment = readAttachment(entry.payload, entry.seq);
  return attachment.bytesKept ? { attachment, bytes: archive.blob(attachment.sha256) } : null;
}
