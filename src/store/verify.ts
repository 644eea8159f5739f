import type Database from 'better-sqlite3';
import { MESSAGE_TAG } from '../core/canonical.js';
import { sha256Hex, taggedHashHex, taggedHashOfBytes } from '../core/hash.js';
import { listRootHex } from '../core/merkle.js';
import { RootsThread } from '../core/merkle-thread.js';
import { verifyOriginals, type BlobIndex } from './blobs/verify-blobs.js';
import { verifyLists } from './lists/verify-lists.js';
import { verifyLog, type CheckedEntry } from './verify-log.js';
import type { Problem, VerifyProgress, VerifyReport } from './verify-types.js';
import { ROOM_COLUMNS } from './rows.js';

/**
 * `chatproof verify`: recompute everything from the stored bytes and collect *every* problem
 * (restic's `check`). Every column of every evidence table is either hashed or compared with the
 * log entry that states it, so no column can change unseen; one changed column gives one finding.
 */
export function verifyArchive(sqlite: Database.Database, progress?: VerifyProgress): VerifyReport {
  // One read transaction, so every query sees the same snapshot: a capture committed by another
  // process between reading the log and reading the captures would otherwise be reported as a
  // capture without its entry — a false alarm (test/reliability/concurrency.test.ts).
  if (!sqlite.inTransaction) return sqlite.transaction(() => verifyArchive(sqlite, progress))();
  const problems: Problem[] = [];
  const captureRows = readCaptures(sqlite, problems);
  // The lists' roots are worked out beside the message hashing (RootsThread), read after it.
  const lists = distinctLists(captureRows);
  const thread = listedHashes(lists) >= ROOTS_THREAD_FROM ? RootsThread.start([...lists.values()]) : null;
  const entries = verifyLog(sqlite, problems);
  const blobs = verifyOriginals(sqlite, problems);
  const messages = verifyMessages(sqlite, problems, progress);
  verifyRooms(sqlite, entries, problems);
  const roots = thread === null ? new Map<string, string>() : new Map(zip([...lists.keys()], thread.roots()));
  const captures = verifyCaptures(captureRows, entries, blobs, messages, roots, problems);
  verifyReferencedBlobs(entries, blobs, problems);
  return { ok: problems.length === 0, entries: entries.length, captures, messages: messages.count, blobs: blobs.count, problems };
}

/** Message hashes as lower-case hex, as `exists` is asked for them. */
interface MessageIndex { readonly count: number; readonly exists: (hashHex: string) => boolean }

/** A stored value as bytes: a damaged row may hold TEXT where bytes belong. */
function asBytes(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
}

/**
 * Each stored canonical form is hashed as the bytes it is. They are read as text, though:
 * better-sqlite3 makes a string of a row's bytes in a quarter of the time it makes a Buffer (issue
 * 8: half of verify), and where the text holds no U+FFFD the bytes were valid UTF-8, which decodes
 * one to one, so its UTF-8 is exactly the stored bytes. A row whose text holds U+FFFD (a message
 * that had it, or bytes that are not UTF-8) is read again as bytes.
 */
function verifyMessages(sqlite: Database.Database, problems: Problem[], progress?: VerifyProgress): MessageIndex {
  const total = (sqlite.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number) ?? 0;
  const bytesOf = sqlite.prepare('SELECT hash, canonical_json FROM messages WHERE rowid = ?').raw();
  const movedContent = new Set<string>();
  // Every key, kept from this pass: the captures' lists are then checked in memory rather than
  // with one query per listed message, which was 40 % of verify (docs/performance.md). ~100 bytes a message.
  const keys = new Set<string>();
  let count = 0;
  const rows = sqlite.prepare('SELECT rowid, lower(hex(hash)), CAST(canonical_json AS TEXT) FROM messages').raw().iterate() as IterableIterator<[number, string, string | null]>;
  for (const [rowid, key, text] of rows) {
    count++;
    keys.add(key);
    let actual: string;
    let shown = key;
    // NULL (a damaged page can hold one where NOT NULL was checked on write) is read as the bytes
    // path reads it: a mismatch found, not a crash.
    if (text === null || text.includes('\uFFFD')) {
      const [storedKey, stored] = bytesOf.get(rowid) as [unknown, unknown];
      actual = Buffer.from(taggedHashOfBytes(MESSAGE_TAG, asBytes(stored)), 'latin1').toString('hex');
      if (!Buffer.isBuffer(storedKey)) shown = String(storedKey);
    } else {
      actual = taggedHashHex(MESSAGE_TAG, text);
    }
    if (actual !== key) {
      problems.push({ kind: 'message-hash-mismatch', where: `messages row ${shown}`, expected: shown, actual });
      movedContent.add(actual);
    }
    if (progress && count % 50_000 === 0) progress('messages', count, total);
  }
  progress?.('messages', count, total);
  return { count, exists: (h) => keys.has(h) || movedContent.has(h) };
}

