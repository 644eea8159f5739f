import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A file written atomically (litestream's pattern, style.md): bytes go to a temp file in the
 * target's folder, are fsynced, and the temp file is renamed over the target. Until `commit`, the
 * target is untouched; `abort` (or any failure) removes the temp file, so a failed or cancelled
 * export leaves no file behind. The SHA-256 is computed on the way through.
 */
export class AtomicFile {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private size = 0;
  private open = true;
  readonly tempPath: string;

  constructor(readonly target: string) {
    this.tempPath = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
    // 'wx': never reuse or follow an existing file at the temp name.
    this.fd = openSync(this.tempPath, 'wx', 0o644);
  }

  write(chunk: Uint8Array): void {
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
    this.hash.update(chunk);
    this.size += chunk.length;
  }

  /** fsync, close, rename over the target, and fsync the folder so the rename itself is durable. */
  commit(): { sha256: string; size: number } {
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.open = false;
    renameSync(this.tempPath, this.target);
    syncFolder(dirname(this.target));
    return { sha256: this.hash.digest('hex'), size: this.size };
  }

  abort(): void {
    if (this.open) {
      closeSync(this.fd);
      this.open = false;
    }
    rmSync(this.tempPath, { force: true });
  }
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
