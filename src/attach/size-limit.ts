import { InputError, UsageError } from '../core/errors.js';
import type { FileToAttach } from './read-file.js';

/**
 * The archive keeps a file's bytes in one SQLite row, and the bundled SQLite refuses a value
 * above about 512 MB ("string or blob too big", measured with better-sqlite3 12). Larger files
 * can still be attached with --hash-only.
 */
export const MAX_KEPT_BYTES = 500 * 1024 * 1024;

/** 70 B, 12.3 KB, 4.0 MB: sizes as people read them. */
export function humanSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function checkMaxSize(maxSize: number): void {
  if (maxSize > MAX_KEPT_BYTES) {
    throw new UsageError(`--max-size can be at most ${humanSize(MAX_KEPT_BYTES)} for kept files: the archive cannot hold a larger file in one piece.`, {
      hint: 'For larger files, keep only their hash with --hash-only, and keep the files themselves safe elsewhere.',
    });
  }
}

/**
 * The limit applies to the bytes one call keeps, all together: they are held in memory until the
 * single transaction that stores them commits (all or nothing). Checked from the file sizes,
 * before anything is read.
 */
export function checkKeptSize(files: readonly FileToAttach[], maxSize: number): void {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total <= maxSize) return;
  const needed = Math.ceil(total / 1024 / 1024) + 1;
  const raise = needed * 1024 * 1024 <= MAX_KEPT_BYTES ? `, or raise the limit with --max-size ${needed}MB` : '';
  if (files.length === 1) {
    throw new InputError(`${files[0]!.arg} is ${humanSize(total)}, more than the ${humanSize(maxSize)} limit for kept files; nothing was attached.`, {
      hint: `Keep only its hash with --hash-only (and keep the file itself safe elsewhere)${raise}.`,
    });
  }
  throw new InputError(`Together these files are ${humanSize(total)}, more than the ${humanSize(maxSize)} limit for the files one call keeps; nothing was attached.`, {
    hint: `Attach them in several calls, or keep large ones with --hash-only${raise}.`,
  });
}
