/**
 * Reading a room's kept state: whole (an import's comparison), a page at a time (the web app), or
 * in batches (`show`). Every read first makes sure the state holds exactly the room's captures;
 * an archive opened read-only has it brought up to date through a second, writable connection,
 * and where the file cannot be written at all the caller folds the captures instead (null).
 */
import type { ArchiveView, ChangeCounts, MessageStatus, ViewMessage } from '../../core/diff/index.js';
import { withHash, type HashedMessage } from '../../core/types.js';
import { Archive } from '../archive.js';
import { FORM_READ, messageOfRow, packedMillis } from '../message-forms.js';
import { decodeRow, STATE_ROW_COLUMNS, type StateRow } from './rows.js';
import { ROOM_KEY, STATE_ROWS, T } from './tables.js';
import { isFresh, loadRows, stateCaptures, updateRoomState } from './update.js';

export type StatusCounts = Readonly<Record<MessageStatus, number>>;

/** The room's state brought up to date: the captures it holds, in "as of" order; null when it cannot be kept. */
export function freshState(archive: Archive, roomId: string): string[] | null {
  const captures = archive.captures(roomId);
  const stored = stateCaptures(archive.sqlite, roomId);
  if (isFresh(stored, captures)) return stored;
  try {
    if (!archive.sqlite.readonly) updateRoomState(archive, roomId);
    else {
      const writable = Archive.open(archive.path);
      try {
        updateRoomState(writable, roomId);
      } finally {
        writable.close();
      }
    }
  } catch (e) {
    if (archive.sqlite.readonly && isReadOnlyFailure(e)) return null;
    throw e;
  }
  return stateCaptures(archive.sqlite, roomId);
}

/** A file or folder that cannot be written (a copy on read-only media): the state is not kept there. */
function isReadOnlyFailure(e: unknown): boolean {
  const code = (e as { code?: unknown; cause?: { code?: unknown } }).code ?? (e as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' && /^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM|EACCES|EPERM|EROFS)/.test(code);
}

/** The whole state as the archive view; null when it cannot be kept (see freshState). */
export function stateView(archive: Archive, roomId: string, seen = new Map<string, HashedMessage>()): ArchiveView | null {
  const captures = freshState(archive, roomId);
  return captures === null ? null : loadRows(archive.sqlite, roomId, captures, archive.messageReader(seen)).view;
}

/** What a capture changed in its room, as `import` reported it (against the state before it, in "as of" order). */
export function stateChanges(archive: Archive, roomId: string, captureId: string): ChangeCounts | null {
  if (freshState(archive, roomId) === null) return null;
  const text = archive.sqlite.prepare(`SELECT changes FROM ${T.captures} WHERE room = ${ROOM_KEY} AND capture_id = ?`).pluck().get(roomId, captureId) as
    | string
    | undefined;
  return text === undefined ? null : (JSON.parse(text) as ChangeCounts);
}

/** The room's message count and status counts, as the state holds them (brought up to date first by the caller). */
export function stateCounts(archive: Archive, roomId: string): { messages: number; counts: StatusCounts } {
  const head = archive.sqlite.prepare(`SELECT messages, counts FROM ${T.rooms} WHERE room_id = ?`).get(roomId) as
    | { messages: number; counts: string }
    | undefined;
  return head === undefined
    ? { messages: 0, counts: { present: 0, edited: 0, deleted: 0, unsent: 0 } }
    : { messages: head.messages, counts: JSON.parse(head.counts) as StatusCounts };
}

export interface StatePage {
  readonly captures: readonly string[];
  readonly counts: StatusCounts;
  /** How many messages pass the filter, over all pages. */
  readonly total: number;
  readonly messages: readonly ViewMessage[];
}

/**
 * `limit` messages from `offset` on, in view order; `changedOnly` keeps the edited, unsent and
 * deleted ones (a partial index holds just those). Only the page's rows and messages are read.
 */
export function statePage(archive: Archive, roomId: string, opts: { offset: number; limit: number; changedOnly: boolean }): StatePage | null {
  const captures = freshState(archive, roomId);
  if (captures === null) return null;
  const { sqlite } = archive;
  const { messages, counts } = stateCounts(archive, roomId);
  const filter = opts.changedOnly ? 'AND s.status <> 0' : '';
  const total = opts.changedOnly ? counts.edited + counts.deleted + counts.unsent : messages;
  const rows = sqlite
    .prepare(`SELECT ${STATE_ROW_COLUMNS} FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} ${filter} ORDER BY s.ord LIMIT ? OFFSET ?`)
    .all(roomId, opts.limit, opts.offset) as StateRow[];
  const read = archive.messageReader();
  return { captures, counts, total, messages: rows.map((r) => decodeRow(r, captures, read)) };
}

/** The state in view order, `size` messages at a time, each batch's messages read then let go. */
export function* stateBatches(archive: Archive, roomId: string, captures: readonly string[], size = 500): Generator<ViewMessage[]> {
  // Each row's content comes with it, from the messages row its rowid names (no lookup by hash);
  // other versions, rarely read twice, are read by hash.
  const next = archive.sqlite
    .prepare(`SELECT ${STATE_ROW_COLUMNS}, ${CONTENT_FORM} FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} AND s.ord > ? ORDER BY s.ord LIMIT ?`)
    .raw();
  // One statement for every batch, and no cache: a statement prepared per batch is freed only when
  // V8 collects its wrapper, and a cache kept across batches holds each batch's messages until
  // they are promoted (docs/performance.md).
  const read = archive.messageReader(null);
  let after = Number.NEGATIVE_INFINITY;
  for (;;) {
    const rows = next.all(roomId, after, size) as unknown[][];
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const row = stateRowOf(r);
      const hash = row.hash.toString('hex');
      const content = row.hash.length === 32 ? withHash(messageOfRow(r, 8), hash) : null;
      return decodeRow(row, captures, (h) => (content !== null && h === hash ? content : read(h)));
    });
    after = rows[rows.length - 1]![0] as number;
  }
}

