import { IntegrityError } from '../core/errors.js';
import { detectFileType, UNKNOWN_MIME } from './signatures.js';
import { msg } from '../i18n/message.js';

export const ATTACHMENT_KINDS = ['deliverable', 'screenshot', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * The `attachment` entry payload (docs/hashing.md, docs/files.md). Every key is present, null where
 * absent, so the entry hash commits to "no note" as firmly as to a note. `kind` is what the user
 * said the file is, corrected by its bytes; `mime` and `detected` are what the bytes say.
 */
export interface Attachment {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly kind: AttachmentKind;
  readonly mime: string;
  readonly note: string | null;
  readonly forMessage: string | null;
  readonly bytesKept: boolean;
  /** A FileTypeName (signatures.ts) when written by this version; read back as any string, as later versions may know more types. */
  readonly detected: string | null;
}

/** The payload as appended: `blobs` lists the stored bytes so that `verify` checks they exist. */
export type AttachmentPayload = { readonly attachment: Attachment; readonly blobs: readonly string[] };

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
    name: f.name, sha256: f.sha256, size: f.size, kind: demoted ? 'other' : f.requestedKind, mime: detected?.mime ?? UNKNOWN_MIME,
    note: f.note, forMessage: f.forMessage, bytesKept: f.bytesKept, detected: detected?.name ?? null,
  };
  return { payload: { attachment, blobs: f.bytesKept ? [f.sha256] : [] }, demoted };
}

type Check<T> = (v: unknown) => v is T;
const isString: Check<string> = (v): v is string => typeof v === 'string';
const isStringOrNull: Check<string | null> = (v): v is string | null => v === null || typeof v === 'string';
const isSize: Check<number> = (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const isKind: Check<AttachmentKind> = (v): v is AttachmentKind => (ATTACHMENT_KINDS as readonly unknown[]).includes(v);

/**
 * Reads an `attachment` entry's payload back, checking every key. A payload that does not fit is
 * an IntegrityError naming the entry, never skipped: a report that silently drops a file is worse
 * than one that refuses to be written.
 */
export function readAttachment(payload: Readonly<Record<string, unknown>>, entrySeq: number): Attachment {
  const a = payload['attachment'];
  const bad = (key: string, actual: unknown): IntegrityError =>
    new IntegrityError(msg('integrity.attachment', { seq: entrySeq, key }), { hint: msg('integrity.attachment.hint', { found: JSON.stringify(actual) ?? '-' }) });
  if (typeof a !== 'object' || a === null) throw bad('attachment', a);
  const o = a as Record<string, unknown>;
  const get = <T>(key: keyof Attachment, check: Check<T>): T => {
    const v = o[key];
    if (!check(v)) throw bad(key, v);
    return v;
  };
  return {
    name: get('name', isString), sha256: get('sha256', isString), size: get('size', isSize), kind: get('kind', isKind),
    mime: get('mime', isString), note: get('note', isStringOrNull), forMessage: get('forMessage', isStringOrNull),
    bytesKept: get('bytesKept', isBoolean), detected: get('detected', isStringOrNull),
  };
}
