/** `verify` of the captures: each row against its log entry, its message list against the stated root. */
import { msg } from '../i18n/message.js';
import type Database from 'better-sqlite3';
import { sha256Hex } from '../core/hash.js';
import { listRootHex } from '../core/merkle.js';
import { type CaptureStatement, readCaptureStatement } from '../core/entries/capture.js';
import type { BlobIndex } from './blobs/verify-blobs.js';
import { bytesOf, verifyLists, type StoredList } from './lists/verify-lists.js';
import type { CheckedNodes } from './lists/verify-trees.js';
import type { CheckedEntry } from './verify-log.js';
import { compareColumns, entriesOf, statementOf } from './verify-statements.js';
import type { ListedHashes } from './listed-hashes.js';
import type { Problem } from './verify-types.js';

type StoredCaptureRow = Record<string, unknown> & { id: string };
/**
 * A captures row with its message list as put together from its tree (lists/verify-lists.ts), or
 * null where a finding about the tree already explains it.
 */
type CaptureRow = StoredCaptureRow & { list: StoredList | null; byEntryId: ReadonlyMap<string, StoredList | null> | null };

/**
 * The captures with their lists, each list indexed in `listed` and kept only for a capture that
 * is its room's only one (its state is checked against it, verify-state-first.ts): the lists of a
 * room with many captures are read again one at a time when a check needs them.
 */
export function readCaptures(sqlite: Database.Database, problems: Problem[], nodes: CheckedNodes, listed: ListedHashes): CaptureRow[] {
  const rows = sqlite
    .prepare(
      `SELECT id, room_id AS roomId, entry_seq AS entrySeq, blob_sha256 AS rawSha256, format, variant, parser_version AS parserVersion, tz,
       coverage_kind AS coverageKind, coverage_from AS coverageFrom, coverage_to AS coverageTo, message_count AS messageCount,
       merkle_root AS merkleRoot, captured_at AS capturedAt FROM captures`,
    )
    .all() as StoredCaptureRow[];
  const perRoom = new Map<unknown, number>();
  for (const r of rows) perRoom.set(r['roomId'], (perRoom.get(r['roomId']) ?? 0) + 1);
  const alone = new Set(rows.filter((r) => perRoom.get(r['roomId']) === 1).map((r) => r.id));
  const lists = verifyLists(sqlite, nodes, listed, (id) => alone.has(id), problems);
  return rows.map((r) => withList(r, lists.has(r.id) ? lists.get(r.id)! : undefined, lists));
}

const EMPTY: StoredList = { id: '', digest: sha256Hex(Buffer.alloc(0)), length: 0, kept: Buffer.alloc(0) };

/**
 * The row with its list. A row with no pieces under its id takes those under the id its log
 * entry states, when there are (`verifyCaptures` then finds only the changed id), else the empty list.
 */
function withList(r: StoredCaptureRow, list: StoredList | null | undefined, lists: ReadonlyMap<string, StoredList | null>): CaptureRow {
  return Object.assign(r, { list: list === undefined ? EMPTY : list, byEntryId: list === undefined ? lists : null });
}

/**
 * Below this many listed hashes in all, the roots are computed in this thread: a second one
 * takes ~40 ms to start, about what 100k leaves cost here.
 */
export const ROOTS_THREAD_FROM = 100_000;

/** The captures' distinct lists of whole 32-byte hashes held in memory, by SHA-256 of their bytes (ListChecker's key). */
export function distinctLists(rows: readonly CaptureRow[]): Map<string, Buffer> {
  const lists = new Map<string, Buffer>();
  for (const { list } of rows) if (list?.kept != null && list.length % 32 === 0) lists.set(list.digest, list.kept);
  return lists;
}

/** The lists held in memory, by capture id (each a room's only capture's). */
export function keptLists(rows: readonly CaptureRow[]): Map<string, Buffer> {
  const lists = new Map<string, Buffer>();
  for (const { id, list } of rows) if (list?.kept != null) lists.set(id, list.kept);
  return lists;
}

export function listedHashes(lists: ReadonlyMap<string, Buffer>): number {
  let n = 0;
  for (const list of lists.values()) n += list.length / 32;
  return n;
}

