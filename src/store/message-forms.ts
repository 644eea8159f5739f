/**
 * How a message row holds its canonical form since migration 0005 (docs/hashing.md §2): not the
 * JSON text, which is derived, but the message's fields, each as it is or smaller — the kind as a
 * number, the times as one integer each — from which `canonicalMessage` re-makes the JSON byte for
 * byte. A message whose form would not come back exactly keeps its JSON bytes verbatim in
 * `canonical_json`, with every field column NULL. Every reader re-makes the form the same way, and
 * `verify` re-hashes exactly what it re-made.
 */
import { canonicalMessage, messageFromCanonical } from '../core/canonical.js';
import type { Message } from '../core/types.js';

/** The row's columns after its key, in this order (migrations/0005_compact_messages.sql). */
export const FORM_COLUMNS = 'kind, sender, sender_id, sent_at, body, external_id, edited_at, canonical_json';

/**
 * FORM_COLUMNS as readers select them: the text fields as TEXT. The import writes them as the
 * UTF-8 bytes it already made (a BLOB value: binding a Buffer is cheaper than a string), the
 * migration as text; either reads back as the same string, which better-sqlite3 makes faster than
 * a Buffer. `kind` and the times are read as stored: an integer, or text.
 */
export const FORM_READ =
  'kind, CAST(sender AS TEXT), CAST(sender_id AS TEXT), sent_at, CAST(body AS TEXT), CAST(external_id AS TEXT), edited_at, canonical_json';
export const FORM_WIDTH = 8;

/**
 * A column value as written: a field, a packed time or kind, NULL, or the verbatim form's bytes.
 * Integers are bigints: better-sqlite3 binds a JS number as a REAL, 8 bytes whatever its value,
 * and a bigint as an INTEGER, 1 byte for a kind and 6 for a time.
 */
export type FormValue = string | bigint | Uint8Array | null;

const KINDS: readonly Message['kind'][] = ['text', 'media', 'call', 'system', 'unsent'];
const KIND_CODE = new Map<string, bigint>(KINDS.map((k, i) => [k, BigInt(i)]));

const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:([+-])(\d\d):(\d\d)|Z)$/;
/** Offsets are kept as minutes + 2048 in the low 12 bits; 0 there means `Z`. */
const OFFSET_BITS = 4096;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The date part of a day number (days since 1970-01-01), and the day number of a date, each for
 * the last one asked: a capture's messages come day by day, so most times of an import or a
 * verify share the day before them, and the Date work (~1 µs) is done once a day, not per message.
 */
let lastDay = NaN;
let lastDayText = '';
let lastDate = '';
let lastDateDay = NaN;

