import type Database from 'better-sqlite3';
import { isUtf8 } from 'node:buffer';
import { msg } from '../i18n/message.js';
import { MESSAGE_TAG } from '../core/canonical.js';
import { taggedHashHex, taggedHashOfBytes } from '../core/hash.js';
import { RootsThread } from './merkle-thread.js';
import { verifyOriginals, type BlobIndex } from './blobs/verify-blobs.js';
import { CheckedNodes } from './lists/verify-trees.js';
import { verifyLog, type CheckedEntry } from './verify-log.js';
import type { Problem, VerifyProgress, VerifyReport } from './verify-types.js';
import { ListedHashes } from './listed-hashes.js';
import { stateTablesExist, T } from './room-state/tables.js';
import { FirstSightings } from './verify-state-first.js';
import { ROOM_COLUMNS } from './rows.js';
import { FORM_COLUMNS, FORM_READ, formText } from './message-forms.js';
import { listedBlobs } from '../core/entries/read.js';
import { readRoomStatement } from '../core/entries/room.js';
import { distinctLists, keptLists, listedHashes, readCaptures, ROOTS_THREAD_FROM, verifyCaptures } from './verify-captures.js';
import { compareColumns, entriesOf, statementOf } from './verify-statements.js';

/**
 * `chatproof verify`: recompute everything from the stored bytes and collect *every* problem
 * (restic's `check`). Every column of every evidence table is either hashed or compared with the
 * log entry that states it, so no column can change unseen; one changed column gives one finding.
 */
export function verifyArchive(sqlite: Database.Database, progress?: VerifyProgress): VerifyReport {
  return checkStore(sqlite, { progress, rootsThread: true }).finish(new Map());
}

/** The store's checks, read in a transaction `finish` ends; `finish` checks the captures' lists against their roots. */
export interface StoreChecks {
  /**
   * `known`: Merkle roots already worked out, by the SHA-256 of the list of 32-byte hashes they
   * are the root of (`verify`'s re-parse hashes each parsed list so); the other lists' roots are
   * worked out here (or came from the roots thread).
   */
  finish(known: ReadonlyMap<string, string>): VerifyReport;
  /** Ends the checks' read transaction where `finish` will not be called (the caller failed first). */
  abandon(): void;
  /** What the message pass took for the check of rooms' states of one capture; null where the archive keeps no state. */
  readonly sightings: FirstSightings | null;
}

/**
 * Every read of the store's checks, and those `finish` makes, in one read transaction, so every
 * query sees the same snapshot: a capture committed by another process between reading the log
 * and reading the captures would otherwise be reported as a capture without its entry — a false
 * alarm (test/reliability/concurrency.test.ts). The transaction is begun here, unless the caller
 * has one, and ended by `finish`: the lists of a room's many captures are let go after they are
 * checked and indexed, and `finish` reads again the few it needs (a root the re-parse did not
 * give, a message missing).
 * `rootsThread`: the roots of the lists held in memory worked out in a second thread beside the
 * message pass; off where the caller will know them (`verify`'s re-parse gives the parsed lists'
 * roots: a list that hashes the same is the same list, and its root is not worked out twice).
 */
