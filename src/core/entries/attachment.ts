/**
 * The `attachment` entry (docs/hashing.md, docs/files.md): a file kept as evidence of a room. Every
 * key is present, null where absent, so the entry hash commits to "no note" as firmly as to a note.
 * `kind` is what the user said the file is, corrected by its bytes; `mime` and `detected` are what
 * the bytes say.
 */
import { obj, problem, value, type Read } from './read.js';

export const ATTACHMENT_KINDS = ['deliverable', 'screenshot', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface Attachment {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly kind: AttachmentKind;
  readonly mime: string;
  readonly note: string | null;
  readonly forMessage: string | null;
  readonly bytesKept: boolean;
  /** A file type name when written by this version; read back as any string, as later versions may know more types. */
  readonly detected: string | null;
}

/** The payload as appended: `blobs` lists the stored bytes so that `verify` checks they exist. */
export type AttachmentPayload = {
  readonly attachment: Attachment;
  readonly blobs: readonly string[];
};

export function attachmentPayload(attachment: Attachment): AttachmentPayload {
  return { attachment, blobs: attachment.bytesKept ? [attachment.sha256] : [] };
}

type Check<T> = (v: unknown) => v is T;
const isString: Check<string> = (v): v is string => typeof v === 'string';
const isStringOrNull: Check<string | null> = (v): v is string | null => v === null || typeof v === 'string';
const isSize: Check<number> = (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const isKind: Check<AttachmentKind> = (v): v is AttachmentKind => (ATTACHMENT_KINDS as readonly unknown[]).includes(v);

/** The first key of an attachment payload that does not fit, and what was found there; null when all fit. */
export function attachmentFault(payload: Readonly<Record<string, unknown>>): { readonly key: string; readonly found: unknown } | null {
  const o = obj(payload['attachment']);
  if (o === null) return { key: 'attachment', found: payload['attachment'] };
  const checks: [keyof Attachment, Check<unknown>][] = [
    ['name', isString],
    ['sha256', isString],
    ['size', isSize],
    ['kind', isKind],
    ['mime', isString],
    ['note', isStringOrNull],
    ['forMessage', isStringOrNull],
    ['bytesKept', isBoolean],
    ['detected', isStringOrNull],
  ];
  for (const [key, check] of checks) if (!check(o[key])) return { key, found: o[key] };
  return null;
}

/** Every key checked; the problem names the first that does not fit, and what was found. */
export function readAttachmentEntry(payload: Readonly<Record<string, unknown>>): Read<Attachment> {
  const fault = attachmentFault(payload);
  if (fault !== null) return problem(`"${fault.key}" is not valid (found ${JSON.stringify(fault.found) ?? 'nothing'})`);
  return value(payload['attachment'] as Attachment);
}