/**
 * The places (`ord`, in view order) of the state's messages sent from `from` to `to` (instants in
 * ms, both included; ±Infinity for an open end), by the content's sending time as the view holds
 * it, the room brought up to date first (null: it cannot be kept). The view is in time order
 * (core/diff/view.ts `inTimeOrder`: every time that can be read is at or after the ones before it;
 * one that cannot sorts with its neighbour and is outside any range), so the first place is found
 * by bisecting `ord` and the range read from there until a message sent after `to`: a 10k range of
 * a 1M room reads about 10k rows, not 1M. A time stored packed (message-forms.ts) is read as its
 * instant without making the message; only a message stored verbatim is read whole. `verify`
 * compares the state, order included, with the fold of the captures.
 */
export function stateOrdsSent(archive: Archive, roomId: string, from: number, to: number): { captures: string[]; ords: number[] } | null {
  const captures = freshState(archive, roomId);
  if (captures === null) return null;
  const { sqlite } = archive;
  const rows = `SELECT s.ord, m.sent_at, coalesce(m.hash, x'') FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} AND s.ord >= ? ORDER BY s.ord`;
  const page = sqlite.prepare(`${rows} LIMIT 16`).raw();
  const read = archive.messageReader();
  const msOf = ([, sentAt, hash]: TimedRow): number =>
    typeof sentAt === 'number' || typeof sentAt === 'bigint'
      ? packedMillis(Number(sentAt))
      : Date.parse(typeof sentAt === 'string' ? sentAt : read(hash.toString('hex')).sentAt);
  /** The time of the first message at or after `ord` whose time can be read; Infinity past the last. */
  const readableFrom = (ord: number): number => {
    for (let at = ord; ;) {
      const batch = page.all(roomId, at) as TimedRow[];
      if (batch.length === 0) return Number.POSITIVE_INFINITY;
      for (const row of batch) {
        const ms = msOf(row);
        if (!Number.isNaN(ms)) return ms;
      }
      at = batch[batch.length - 1]![0] + 1;
    }
  };
  const span = sqlite.prepare(`SELECT MIN(ord) AS lo, MAX(ord) AS hi FROM ${T.messages} WHERE room = ${ROOM_KEY}`).get(roomId) as {
    lo: number | null;
    hi: number | null;
  };
  if (span.lo === null || span.hi === null) return { captures, ords: [] };
  let lo = span.lo;
  let hi = span.hi + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (readableFrom(mid) >= from) hi = mid;
    else lo = mid + 1;
  }
  const ords: number[] = [];
  for (const row of sqlite.prepare(rows).raw().iterate(roomId, lo) as IterableIterator<TimedRow>) {
    const ms = msOf(row);
    if (ms > to) break;
    if (ms >= from) ords.push(row[0]);
  }
  return { captures, ords };
}

/** The content message's stored form, as FORM_READ reads it, from the row `m` of STATE_ROWS. */
const CONTENT_FORM = FORM_READ.split(', ')
  .map((c) => c.replace(/^(CAST\()?(\w+)/, (_, cast: string | undefined, name: string) => `${cast ?? ''}m.${name}`))
  .join(', ');

/** A row read raw with STATE_ROW_COLUMNS first. */
function stateRowOf(r: readonly unknown[]): StateRow {
  const [ord, hash, cur, status, first, last, as_of, history] = r as [
    number,
    Buffer,
    Buffer | null,
    number,
    number,
    number | null,
    number | null,
    string | null,
  ];
  return { ord, hash, cur, status, first, last, as_of, history };
}

/** A state row's place, its message's stored sending time (packed, text, or NULL for a verbatim form) and its hash. */
type TimedRow = [number, number | bigint | string | null, Buffer];

/** The state's rows at `ords`, decoded with `read` (a report passes a reader that checks each message against its hash). */
export function stateMessagesAt(
  archive: Archive,
  roomId: string,
  captures: readonly string[],
  ords: readonly number[],
  read: (hash: string) => HashedMessage,
): ViewMessage[] {
  const get = archive.sqlite.prepare(`SELECT ${STATE_ROW_COLUMNS} FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} AND s.ord = ?`);
  return ords.map((ord) => decodeRow(get.get(roomId, ord) as StateRow, captures, read));
}
