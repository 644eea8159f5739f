/**
 * `verify` of the kept room states (src/store/room-state/): each is derived data, never evidence
 * (docs/design/evidence-model.md P11), so it is recomputed from the captures it holds, folded in
 * "as of" order, and compared row by row. A difference is a finding that says what differs; the
 * room's state is then discarded, so that the next import, `show` or web page builds it again
 * from the captures (it never stands in for them). A state that holds fewer captures than its
 * room is not a finding: it is brought up to date when next read.
 */
import type { ChangeCounts } from '../core/diff/index.js';
import { ArchiveError, IntegrityError } from '../core/errors.js';
import { msg, type Phrase } from '../i18n/message.js';
import { Archive } from './archive.js';
import { MessageFacts } from './compare-sides.js';
import { HashIds } from './hash-ids.js';
import { listPieces } from './lists/hash-lists.js';
import { sameRow, STATE_ROW_COLUMNS, STATUSES, type StateRow } from './room-state/rows.js';
import { EMPTY_STATE, rowAt, statusCounts, type StateArrays } from './room-state/arrays.js';
import { stepArrays } from './room-state/step.js';
import { clearRoomState, ROOM_KEY, stateCurrent, STATE_ROWS, stateTablesExist, T } from './room-state/tables.js';
import type { CaptureRecord } from './records.js';
import type { FirstSightings } from './verify-state-first.js';
import { foldInThread, THREAD_FROM_FOLDED } from './verify-state-thread.js';
import type { Problem, VerifyProgress } from './verify-types.js';

/** Findings listed per room before the rest are counted in one: a wholly rewritten state is one story. */
const SHOWN_PER_ROOM = 20;

/**
 * `threadFrom`: a room of at least this many messages is folded in a second thread (src/store/verify-state-thread.ts).
 * `sightings`: what `verify`'s message pass took (store/verify.ts `checkStore`), with which a room
 * state of one capture is checked as it streams (src/store/verify-state-first.ts) rather than folded.
 * `progress`: told of each capture folded, across the rooms (phase `states`).
 */
export async function verifyRoomStates(
  archive: Archive,
  threadFrom = THREAD_FROM_FOLDED,
  sightings: FirstSightings | null = null,
  progress?: VerifyProgress,
): Promise<Problem[]> {
  const { sqlite } = archive;
  if (!stateTablesExist(sqlite)) return [];
  const problems: Problem[] = [];
  const rooms = sqlite.prepare(`SELECT room_id, messages, (SELECT COUNT(*) FROM ${T.captures} c WHERE c.room = r.k) AS captures FROM ${T.rooms} r`).all() as {
    room_id: string;
    messages: number;
    captures: number;
  }[];
  const differing: string[] = [];
  const stale: string[] = [];
  const total = rooms.reduce((n, r) => n + r.captures, 0);
  let done = 0;
  for (const { room_id: roomId, messages, captures } of rooms) {
    let found: Problem[];
    const before = done;
    const folded = (n: number): void => progress?.('states', (done = before + n), total);
    // Written under another schema, its rowids are not read (room-state/tables.ts SCHEMA_NOW), and
    // not left either: kept unchecked, it would pass for current once the cookie reached what it
    // states (every VACUUM and migration adds one; a backup's copy starts again from 1). Dropped,
    // it is built again from the captures when next read.
    if (!stateCurrent(sqlite, roomId)) {
      folded(captures);
      stale.push(roomId);
      continue;
    }
    try {
      if (captures === 1 && sightings !== null && firstAgrees(archive, roomId, sightings)) {
        folded(1);
        continue;
      }
      const threaded = messages >= threadFrom ? await foldInThread({ path: archive.path, roomId }, messages) : null;
      found = threaded ?? roomStateFindings(archive, roomId, folded);
      folded(captures);
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
  if (stale.length > 0) discard(archive, stale);
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

/** One room's findings, read in one transaction (on whichever thread folds it); `folded` told the number of captures folded so far. */
export function roomStateFindings(archive: Archive, roomId: string, folded?: (n: number) => void): Problem[] {
  return archive.sqlite.transaction(() => verifyRoomState(archive, roomId, folded))();
}

function verifyRoomState(archive: Archive, roomId: string, folded?: (n: number) => void): Problem[] {
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
  const { state, ids } = fold(archive, captures.slice(0, stored.length), (changes, n) => {
    const expected = JSON.stringify(changes);
    const s = stored[n]!;
    if (expected !== s.changes)
      problems.push({
        kind: 'room-state-differs',
        where: where(msg('vp.state.capture', { table: T.captures, n, capture: s.id })),
        expected,
        actual: s.changes,
      });
    folded?.(n + 1);
  });
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
  // The stored rows are read one at a time beside the folded state's, each made a row only as it is compared.
  let i = 0;
  for (const row of sqlite
    .prepare(`SELECT ${STATE_ROW_COLUMNS} FROM ${STATE_ROWS} WHERE s.room = ${ROOM_KEY} ORDER BY s.ord`)
    .iterate(roomId) as IterableIterator<StateRow>) {
    const want = i < state.length ? rowAt(state, i, ids) : undefined;
    if (want === undefined || !sameRow(row, want)) differs(i, row, want);
    i++;
  }
  for (; i < state.length; i++) differs(i, undefined, rowAt(state, i, ids));
  if (differences > SHOWN_PER_ROOM)
    problems.push({
      kind: 'room-state-differs',
      where: where(T.messages),
      expected: msg('vp.state.rows', { n: 0 }),
      actual: msg('vp.state.rows', { n: differences - SHOWN_PER_ROOM }),
    });
  const head = sqlite.prepare(`SELECT messages, counts FROM ${T.rooms} WHERE room_id = ?`).get(roomId) as { messages: number; counts: string };
  const expected = `${state.length} ${JSON.stringify(statusCounts(state))}`;
  const actual = `${head.messages} ${head.counts}`;
  if (expected !== actual) problems.push({ kind: 'room-state-differs', where: where(msg('vp.state.counts', { table: T.rooms })), expected, actual });
  return problems;
}

/**
 * The room's state folded from `captures` in order, `step` told each capture's changes: the
 * rows the import keeps, as numbers (room-state/step.ts `stepArrays`, the fold of
 * `stepArchiveView` on the messages' hashes), one row a message ever seen and each distinct hash
 * once, whatever the number of captures. A capture's list is read a piece at a time as it is
 * folded in and let go; messages are read whole only where the hashes leave them unpaired. The
 * fold of whole messages held ~1 KB a message and took 30 daily captures of a 100k room to
 * 370 MiB in a thread of its own (docs/performance.md).
 */
function fold(archive: Archive, captures: readonly CaptureRecord[], step: (changes: ChangeCounts, n: number) => void): { state: StateArrays; ids: HashIds } {
  const { sqlite } = archive;
  const expected = Math.ceil(Math.max(0, ...captures.map((c) => c.messageCount)) * 1.05) + 1024;
  const ids = new HashIds(expected);
  const facts = new MessageFacts(sqlite, ids, expected);
  let state = EMPTY_STATE;
  const folded: string[] = [];
  captures.forEach((capture, n) => {
    folded.push(capture.id);
    const keys = ids.idsOfPieces(listPieces(sqlite, capture.id), capture.messageCount);
    const { next, changes } = stepArrays(state, folded, capture, keys, facts);
    step(changes, n);
    state = next;
  });
  return { state, ids };
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