export function checkStore(sqlite: Database.Database, options: { progress?: VerifyProgress | undefined; rootsThread: boolean }): StoreChecks {
  const own = !sqlite.inTransaction;
  if (own) sqlite.exec('BEGIN');
  try {
    const checks = readStore(sqlite, options);
    return {
      sightings: checks.sightings,
      finish(known) {
        try {
          return checks.finish(known);
        } finally {
          if (own && sqlite.inTransaction) sqlite.exec('COMMIT');
        }
      },
      abandon() {
        if (own && sqlite.inTransaction) sqlite.exec('ROLLBACK');
      },
    };
  } catch (e) {
    if (own && sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw e;
  }
}

function readStore(sqlite: Database.Database, options: { progress?: VerifyProgress | undefined; rootsThread: boolean }): StoreChecks {
  const { progress } = options;
  const problems: Problem[] = [];
  const listed = new ListedHashes();
  const { captureRows, blobs } = readLists(sqlite, problems, listed);
  // The lists' roots are worked out beside the message hashing (RootsThread), read after it.
  const lists = distinctLists(captureRows);
  const thread = options.rootsThread && listedHashes(lists) >= ROOTS_THREAD_FROM ? RootsThread.start([...lists.values()]) : null;
  const entries = verifyLog(sqlite, problems);
  const sightings = hasFirstStates(sqlite) ? new FirstSightings(listed) : null;
  const messages = verifyMessages(sqlite, listed, sightings, problems, progress);
  verifyRooms(sqlite, entries, problems);
  return {
    sightings,
    // The read transaction is checkStore's to end.
    abandon() {},
    finish(known) {
      const roots = new Map(known);
      if (thread !== null) for (const [digest, root] of zip([...lists.keys()], thread.roots())) roots.set(digest, root);
      const captures = verifyCaptures(sqlite, captureRows, entries, blobs, listed, roots, problems);
      verifyReferencedBlobs(entries, blobs, problems);
      // In a sound store each capture's list, as checked here, is the one its room's state was folded from.
      if (problems.length === 0) sightings?.listsChecked(keptLists(captureRows));
      return { ok: problems.length === 0, entries: entries.length, captures, messages, blobs: blobs.count, problems };
    },
  };
}

/**
 * The captures with their lists and the originals, each node of the lists' trees re-hashed once
 * for both; the nodes are let go once the lists are put together (~32 MB of them at 1M messages,
 * which the message pass need not keep).
 */
function readLists(sqlite: Database.Database, problems: Problem[], listed: ListedHashes): { captureRows: ReturnType<typeof readCaptures>; blobs: BlobIndex } {
  const nodes = new CheckedNodes(sqlite, problems);
  const captureRows = readCaptures(sqlite, problems, nodes, listed);
  return { captureRows, blobs: verifyOriginals(sqlite, problems, nodes) };
}

/** Whether some room's kept state holds one capture alone: only those are checked with what the message pass takes (verify-state-first.ts). */
function hasFirstStates(sqlite: Database.Database): boolean {
  return stateTablesExist(sqlite) && sqlite.prepare(`SELECT 1 FROM ${T.captures} GROUP BY room HAVING COUNT(*) = 1 LIMIT 1`).get() !== undefined;
}

/** A stored value as bytes: a damaged row may hold TEXT where bytes belong. */
function asBytes(v: unknown): Buffer {
  return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
}

/**
 * Each row's canonical form is re-made from its stored fields (message-forms.ts) and hashed, or,
 * for a form kept verbatim, hashed as the bytes it is. Those are read as text, though:
 * better-sqlite3 makes a string of a row's bytes in a quarter of the time it makes a Buffer (issue
 * 8: half of verify), and where the text holds no U+FFFD the bytes were valid UTF-8, which decodes
 * one to one, so its UTF-8 is exactly the stored bytes. A verbatim row whose text holds U+FFFD (a
 * message that had it, or bytes that are not UTF-8) is read again as bytes.
 */
function verifyMessages(
  sqlite: Database.Database,
  listed: ListedHashes,
  sightings: FirstSightings | null,
  problems: Problem[],
  progress?: VerifyProgress,
): number {
  const total = (sqlite.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number) ?? 0;
  const bytesOf = sqlite.prepare('SELECT hash, canonical_json FROM messages WHERE rowid = ?').raw();
  const fieldBytes = sqlite
    .prepare(
      `SELECT ${FORM_COLUMNS.split(', ')
        .map((c) => `CAST(${c} AS BLOB)`)
        .join(', ')} FROM messages WHERE rowid = ?`,
    )
    .raw();
  const fieldsAreUtf8 = (rowid: number): boolean => ((fieldBytes.get(rowid) as unknown[] | undefined) ?? []).every((v) => !Buffer.isBuffer(v) || isUtf8(v));
  let count = 0;
  const columns = FORM_READ.replace('canonical_json', 'CAST(canonical_json AS TEXT)');
  const rows = sqlite.prepare(`SELECT rowid, lower(hex(hash)), ${columns} FROM messages`).raw().iterate() as IterableIterator<unknown[]>;
  for (const row of rows) {
    const [rowid, key] = row as [number, string];
    const verbatim = row[2 + 7] as string | null;
    count++;
    // Every key is marked among the listed hashes: the captures' lists are then checked in memory
    // rather than with one query per listed message, which was 40 % of verify (docs/performance.md).
    const entry = listed.see(key);
    if (entry >= 0) sightings?.note(entry, row, 2);
    let actual: string;
    let shown = key;
    if (verbatim !== null && verbatim.includes('\uFFFD')) {
      // A damaged page can list a row that a lookup by its rowid then misses: judged as found.
      const [storedKey, stored] = (bytesOf.get(rowid) as [unknown, unknown] | undefined) ?? [key, verbatim];
      actual = Buffer.from(taggedHashOfBytes(MESSAGE_TAG, asBytes(stored)), 'latin1').toString('hex');
      if (!Buffer.isBuffer(storedKey)) shown = String(storedKey);
    } else {
      const form = formText(row, 2);
      // U+FFFD in a field may stand for bytes that are not UTF-8: the stored bytes, not their decoding, are the message.
      actual = form.includes('\uFFFD') && !fieldsAreUtf8(rowid) ? '' : taggedHashHex(MESSAGE_TAG, form);
    }
    if (actual === '') {
      problems.push({ kind: 'message-hash-mismatch', where: msg('vp.row', { table: 'messages', id: shown }), expected: shown, actual: msg('vp.not-utf8') });
    } else if (actual !== key) {
      problems.push({ kind: 'message-hash-mismatch', where: msg('vp.row', { table: 'messages', id: shown }), expected: shown, actual });
      listed.see(actual);
    }
    if (progress && count % 50_000 === 0) progress('messages', count, total);
  }
  progress?.('messages', count, total);
  return count;
}

function verifyRooms(sqlite: Database.Database, entries: readonly CheckedEntry[], problems: Problem[]): void {
  const byId = entriesOf(entries, readRoomStatement);
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const used = new Set<number>();
  const rows = sqlite.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms`).all() as Record<string, unknown>[];
  for (const row of rows) {
    const entry = byId.get(row['id'] as string) ?? bySeq.get(row['createdSeq'] as number);
    const stated = statementOf(entry, readRoomStatement);
    if (entry?.damaged && stated === null) continue;
    if (entry === undefined || stated === null) {
      problems.push({
        kind: 'room-without-entry',
        where: msg('vp.row', { table: 'rooms', id: String(row['id']) }),
        expected: msg('vp.room-entry.expected'),
        actual: msg('vp.none'),
      });
      continue;
    }
    used.add(entry.seq);
    compareColumns('rooms', row['id'] as string, row, { ...stated, createdSeq: entry.seq }, problems);
  }
  for (const [id, e] of byId)
    if (!used.has(e.seq))
      problems.push({ kind: 'room-missing', where: msg('vp.room-entry', { id, seq: e.seq }), expected: msg('vp.rooms-row'), actual: msg('vp.none') });
}

function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  return a.map((x, i) => [x, b[i]!]);
}

/** Entries other than captures that point at stored bytes (timestamp tokens, attached files). */
function verifyReferencedBlobs(entries: readonly CheckedEntry[], blobs: BlobIndex, problems: Problem[]): void {
  for (const e of entries) {
    for (const sha of e.payload ? listedBlobs(e.payload) : []) {
      if (!blobs.has(sha))
        problems.push({ kind: 'blob-missing', where: msg('vp.log-entry', { seq: e.seq, kind: e.kind }), expected: sha, actual: msg('vp.not-stored') });
    }
  }
}
