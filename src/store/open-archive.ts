import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ArchiveError } from '../core/errors.js';
import { migrationsDir } from '../paths.js';
import * as schema from './schema.js';

export interface OpenOptions {
  readonly readonly?: boolean;
  /** How long to wait for another chatproof process holding the write lock. */
  readonly busyTimeoutMs?: number;
}

export interface OpenedArchive {
  readonly sqlite: Database.Database;
  readonly db: BetterSQLite3Database<typeof schema>;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating on first use, 0600 in a 0700 folder) and migrates the archive. */
export function openArchiveDb(path: string, options: OpenOptions = {}): OpenedArchive {
  const readonly = options.readonly ?? false;
  if (!existsSync(path)) {
    if (readonly) {
      throw new ArchiveError(`There is no archive at ${path} yet.`, {
        hint: 'Import a chat first (chatproof import FILE), or name the archive with --db PATH.',
      });
    }
    createEmptyFile(path);
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly, fileMustExist: true, timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    if (!readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // REPLACE deletes the old row without firing DELETE triggers unless this is on (stack.md §2).
    sqlite.pragma('recursive_triggers = ON');
    // An archive is evidence: a committed capture must survive a power cut, not only a crash.
    if (!readonly) sqlite.pragma('synchronous = FULL');
  } catch (e) {
    throw asArchiveError(e, path);
  }
  const db = drizzle(sqlite, { schema });
  try {
    refuseNewerArchive(sqlite, path);
    if (!readonly && pendingMigrations(sqlite)) migrate(db, { migrationsFolder: migrationsDir });
    else if (readonly && pendingMigrations(sqlite)) {
      throw new ArchiveError(`${path} is not a chatproof archive, or was made by an older version and never opened for writing.`, {
        hint: 'Open it once without read-only access (for example with `chatproof rooms`), or check the path.',
      });
    }
  } catch (e) {
    sqlite.close();
    throw asArchiveError(e, path);
  }
  return { sqlite, db };
}

function createEmptyFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
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

function pendingMigrations(sqlite: Database.Database): boolean {
  const applied = new Set(appliedMigrationTimes(sqlite));
  return journal().some((e) => !applied.has(e.when));
}

/** A migration this version does not know means a newer chatproof wrote the archive. */
function refuseNewerArchive(sqlite: Database.Database, path: string): void {
  const known = new Set(journal().map((e) => e.when));
  const unknown = appliedMigrationTimes(sqlite).filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new ArchiveError(`The archive ${path} was written by a newer version of chatproof.`, {
      hint: 'Update chatproof (npm install -g chatproof@latest or git pull) and try again; this version will not change it.',
    });
  }
}

export function asArchiveError(e: unknown, path: string): Error {
  if (e instanceof ArchiveError) return e;
  const code = (e as { code?: string }).code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY')) {
    return new ArchiveError(`The archive ${path} is busy: another chatproof process held it longer than the wait allows.`, {
      hint: 'Wait for the other import, sync or report to finish and run the command again.',
      cause: e,
    });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new ArchiveError(`${path} is not a readable chatproof archive (${msg}).`, {
      hint: 'Check the --db path. If this is your archive, it is damaged: restore it from a backup (chatproof backup).',
      cause: e,
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'EROFS') {
    return new ArchiveError(`Cannot open the archive ${path} for writing (${msg}).`, {
      hint: 'Check that the folder exists and that you may write to it, or choose another place with --db PATH.',
      cause: e,
    });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new ArchiveError(`The disk holding ${path} is full; nothing was written.`, {
      hint: 'Free some space and run the command again.',
      cause: e,
    });
  }
  return e instanceof Error ? e : new Error(msg);
}
