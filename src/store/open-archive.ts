import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ArchiveError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { migrationsDir } from '../paths.js';
import { applyMigrations } from './migrate.js';
import { nativeLoadFailure } from './native-load.js';

export interface OpenOptions {
  readonly readonly?: boolean;
  /** How long to wait for another chatproof process holding the write lock. */
  readonly busyTimeoutMs?: number;
}

export interface OpenedArchive {
  readonly sqlite: Database.Database;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating on first use, 0600 in a 0700 folder) and migrates the archive. */
export function openArchiveDb(path: string, options: OpenOptions = {}): OpenedArchive {
  const readonly = options.readonly ?? false;
  const created = !existsSync(path);
  if (created) {
    if (readonly) {
      throw new ArchiveError(msg('archive.none-yet', { path }), { hint: msg('archive.none-yet.hint') });
    }
    createEmptyFile(path);
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly, fileMustExist: true, timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    // Another program's database is refused before anything below (WAL mode, the migrations)
    // writes to it: --db pointed at the wrong file, which must stay as it was.
    if (!created && holdsForeignData(sqlite)) {
      sqlite.close();
      throw new ArchiveError(msg('archive.foreign', { path }), { hint: msg('archive.foreign.hint') });
    }
    // 8 KiB pages: a message row and its random 32-byte key spread over half as many pages as
    // with SQLite's 4 KiB, which made inserting 200k messages ~8 % cheaper (docs/performance.md). A page size
    // can only be chosen before the first table, so archives made earlier keep theirs.
    if (created) sqlite.pragma('page_size = 8192');
    if (!readonly) switchToWal(sqlite, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    sqlite.pragma('foreign_keys = ON');
    // REPLACE deletes the old row without firing DELETE triggers unless this is on (docs/design/platform-notes.md §2).
    sqlite.pragma('recursive_triggers = ON');
    // An archive is evidence: a committed capture must survive a power cut, not only a crash.
    if (!readonly) sqlite.pragma('synchronous = FULL');
  } catch (e) {
    const native = nativeLoadFailure(e);
    // SQLite never ran: the empty file made for it above is all there is, and it goes again.
    if (native && created) rmSync(path, { force: true });
    throw native ?? asArchiveError(e, path);
  }
  let upgrade = false;
  try {
    refuseNewerArchive(sqlite, path);
    if (!readonly && pendingMigrations(sqlite)) applyMigrations(sqlite);
    else if (readonly && pendingMigrations(sqlite)) {
      if (appliedMigrationTimes(sqlite).length === 0) {
        throw new ArchiveError(msg('archive.not-ours', { path }), { hint: msg('archive.not-ours.hint') });
      }
      upgrade = true;
    }
  } catch (e) {
    sqlite.close();
    throw asArchiveError(e, path);
  }
  if (!upgrade) return { sqlite };
  // An archive an older chatproof wrote: a reading command (verify, show, report…) upgrades it
  // first, as a writing one would, rather than refusing. The upgrade keeps every hash and log
  // entry (migrations/); it needs write access once.
  sqlite.close();
  openArchiveDb(path, { ...options, readonly: false }).sqlite.close();
  return openArchiveDb(path, options);
}

/**
 * Switching a new archive to WAL needs an exclusive lock taken from a shared one, and SQLite does
 * not call the busy handler for that step: while a second process that is opening the same new
 * archive holds a read lock for a moment, the switch fails at once with SQLITE_BUSY (seen with two
 * imports creating one archive together). So it is retried here for as long as the busy timeout.
 */
function switchToWal(sqlite: Database.Database, timeoutMs: number): void {
  const until = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if (!(e instanceof Database.SqliteError && e.code.startsWith('SQLITE_BUSY')) || Date.now() >= until) throw e;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

function createEmptyFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) {
    // A path through a regular file (ENOTDIR) or a folder one may not write: exit 4, not a crash.
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
    } catch (e) {
      throw asArchiveError(e, path);
    }
  }
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw asArchiveError(e, path);
  }
}

interface JournalEntry {
  readonly when: number;
  readonly tag: string;
}

function journal(): readonly JournalEntry[] {
  const j = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return j.entries;
}

function appliedMigrationTimes(sqlite: Database.Database): number[] {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return [];
  return (sqlite.prepare('SELECT created_at AS t FROM __drizzle_migrations').all() as { t: number }[]).map((r) => Number(r.t));
}

/**
 * Tables but no applied migration: another program's database. Both are read in one transaction:
 * as two reads, a chatproof process creating this archive at the same moment could commit its
 * first migration between them, and its brand-new archive looked foreign (seen with four
 * processes importing into one new archive at once).
 */
function holdsForeignData(sqlite: Database.Database): boolean {
  return sqlite.transaction(
    () => appliedMigrationTimes(sqlite).length === 0 && sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined,
  )();
}

function pendingMigrations(sqlite: Database.Database): boolean {
  const applied = new Set(appliedMigrationTimes(sqlite));
  return journal().some((e) => !applied.has(e.when));
}

/** A migration this version does not know means a newer chatproof wrote the archive. */
function refuseNewerArchive(sqlite: Database.Database, path: string): void {
  const known = new Set(journal().map((e) => e.when));
  const unknown = appliedMigrationTimes(sqlite).filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new ArchiveError(msg('archive.newer', { path }), { hint: msg('archive.newer.hint') });
  }
}

/**
 * A SQLite error that escaped a read (a damaged page: SQLITE_CORRUPT; a failing disk: SQLITE_IOERR)
 * concerns the archive file, so it becomes an ArchiveError (exit 4) rather than an "internal
 * error — a bug" (exit 1). Anything else, a SQLite constraint error included, is left as it is.
 */
export function sqliteFailureAsArchiveError(e: unknown, path: string): unknown {
  return e instanceof Database.SqliteError ? asArchiveError(e, path) : e;
}

export function asArchiveError(e: unknown, path: string): Error {
  if (e instanceof ArchiveError) return e;
  const code = (e as { code?: string }).code ?? '';
  // better-sqlite3 gives extended codes (SQLITE_CORRUPT_INDEX, SQLITE_CANTOPEN_ISDIR, SQLITE_IOERR_WRITE…): match their primary code.
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
  const why = e instanceof Error ? e.message : String(e);
  if (primary === 'SQLITE_BUSY') {
    return new ArchiveError(msg('archive.busy', { path }), { hint: msg('archive.busy.hint'), cause: e });
  }
  if (primary === 'SQLITE_NOTADB' || primary === 'SQLITE_CORRUPT') {
    return new ArchiveError(msg('archive.unreadable', { path, why }), { hint: msg('archive.unreadable.hint'), cause: e });
  }
  if (['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ELOOP', 'ENAMETOOLONG'].includes(primary)) {
    return new ArchiveError(msg('archive.read-only', { path, why }), { hint: msg('archive.read-only.hint'), cause: e });
  }
  if (primary === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new ArchiveError(msg('archive.disk-full', { path }), { hint: msg('archive.disk-full.hint'), cause: e });
  }
  // A write the operating system refused (a file-size limit, a failing or removed disk): the
  // transaction was rolled back, so this is the archive's trouble (exit 4), not a bug (exit 1).
  if (primary === 'SQLITE_IOERR') {
    return new ArchiveError(msg('archive.io', { path, why }), { hint: msg('archive.io.hint'), cause: e });
  }
  return e instanceof Error ? e : new Error(why);
}
