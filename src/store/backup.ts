import type Database from 'better-sqlite3';
import Sqlite from 'better-sqlite3';
import { lstatSync, rmSync } from 'node:fs';
import { ArchiveError, InterruptedError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { AtomicFile, SQLITE_COMPANIONS } from '../output/index.js';
import { asArchiveError } from './open-archive.js';

/** Archive.backup's work (src/store/archive.ts): a copy of an open archive, written whole or not at all. */
export async function backupArchive(sqlite: Database.Database, target: string, options: { mode?: number; signal?: AbortSignal }): Promise<void> {
  const out = new AtomicFile(target, options.mode);
  out.release();
  try {
    await sqlite.backup(out.tempPath);
    if (options.signal?.aborted) throw new InterruptedError(msg('interrupted.backup'), { where: target });
    checkCopy(out.tempPath);
    // A journal left beside the target (an older copy opened and killed) would be replayed into the new copy.
    for (const suffix of SQLITE_COMPANIONS) if (isFile(target + suffix)) rmSync(target + suffix);
    out.commit();
  } catch (e) {
    out.abort();
    throw asArchiveError(e, target);
  }
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** The copy opens as a database whose pages are sound; closing it folds its WAL back in, leaving one file. */
function checkCopy(path: string): void {
  const copy = new Sqlite(path, { fileMustExist: true });
  try {
    const result = copy.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new ArchiveError(msg('archive.backup-unsound', { result: String(result) }), { where: path });
  } finally {
    copy.close();
  }
}