function dayText(day: number): string {
  if (day !== lastDay) {
    const d = new Date(day * 86_400_000);
    lastDayText = Number.isNaN(d.getTime()) ? '' : `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    lastDay = day;
  }
  return lastDayText;
}

/** The day number of `YYYY-MM-DD`, or NaN when there is no such day. */
function dayOf(date: string): number {
  if (date !== lastDate) {
    const [y, mo, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
    // Not Date.UTC, which reads years 0–99 as 1900–1999.
    const t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    lastDateDay = t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? t.getTime() / 86_400_000 : NaN;
    lastDate = date;
  }
  return lastDateDay;
}

/** The instant (ms since 1970) of a packed time, without writing its text: the seconds are above the offset's code. */
export function packedMillis(packed: number): number {
  return Math.floor(packed / OFFSET_BITS) * 1000;
}

/** An ISO time as written, from its packed integer: any integer gives some text (a damaged row gives a wrong one). */
export function unpackTime(packed: number): string {
  const whole = Math.floor(packed);
  const code = ((whole % OFFSET_BITS) + OFFSET_BITS) % OFFSET_BITS;
  const offset = code === 0 ? 0 : code - 2048;
  const local = (whole - code) / OFFSET_BITS + offset * 60;
  const day = Math.floor(local / 86_400);
  const date = dayText(day);
  if (date === '') return String(packed);
  const second = local - day * 86_400;
  const zone = code === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad2(Math.floor(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`;
  return `${date}T${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}${zone}`;
}

/**
 * An ISO time as one integer — seconds since 1970 UTC times 4096, plus the offset in minutes +
 * 2048 (0 for `Z`) — or null when the integer would not give it back exactly: another form, a day
 * that does not exist, a field out of range, `-00:00`.
 */
export function packedTime(iso: string): number | null {
  const m = ISO.exec(iso);
  if (m === null) return null;
  const day = dayOf(iso.slice(0, 10));
  const [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (Number.isNaN(day) || h > 23 || mi > 59 || sec > 59) return null;
  let offset = 0;
  if (m[7] !== undefined) {
    const [oh, om] = [Number(m[8]), Number(m[9])];
    offset = oh * 60 + om;
    if (om > 59 || offset > 2047 || (m[7] === '-' && offset === 0)) return null;
    if (m[7] === '-') offset = -offset;
  }
  const code = m[7] === undefined ? 0 : offset + 2048;
  const packed = (day * 86_400 + h * 3600 + mi * 60 + sec - offset * 60) * OFFSET_BITS + code;
  return Number.isSafeInteger(packed) ? packed : null;
}

/** The instant a packed time stands for, in milliseconds: what `Date.parse` gives for the ISO time it packs. */
export function instantOfPacked(packed: number): number {
  return Math.floor(packed / OFFSET_BITS) * 1000;
}

/** An ISO time as its column value: one integer (6 bytes in SQLite instead of 25), or the text itself. */
export function packTime(iso: string): string | bigint {
  const packed = packedTime(iso);
  return packed === null ? iso : BigInt(packed);
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** A kind's column value: its number, a bigint so that SQLite keeps it as a 1-byte INTEGER. */
export const KIND_VALUES: readonly bigint[] = KINDS.map((_k, i) => BigInt(i));

/** The column value of `kind` in a compact row (for SQL that tests a kind without reading the row). */
export function kindValue(kind: Message['kind']): bigint {
  return KIND_CODE.get(kind)!;
}

/** What the usual message is stored as, besides its text fields: a known kind and times that pack. */
export interface CompactParts {
  readonly kind: number;
  readonly sentAt: number;
  /** null when the message has no edit time. */
  readonly editedAt: number | null;
}

/**
 * The numbers a message's kind and times are stored as, when its fields re-make its form by
 * construction (text or null where the form has them, a known kind, times that pack); else null,
 * and the row is written as pushForm writes it.
 */
export function compactParts(m: Message): CompactParts | null {
  if (!(isText(m.body) && isTextOrNull(m.sender) && isTextOrNull(m.senderId) && isTextOrNull(m.externalId) && isText(m.sentAt))) return null;
  const kind = KIND_CODE.get(m.kind);
  const sentAt = packedTime(m.sentAt);
  if (kind === undefined || sentAt === null) return null;
  if (m.editedAt === null) return { kind: Number(kind), sentAt, editedAt: null };
  const editedAt = isText(m.editedAt) ? packedTime(m.editedAt) : null;
  return editedAt === null ? null : { kind: Number(kind), sentAt, editedAt };
}

/**
 * Appends the row's FORM_WIDTH column values for `m`, whose canonical form is `json`: its fields
 * when they re-make `json` by construction (strings or null where the form has them), else `json`
 * verbatim. test/store/message-forms.test.ts checks the round trip on arbitrary messages.
 */
export function pushForm(m: Message, json: string, out: FormValue[]): void {
  if (
    isText(m.kind) &&
    isText(m.sentAt) &&
    isText(m.body) &&
    isTextOrNull(m.sender) &&
    isTextOrNull(m.senderId) &&
    isTextOrNull(m.externalId) &&
    isTextOrNull(m.editedAt)
  ) {
    const edited = m.editedAt === null ? null : packTime(m.editedAt);
    out.push(KIND_CODE.get(m.kind) ?? m.kind, m.sender, m.senderId, packTime(m.sentAt), m.body, m.externalId, edited, null);
    return;
  }
  out.push(null, null, null, null, null, null, null, Buffer.from(json, 'utf8'));
}

/** A stored value as text: a damaged row may hold another type where text belongs. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return String(v);
}

function timeOf(v: unknown): string {
  return typeof v === 'number' ? unpackTime(v) : typeof v === 'bigint' ? unpackTime(Number(v)) : textOf(v);
}

/** A compact row's kind, from its `kind` column as stored. */
export function kindOfColumn(v: unknown): Message['kind'] {
  const kind = typeof v === 'bigint' ? Number(v) : v;
  return (typeof kind === 'number' ? (KINDS[kind] ?? `kind ${kind}`) : textOf(kind)) as Message['kind'];
}

/** The message a compact row holds (`at` is where its FORM_COLUMNS start in `row`), or null for a verbatim one. */
export function messageOfForm(row: readonly unknown[], at: number): Message | null {
  if (row[at + 7] !== null && row[at + 7] !== undefined) return null;
  return {
    kind: kindOfColumn(row[at]),
    sender: row[at + 1] === null ? null : textOf(row[at + 1]),
    senderId: row[at + 2] === null ? null : textOf(row[at + 2]),
    sentAt: timeOf(row[at + 3]),
    body: textOf(row[at + 4]),
    externalId: row[at + 5] === null ? null : textOf(row[at + 5]),
    editedAt: row[at + 6] === null ? null : timeOf(row[at + 6]),
  };
}

/**
 * The canonical form a row stands for, as the text that is hashed: re-made from the fields, or the
 * verbatim form (read as text; `verify` re-reads a verbatim form holding U+FFFD as bytes). A row
 * whose fields no form can be made of (a damaged one) gives text that hashes to no key.
 */
export function formText(row: readonly unknown[], at: number): string {
  const message = messageOfForm(row, at);
  if (message === null) return textOf(row[at + 7]);
  try {
    return canonicalMessage(message);
  } catch {
    return `unreadable message row: ${JSON.stringify(row.slice(at, at + FORM_WIDTH), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`;
  }
}

/** The message a row holds, whichever way it is stored. */
export function messageOfRow(row: readonly unknown[], at: number): Message {
  return messageOfForm(row, at) ?? messageFromCanonical(textOf(row[at + 7]));
}
