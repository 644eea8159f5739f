import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ArchiveError, UsageError } from '../core/errors.js';
import { msg } from '../i18n/message.js';

/** A report or backup holds a private conversation: only its owner may read it, unless asked otherwise. */
export const PRIVATE_MODE = 0o600;

/** SQLite makes these beside a file it writes; a temp file's are removed with it. */
const TEMP_COMPANIONS = ['', '-journal', '-wal', '-shm'] as const;

/** Temp files not yet committed or aborted: what a signal handler removes before the process ends. */
const live = new Set<string>();

/** Removes every temp file still in progress (SIGINT/SIGTERM); after SIGKILL they stay under their temp names. */
export function removeLiveTemporaries(): void {
  for (const path of live) removeTemp(path);
  live.clear();
}

function removeTemp(path: string): void {
  for (const suffix of TEMP_COMPANIONS) rmSync(path + suffix, { force: true });
}

/**
 * A file written atomically (litestream's pattern, docs/design/layout.md): bytes go to a temp file in the
 * target's folder, are fsynced, and the temp file is renamed over the target. Until `commit`, the
 * target is untouched; `abort` (or any failure) removes the temp file, so a failed or cancelled
 * write leaves no file behind, and a killed one leaves only a `.NAME.HEX.tmp` that is never the
 * target. The SHA-256 is computed on the way through. Check the target with guardOutput first.
 */
export class AtomicFile {
  private fd: number | null;
  private readonly hash = createHash('sha256');
  private size = 0;
  readonly tempPath: string;

  constructor(
    readonly target: string,
    mode: number = PRIVATE_MODE,
  ) {
    this.tempPath = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
    // 'wx': never reuse or follow an existing file at the temp name. fchmod: the mode asked for,
    // whatever the umask (which would otherwise narrow a wider --mode).
    try {
      this.fd = openSync(this.tempPath, 'wx', mode);
    } catch (e) {
      // A folder one may not write, or none at all (/proc/self/fd): the path chosen, exit 2.
      throw new UsageError(msg('usage.output.cannot-create', { file: target, folder: dirname(target), why: errorCode(e) }), {
        hint: msg('hint.output.choose-another'),
        cause: e,
      });
    }
    live.add(this.tempPath);
    this.guarded(() => fchmodSync(this.openFd(), mode));
  }

  /** A failed write, fsync or rename (a full disk, a failing drive) is the environment's trouble: exit 4, the temp file gone. */
  private guarded<T>(step: () => T): T {
    try {
      return step();
    } catch (e) {
      this.abort();
      throw new ArchiveError(msg('archive.output-failed', { file: this.target, why: errorCode(e) }), { hint: msg('archive.output-failed.hint'), cause: e });
    }
  }

  write(chunk: Uint8Array): void {
    const fd = this.openFd();
    this.guarded(() => {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
    });
    this.hash.update(chunk);
    this.size += chunk.length;
  }

  /** Closes the temp file so that another writer (SQLite's backup) fills `tempPath` itself. */
  release(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** fsync, close, rename over the target, and fsync the folder so the rename itself is durable. */
  commit(): { sha256: string; size: number } {
    this.guarded(() => {
      const fd = this.fd ?? openSync(this.tempPath, 'r');
      this.fd = fd;
      fsyncSync(fd);
      closeSync(fd);
      this.fd = null;
      renameSync(this.tempPath, this.target);
    });
    live.delete(this.tempPath);
    syncFolder(dirname(this.target));
    return { sha256: this.hash.digest('hex'), size: this.size };
  }

  abort(): void {
    try {
      this.release();
    } catch {
      // Closing can fail only on an fd already gone; the temp file is removed below all the same.
    }
    this.fd = null;
    removeTemp(this.tempPath);
    live.delete(this.tempPath);
  }

  private openFd(): number {
    if (this.fd === null) throw new Error(`${this.tempPath} was released or committed`);
    return this.fd;
  }
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened or fsynced on some systems (Windows); the rename is still atomic there.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
