import { attachmentFault, attachmentPayload, type Attachment, type AttachmentKind, type AttachmentPayload } from '../core/entries/attachment.js';
import { IntegrityError } from '../core/errors.js';
import { detectFileType, UNKNOWN_MIME } from './signatures.js';
import { msg } from '../i18n/message.js';

export interface AttachmentFacts {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  /** The file's first bytes (SIGNATURE_HEAD_BYTES suffice). */
  readonly head: Uint8Array;
  readonly requestedKind: AttachmentKind;
  readonly note: string | null;
  readonly forMessage: string | null;
  readonly bytesKept: boolean;
}

/**
 * Builds the payload. A "screenshot" whose bytes are no image is recorded as `other`: a report
 * must not call a PDF a screenshot because someone typed so. `demoted` tells the caller to warn.
 */
export function describeAttachment(f: AttachmentFacts): { payload: AttachmentPayload; demoted: boolean } {
  const detected = detectFileType(f.head);
  const demoted = f.requestedKind === 'screenshot' && detected?.image !== true;
  const attachment: Attachment = {
    name: f.name,
    sha256: f.sha256,
    size: f.size,
    kind: demoted ? 'other' : f.requestedKind,
    mime: detected?.mime ?? UNKNOWN_MIME,
    note: f.note,
    forMessage: f.forMessage,
    bytesKept: f.bytesKept,
    detected: detected?.name ?? null,
  };
  return { payload: attachmentPayload(attachment), demoted };
}

/**
 * Reads an `attachment` entry's payload back, checking every key. A payload that does not fit is
 * an IntegrityError naming the entry, never skipped: a report that silently drops a file is worse
 * than one that refuses to be written.
 */
export function readAttachment(payload: Readonly<Record<string, unknown>>, entrySeq: number): Attachment {
  const fault = attachmentFault(payload);
  if (fault === null) return payload['attachment'] as Attachment;
  throw new IntegrityError(msg('integrity.attachment', { seq: entrySeq, key: fault.key }), {
    hint: msg('integrity.attachment.hint', { found: JSON.stringify(fault.found) ?? '-' }),
  });
}