/** Entries stating a record under `key`, by the record's id (the payload decides, not the kind column, which may be the damaged one). */
function entriesOf(entries: readonly CheckedEntry[], key: string): Map<string, CheckedEntry> {
  const m = new Map<string, CheckedEntry>();
  for (const e of entries) {
    const obj = e.payload?.[key] as Record<string, unknown> | undefined;
    if (obj && typeof obj['id'] === 'string') m.set(obj['id'], e);
  }
  return m;
}

function compareColumns(table: string, id: string, row: Record<string, unknown>, stated: Record<string, unknown>, problems: Problem[]): void {
  const differing = Object.keys(stated).filter((k) => JSON.stringify(row[k] ?? null) !== JSON.stringify(stated[k] ?? null));
  if (differing.length === 0) return;
  problems.push({
    kind: `${table}-row-changed`,
    where: `${table} row ${id}, column ${differing.join(', ')}`,
    expected: differing.map((k) => JSON.stringify(stated[k] ?? null)).join(', '),
    actual: differing.map((k) => JSON.stringify(row[k] ?? null)).join(', '),
  });
}

function verifyRooms(sqlite: Database.Database, entries: readonly CheckedEntry[], problems: Problem[]): void {
  const byId = entriesOf(entries, 'room');
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const used = new Set<number>();
  const rows = sqlite.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms`).all() as Record<string, unknown>[];
  for (const row of rows) {
    const entry = byId.get(row['id'] as string) ?? bySeq.get(row['createdSeq'] as number);
    if (entry?.damaged && !entry.payload?.['room']) continue;
    if (!entry?.payload?.['room']) {
      problems.push({ kind: 'room-without-entry', where: `rooms row ${String(row['id'])}`, expected: 'a room entry in the log', actual: 'none' });
      continue;
    }
    used.add(entry.seq);
    const stated = entry.payload!['room'] as Record<string, unknown>;
    compareColumns('rooms', row['id'] as string, row, { ...stated, createdSeq: entry.seq }, problems);
  }
  for (const [id, e] of byId) if (!used.has(e.seq)) problems.push({ kind: 'room-missing', where: `room ${id} (log entry ${e.seq})`, expected: 'a rooms row', actual: 'none' });
}

type StoredCaptureRow = Record<string, unknown> & { id: string };
/**
 * A captures row with its message list put together from its pieces (lists/verify-lists.ts), or
 * null where a finding about the pieces already explains it; `listDigest`: SHA-256 of the list,
 * the key its list facts are kept under.
 */
type CaptureRow = StoredCaptureRow & { hashes: Buffer | null; listDigest: string; byEntryId: ReadonlyMap<string, Buffer | null> | null };

function readCaptures(sqlite: Database.Database, problems: Problem[]): CaptureRow[] {
  const lists = verifyLists(sqlite, problems);
  const rows = sqlite.prepare(
    `SELECT id, room_id AS roomId, entry_seq AS entrySeq, blob_sha256 AS rawSha256, format, variant, parser_version AS parserVersion, tz,
       coverage_kind AS coverageKind, coverage_from AS coverageFrom, coverage_to AS coverageTo, message_count AS messageCount,
       merkle_root AS merkleRoot, captured_at AS capturedAt FROM captures`,
  ).all() as StoredCaptureRow[];
  // A list is hashed once here (6.4 MB at 200k messages), not again when its capture is checked.
  return rows.map((r) => withList(r, lists.has(r.id) ? lists.get(r.id)! : undefined, lists));
}

/**
 * The row with its list. A row with no pieces under its id takes those under the id its log
 * entry states, when there are (`verifyCaptures` then finds only the changed id), else the empty list.
 */
function withList(r: StoredCaptureRow, hashes: Buffer | null | undefined, lists: ReadonlyMap<string, Buffer | null>): CaptureRow {
  const list = hashes === undefined ? Buffer.alloc(0) : hashes;
  return Object.assign(r, { hashes: list, listDigest: list === null ? '' : sha256Hex(list), byEntryId: hashes === undefined ? lists : null });
}

/**
 * Below this many listed hashes in all, the roots are computed in this thread: a second one
 * takes ~40 ms to start, about what 100k leaves cost here.
 */
const ROOTS_THREAD_FROM = 100_000;

/** The captures' distinct lists of whole 32-byte hashes, by SHA-256 of their bytes (ListChecker's key). */
function distinctLists(rows: readonly CaptureRow[]): Map<string, Buffer> {
  const lists = new Map<string, Buffer>();
  for (const row of rows) {
    if (row.hashes !== null && row.hashes.length % 32 === 0) lists.set(row.listDigest, row.hashes);
  }
  return lists;
}

function listedHashes(lists: ReadonlyMap<string, Buffer>): number {
  let n = 0;
  for (const list of lists.values()) n += list.length / 32;
  return n;
}

function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  return a.map((x, i) => [x, b[i]!]);
}

function verifyCaptures(rows: readonly CaptureRow[], entries: readonly CheckedEntry[], blobs: BlobIndex, messages: MessageIndex, roots: ReadonlyMap<string, string>, problems: Problem[]): number {
  const byId = entriesOf(entries, 'capture');
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const used = new Set<number>();
  const lists = new ListChecker(messages, roots);
  for (const row of rows) {
    const entry = byId.get(row.id) ?? bySeq.get(row['entrySeq'] as number);
    if (entry?.damaged && !entry.payload?.['capture']) continue;
    if (!entry?.payload?.['capture']) {
      problems.push({ kind: 'capture-without-entry', where: `captures row ${row.id}`, expected: 'a capture entry in the log', actual: 'none' });
      continue;
    }
    used.add(entry.seq);
    const c = entry.payload!['capture'] as Record<string, unknown> & { coverage: { kind: string; from: string | null; to: string | null } };
    const stated = row.byEntryId?.get(String(c['id']));
    const listed = stated === undefined ? row : withList(row, stated, new Map());
    compareColumns('captures', row.id, row, {
      id: c['id'], roomId: entry.roomId, entrySeq: entry.seq, rawSha256: c['rawSha256'], format: c['format'], variant: c['variant'],
      parserVersion: c['parserVersion'], tz: c['tz'], coverageKind: c.coverage.kind, coverageFrom: c.coverage.from, coverageTo: c.coverage.to,
      messageCount: c['messageCount'], merkleRoot: c['merkleRoot'], capturedAt: c['capturedAt'],
    }, problems);
    checkMessageList(listed, c, lists, problems);
    if (!blobs.has(c['rawSha256'] as string)) problems.push({ kind: 'blob-missing', where: `capture ${row.id}: original file`, expected: String(c['rawSha256']), actual: 'not stored' });
  }
  for (const [id, e] of byId) if (!used.has(e.seq)) problems.push({ kind: 'capture-missing', where: `capture ${id} (log entry ${e.seq})`, expected: 'a captures row', actual: 'none' });
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
 * archive of three 200k captures spent 45 % of verify on their lists).
 */
class ListChecker {
  private readonly known = new Map<string, ListFacts>();

  /** `roots`: roots already worked out, by the list's SHA-256. */
  constructor(
    private readonly messages: MessageIndex,
    private readonly roots: ReadonlyMap<string, string>,
  ) {}

  facts(hashes: Buffer, digest: string): ListFacts {
    let facts = this.known.get(digest);
    if (facts === undefined) {
      facts = this.work(hashes, this.roots.get(digest));
      this.known.set(digest, facts);
    }
    return facts;
  }

  private work(hashes: Buffer, root: string | undefined): ListFacts {
    if (hashes.length % 32 !== 0) return { root: 'a list of whole 32-byte hashes', size: Math.floor(hashes.length / 32), missing: [] };
    const missing: number[] = [];
    for (let i = 0; i < hashes.length; i += 32) if (!this.messages.exists(hashes.toString('hex', i, i + 32))) missing.push(i / 32);
    return { root: root ?? listRootHex(hashes), size: hashes.length / 32, missing };
  }
}

/** The stored hash list must give the root the log states; only then are missing messages worth naming. */
function checkMessageList(row: CaptureRow, c: Record<string, unknown>, lists: ListChecker, problems: Problem[]): void {
  const { id, hashes } = row;
  if (hashes === null) return;
  const { root, size, missing } = lists.facts(hashes, row.listDigest);
  if (root !== c['merkleRoot'] || size !== c['messageCount']) {
    problems.push({ kind: 'capture-messages-changed', where: `captures row ${id}, its message list (capture_lists rows)`, expected: `root ${String(c['merkleRoot'])} over ${String(c['messageCount'])} messages`, actual: `root ${root} over ${size} messages` });
    return;
  }
  for (const i of missing) {
    const h = hashes.toString('hex', i * 32, i * 32 + 32);
    problems.push({ kind: 'message-missing', where: `capture ${id}, message ${i + 1}`, expected: h, actual: 'not stored' });
  }
}

/** Entries other than captures that point at stored bytes (timestamp tokens, attached files). */
function verifyReferencedBlobs(entries: readonly CheckedEntry[], blobs: BlobIndex, problems: Problem[]): void {
  for (const e of entries) {
    const refs = (e.payload?.['blobs'] as string[] | undefined) ?? [];
    for (const sha of refs) {
      if (!blobs.has(sha)) problems.push({ kind: 'blob-missing', where: `log entry ${e.seq} (${e.kind})`, expected: sha, actual: 'not stored' });
    }
  }
}
