import { InputError, UsageError } from '../core/errors.js';
import type { FileToAttach } from './read-file.js';
import { msg } from '../i18n/message.js';

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
    throw new UsageError(msg('usage.attach-max-size', { max: humanSize(MAX_KEPT_BYTES) }), { hint: msg('usage.attach-max-size.hint') });
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
  const raise = needed * 1024 * 1024 <= MAX_KEPT_BYTES ? msg('hint.attach-raise', { size: `${needed}MB` }) : '';
  if (files.length === 1) {
    throw new InputError(msg('input.attach-too-big', { file: files[0]!.arg, size: humanSize(total), max: humanSize(maxSize) }), {
      hint: msg('input.attach-too-big.hint', { raise }),
    });
  }
  throw new InputError(msg('input.attach-total-too-big', { size: humanSize(total), max: humanSize(maxSize) }), {
    hint: msg('input.attach-total-too-big.hint', { raise }),
  });
}
