/**
 * `verify` of the kept room states (src/store/room-state/): each is derived data, never evidence
 * (docs/design/evidence-model.md P11), so it is recomputed from the captures it holds, folded in
 * "as of" order, and compared row by row. A difference is a finding that says what differs; the
 * room's state is then discarded, so that the next import, `show` or web page builds it again
 * from the captures (it never stands in for them). A state that holds fewer captures than its
 * room is not a finding: it is brought up to date when next read.
 */
import { stepArchiveView, EMPTY_ARCHIVE_VIEW, type ArchiveView, type ChangeCounts } from '../core/diff/index.js';
import type { HashedMessage } from '../core/types.js';
import { ArchiveError, IntegrityError } from '../core/errors.js';
import { msg, type Phrase } from '../i18n/message.js';
import { Archive } from './archive.js';
import { captureView } from './capture-view.js';
import { encodeRow, sameRow, STATE_ROW_COLUMNS, STATUSES, type StateRow } from './room-state/rows.js';
import { clearRoomState, ROOM_KEY, stateCurrent, STATE_ROWS, stateTablesExist, T } from './room-state/tables.js';
import type { CaptureRecord } from './records.js';
import type { FirstSightings } from './verify-state-first.js';
import { foldInThread, THREAD_FROM_FOLDED } from './verify-state-thread.js';
import type { Problem } from './verify-types.js';

/** Findings listed per room before the rest are counted in one: a wholly rewritten state is one story. */
const SHOWN_PER_ROOM = 20;

/** `threadFrom`: a room whose messages × captures reach it is folded in a second thread (src/store/verify-state-thread.ts). */
/**
 * `sightings`: what `verify`'s message pass took (store/verify.ts `checkStore`), with which a room
 * state of one capture is checked as it streams (src/store/verify-state-first.ts) rather than folded.
 */
export async function verifyRoomStates(archive: Archive, threadFrom = THREAD_FROM_FOLDED, sightings: FirstSightings | null = null): Promise<Problem[]> {
  const { sqlite } = archive;
  if (!stateTablesExist(sqlite)) return [];
  const problems: Problem[] = [];
  const rooms = sqlite.prepare(`SELECT room_id, messages, (SELECT COUNT(*) FROM ${T.captures} c WHERE c.room = r.k) AS captures FROM ${T.rooms} r`).all() as {
    room_id: string;
    messages: number;
    captures: number;
  }[];
  const differing: string[] = [];
  for (const { room_id: roomId, messages, captures } of rooms) {
    let found: Problem[];
    // Written under another schema, its rowids are not read: it is built again when next read (room-state/tables.ts SCHEMA_NOW).
    if (!stateCurrent(sqlite, roomId)) continue;
    try {
      if (captures === 1 && sightings !== null && firstAgrees(archive, roomId, sightings)) continue;
      const threaded = messages * captures >= threadFrom ? await foldInThread({ path: archive.path, roomId }, messages) : null;
      found = threaded ?? roomStateFindings(archive, roomId);
    } catch (e) {
      // A capture whose list or messages cannot be read (a node or message row damaged or gone):
      // the store's own pass (verify.ts) names that damage; the state cannot be recomputed past it.
      if (e instanceof IntegrityError || e instanceof ArchiveError) continue;
      throw e;
    }
    if (found.length === 0) continue;
    differing.push(roomId);
    problems.push(...found);
  }
  if (differing.length === 0) return [];
  const said = discard(archive, differing) ? 'vp.state.discarded' : 'vp.state.kept';
  return problems.map((p) => ({ ...p, actual: msg(said, { found: p.actual }) }));
}

/** A state of the room's first capture alone, shown to agree as it streams (src/store/verify-state-first.ts). */
function firstAgrees(archive: Archive, roomId: string, sightings: FirstSightings): boolean {
  return archive.sqlite.transaction(() => {
    const only = archive.sqlite.prepare(`SELECT capture_id AS id, changes FROM ${T.captures} WHERE room = ${ROOM_KEY}`).get(roomId) as
      | { id: string; changes: string }
      | undefined;
    return only !== undefined && archive.captures(roomId)[0]?.id === only.id && sightings.agree(archive.sqlite, roomId, only.id, only.changes) === true;
  })();
}

/** One room's findings, read in one transaction (on whichever thread folds it). */
export function roomStateFindings(archive: Archive, roomId: string): Problem[] {
  return archive.sqlite.transaction(() => verifyRoomState(archive, roomId))();
}