/** `sqlite`: the connection whose read transaction the lists were read in, to read those not kept again. */
export function verifyCaptures(
  sqlite: Database.Database,
  rows: readonly CaptureRow[],
  entries: readonly CheckedEntry[],
  blobs: BlobIndex,
  listed: ListedHashes,
  roots: ReadonlyMap<string, string>,
  problems: Problem[],
): number {
  const byId = entriesOf(entries, readCaptureStatement);
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const used = new Set<number>();
  const lists = new ListChecker(listed, roots, (l) => bytesOf(sqlite, l));
  for (const row of rows) {
    const entry = byId.get(row.id) ?? bySeq.get(row['entrySeq'] as number);
    const c = statementOf(entry, readCaptureStatement);
    if (entry?.damaged && c === null) continue;
    if (entry === undefined || c === null) {
      problems.push({
        kind: 'capture-without-entry',
        where: msg('vp.row', { table: 'captures', id: row.id }),
        expected: msg('vp.capture-entry.expected'),
        actual: msg('vp.none'),
      });
      continue;
    }
    used.add(entry.seq);
    const stated = row.byEntryId?.get(String(c.id));
    const listed = stated === undefined ? row : withList(row, stated, new Map());
    compareColumns(
      'captures',
      row.id,
      row,
      {
        id: c.id,
        roomId: entry.roomId,
        entrySeq: entry.seq,
        rawSha256: c.rawSha256,
        format: c.format,
        variant: c.variant,
        parserVersion: c.parserVersion,
        tz: c.tz,
        coverageKind: c.coverageKind,
        coverageFrom: c.coverageFrom,
        coverageTo: c.coverageTo,
        messageCount: c.messageCount,
        merkleRoot: c.merkleRoot,
        capturedAt: c.capturedAt,
      },
      problems,
    );
    checkMessageList(listed, c, lists, problems);
    if (!blobs.has(c.rawSha256 as string))
      problems.push({ kind: 'blob-missing', where: msg('vp.capture-original', { id: row.id }), expected: String(c.rawSha256), actual: msg('vp.not-stored') });
  }
  for (const [id, e] of byId)
    if (!used.has(e.seq))
      problems.push({ kind: 'capture-missing', where: msg('vp.capture-entry', { id, seq: e.seq }), expected: msg('vp.captures-row'), actual: msg('vp.none') });
  return rows.length;
}

/** What a capture's stored list gives, whichever capture stores it. */
interface ListFacts {
  readonly root: string;
  readonly size: number;
  /** 0-based positions of listed hashes with no stored message. */
  readonly missing: readonly number[];
}

/**
 * Captures of one room often store byte-identical lists (a re-import of the same export), and a
 * list's bytes decide its root and which of its messages are missing: each distinct list is
 * worked out once, by its SHA-256, and every capture still gets its own findings (docs/performance.md: an
 * archive of three 200k captures spent 45 % of verify on their lists). A list is read again only
 * where its root is not known already or some listed hash has no row.
 */
class ListChecker {
  private readonly known = new Map<string, ListFacts>();
  private readonly complete: boolean;

  /** `roots`: roots already worked out, by the list's SHA-256. */
  constructor(
    private readonly listed: ListedHashes,
    private readonly roots: ReadonlyMap<string, string>,
    private readonly read: (list: StoredList) => Buffer,
  ) {
    this.complete = listed.allSeen();
  }

  facts(list: StoredList): ListFacts {
    let facts = this.known.get(list.digest);
    if (facts === undefined) {
      facts = this.work(list, this.roots.get(list.digest));
      this.known.set(list.digest, facts);
    }
    return facts;
  }

  bytes(list: StoredList): Buffer {
    return this.read(list);
  }

  private work(list: StoredList, root: string | undefined): ListFacts {
    if (list.length % 32 !== 0) return { root: 'a list of whole 32-byte hashes', size: Math.floor(list.length / 32), missing: [] };
    const size = list.length / 32;
    if (root !== undefined && this.complete) return { root, size, missing: [] };
    const hashes = this.read(list);
    const missing: number[] = [];
    if (!this.complete) for (let i = 0; i < hashes.length; i += 32) if (!this.listed.seenAt(hashes, i)) missing.push(i / 32);
    return { root: root ?? listRootHex(hashes), size, missing };
  }
}

/** The stored hash list must give the root the log states; only then are missing messages worth naming. */
function checkMessageList(row: CaptureRow, c: CaptureStatement, lists: ListChecker, problems: Problem[]): void {
  const { id, list } = row;
  if (list === null) return;
  const { root, size, missing } = lists.facts(list);
  if (root !== c.merkleRoot || size !== c.messageCount) {
    problems.push({
      kind: 'capture-messages-changed',
      where: msg('vp.capture-list', { id }),
      expected: msg('vp.root', { root: String(c.merkleRoot), n: String(c.messageCount) }),
      actual: msg('vp.root', { root, n: String(size) }),
    });
    return;
  }
  if (missing.length === 0) return;
  const hashes = lists.bytes(list);
  for (const i of missing) {
    const h = hashes.toString('hex', i * 32, i * 32 + 32);
    problems.push({ kind: 'message-missing', where: msg('vp.capture-message', { id, n: i + 1 }), expected: h, actual: msg('vp.not-stored') });
  }
}
