import { existsSync } from 'node:fs';
import { Archive } from '../store/archive.js';

/**
 * The archive a long-running front end (the web app, the folder watcher) works on: opened on first
 * use, so that checking a report on a fresh install creates no archive, and kept open for the run.
 */
export class Workspace {
  private opened: Archive | null = null;

  constructor(
    readonly dbPath: string,
    readonly tz: string,
    private readonly busyTimeoutMs?: number,
  ) {}

  archive(): Archive {
    this.opened ??= Archive.open(this.dbPath, this.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: this.busyTimeoutMs });
    return this.opened;
  }

  /** A consistent copy of the archive at `target`, even while it is in use (`chatproof backup`). */
  backup(target: string): Promise<void> {
    return this.archive().backup(target);
  }

  /** Whether there is an archive to read yet: a fresh install has none until the first import. */
  exists(): boolean {
    return this.opened !== null || existsSync(this.dbPath);
  }

  close(): void {
    this.opened?.close();
    this.opened = null;
  }
}