function verifyRoomState(archive: Archive, roomId: string): Problem[] {
  const { sqlite } = archive;
  const stored = sqlite.prepare(`SELECT capture_id AS id, changes FROM ${T.captures} WHERE room = ${ROOM_KEY} ORDER BY n`).all(roomId) as {
    id: string;
    changes: string;
  }[];
  const captures = archive.captures(roomId);
  // Only a state that holds the room's first captures in their order is ever read (or extended); any other is built again.
  if (stored.some((s, i) => captures[i]?.id !== s.id)) return [];
  const problems: Problem[] = [];
  const where = (what: Phrase | string) => msg('vp.state', { room: roomId, what });
  const view = fold(archive, captures.slice(0, stored.length), (changes, n) => {
    const expected = JSON.stringify(changes);
    const s = stored[n]!;
    if (expected !== s.changes)
      problems.push({
        kind: 'room-state-differs',
        where: where(msg('vp.state.capture', { table: T.captures, n, capture: s.id })),
        expected,
        actual: s.changes,
      });
  });
  const place = new Map(stored.map((s, n) => [s.id, n]));
  let differences = 0;
  const differs = (i: number, row: StateRow | undefined, want: StateRow | undefined): void => {
    differences++;
    if (differences > SHOWN_PER_ROOM) return;
    problems.push({
      kind: 'room-state-differs',
      where: where(msg('vp.state.message', { table: T.messages, n: i + 1, ord: row === undefined ? '-' : String(row.ord) })),
      expected: want === undefined ? msg('vp.none') : describe(want),
      actual: row === undefined ? msg('vp.none') : describe(row),
    });
  };
  // The stored rows are read one at a time beside the fold's messages, each encoded only as it is compared.
  let i = 0;
  for (const row of sqlite
    .prepare(`SELECT ${STATE_ROW_COLUMNS} FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} ORDER BY s.ord`)
    .iterate(roomId) as IterableIterator<StateRow>) {
    const m = view.messages[i];
    const want = m === undefined ? undefined : encodeRow(m, 0, place, stored.length - 1);
    if (want === undefined || !sameRow(row, want)) differs(i, row, want);
    i++;
  }
  for (; i < view.messages.length; i++) differs(i, undefined, encodeRow(view.messages[i]!, 0, place, stored.length - 1));
  if (differences > SHOWN_PER_ROOM)
    problems.push({
      kind: 'room-state-differs',
      where: where(T.messages),
      expected: msg('vp.state.rows', { n: 0 }),
      actual: msg('vp.state.rows', { n: differences - SHOWN_PER_ROOM }),
    });
  const head = sqlite.prepare(`SELECT messages, counts FROM ${T.rooms} WHERE room_id = ?`).get(roomId) as { messages: number; counts: string };
  const counts = { present: 0, edited: 0, deleted: 0, unsent: 0 };
  for (const m of view.messages) counts[m.status]++;
  const expected = `${view.messages.length} ${JSON.stringify(counts)}`;
  const actual = `${head.messages} ${head.counts}`;
  if (expected !== actual) problems.push({ kind: 'room-state-differs', where: where(msg('vp.state.counts', { table: T.rooms })), expected, actual });
  return problems;
}

/**
 * The room's view folded from `captures` in order, `step` told each capture's changes. A capture's
 * messages are read only when the fold steps over it and shared with the next capture by hash;
 * of earlier captures only the view's messages are kept (superseded versions are let go).
 */
function fold(archive: Archive, captures: readonly CaptureRecord[], step: (changes: ChangeCounts, n: number) => void): ArchiveView {
  let view: ArchiveView = EMPTY_ARCHIVE_VIEW;
  let seen = new Map<string, HashedMessage>();
  captures.forEach((capture, n) => {
    const next = stepArchiveView(view, captureView(archive, capture, seen));
    step(next.changes, n);
    view = next.view;
    // Rebuilt only once the superseded versions grow past an eighth of the view: a new map each step was garbage of its own.
    if (seen.size > view.messages.length + (view.messages.length >> 3)) seen = new Map(view.messages.map((m) => [m.current.hash, m.current]));
  });
  return view;
}

/** A row in words a person can compare: status, message hash, and its sightings by capture number (`newest`: the range still open). */
function describe(r: StateRow): Phrase {
  const n = (v: number | null): string => (v === null ? 'newest' : `#${v}`);
  return msg('vp.state.row', {
    status: STATUSES[r.status] ?? String(r.status),
    hash: r.hash.toString('hex'),
    first: `#${r.first}`,
    last: n(r.last),
    asOf: n(r.as_of),
    now: r.cur === null ? '' : r.cur.toString('hex'),
    versions: r.history ?? '',
  });
}

/** The differing states removed (through a writable connection if this one reads only); false when the file cannot be written. */
function discard(archive: Archive, rooms: readonly string[]): boolean {
  const drop = (a: Archive): void => a.sqlite.transaction(() => rooms.forEach((r) => clearRoomState(a.sqlite, r))).immediate();
  try {
    if (!archive.sqlite.readonly) drop(archive);
    else {
      const writable = Archive.open(archive.path);
      try {
        drop(writable);
      } finally {
        writable.close();
      }
    }
    return true;
  } catch {
    return false;
  }
}
