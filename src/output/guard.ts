import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { msg, type Phrase } from '../i18n/message.js';

/** What an output must never land on: the archive (with its SQLite companions) and the inputs being read. */
export interface Protected {
  /** The archive the command has open; its -wal, -shm and -journal are protected with it. */
  readonly archive?: string;
  /** Files the same command reads (an import's input, a report's certificate). */
  readonly inputs?: readonly string[];
}

/** SQLite keeps these beside a database; writing over one corrupts or empties the archive. */
export const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'] as const;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The path with its folder's links resolved: two spellings of one name compare equal. */
function canonicalName(path: string): string {
  try {
    return resolve(realpathSync(dirname(path)), basename(path));
  } catch {
    return path;
  }
}

/** What a node that is not a regular file is, in words. */
export function kindOf(info: Stats): Phrase {
  if (info.isDirectory()) return msg('kind.folder');
  if (info.isFIFO()) return msg('kind.fifo');
  if (info.isSocket()) return msg('kind.socket');
  if (info.isCharacterDevice() || info.isBlockDevice()) return msg('kind.device');
  return msg('kind.other');
}

/**
 * Refuses (exit 2), before anything is written, an output that would destroy evidence or an
 * input: the archive or one of its SQLite companion files (by device and inode, so hard links,
 * symlinks and other spellings are caught; and by name, for a companion that does not exist yet),
 * an input of the same command, or an existing node that is not a regular file (a device, FIFO,
 * socket or folder: a rename would replace the node, a write would hang or vanish).
 * Returns the absolute target.
 */
export function guardOutput(target: string, cwd: string, keep: Protected): string {
  const file = resolve(cwd, target);
  const folder = statOrNull(dirname(file));
  if (folder === null || !folder.isDirectory()) {
    throw new UsageError(msg('usage.output.no-folder', { file, folder: dirname(file) }), { hint: msg('usage.output.no-folder.hint') });
  }
  const refuse = (why: Phrase): UsageError => new UsageError(why, { hint: msg('hint.output.choose-another') });
  const info = statOrNull(file);
  if (info !== null && !info.isFile()) throw refuse(msg('usage.output.not-regular', { file, kind: kindOf(info) }));
  const name = canonicalName(file);
  const same = (other: string): boolean => {
    const o = statOrNull(other);
    if (info !== null && o !== null && o.dev === info.dev && o.ino === info.ino) return true;
    return canonicalName(other) === name;
  };
  if (keep.archive !== undefined) {
    const archive = resolve(cwd, keep.archive);
    if (same(archive)) throw refuse(msg('usage.output.archive', { file }));
    for (const suffix of SQLITE_COMPANIONS) if (same(archive + suffix)) throw refuse(msg('usage.output.companion', { file, suffix }));
  }
  for (const input of keep.inputs ?? []) if (same(resolve(cwd, input))) throw refuse(msg('usage.output.input', { file }));
  return file;
}
