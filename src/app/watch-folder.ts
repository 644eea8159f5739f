import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { ChatproofError, describeError, UsageError } from '../core/errors.js';
import type { Lang } from '../i18n/lang.js';
import { msg, render, type Phrase } from '../i18n/message.js';
import { importCapture, type ImportResult } from './import-capture.js';
import { previewCapture } from './preview-capture.js';
import { configuredStamping, stampAfterCapture, type AfterCapture } from './stamp-queue.js';
import type { Workspace } from './workspace.js';

/**
 * `chatproof watch` and the web app's switch: every new export that lands in a folder is imported
 * once its size has stopped changing, into the room it names. Nothing is guessed: an input that
 * needs a room name or a confirmation (a guessed paste, a truncated export) waits for a person.
 */

/** What the exports are written as; a photo or a half-downloaded file in Downloads is not looked at. */
const EXPORT_EXTENSIONS = new Set(['.txt', '.csv', '.json', '.html', '.htm']);

export type WatchEvent =
  | {
      readonly type: 'imported';
      readonly file: string;
      readonly at: string;
      readonly result: ImportResult;
      /** With a TSA set for the archive: stamped after the capture, or queued when the TSA was out of reach. */
      readonly stamp: AfterCapture | null;
    }
  | { readonly type: 'skipped'; readonly file: string; readonly at: string }
  | { readonly type: 'waiting'; readonly file: string; readonly at: string; readonly why: 'room' | 'confirm' }
  | { readonly type: 'failed'; readonly file: string; readonly at: string; readonly error: ChatproofError | Error };

export interface WatchOptions {
  /** How long a file's size must stay the same before it is read (ms). */
  readonly settleMs?: number;
  readonly lang: Lang;
  readonly onEvent?: (e: WatchEvent) => void;
  /** The archive's settings (src/app/settings.ts): a TSA set there stamps after each capture, as `import` does. */
  readonly settingsFile?: string;
}

const KEPT_EVENTS = 200;

export class FolderWatcher {
  private watcher: FSWatcher | null = null;
  private folders: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  readonly events: WatchEvent[] = [];

  constructor(
    private readonly workspace: Workspace,
    private readonly opts: WatchOptions,
  ) {}

  get watching(): readonly string[] {
    return this.folders;
  }

  /** Starts watching these folders (and only them: not their subfolders). */
  async start(folders: readonly string[]): Promise<void> {
    const absolute = folders.map((f) => resolve(f));
    for (const f of absolute) {
      let isDir = false;
      try {
        isDir = statSync(f).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) throw new UsageError(msg('ui.watch.no-folder', { folder: f }), { hint: msg('ui.watch.no-folder.hint') });
    }
    await this.stop();
    const { watch } = await import('chokidar');
    const settle = this.opts.settleMs ?? 2000;
    const watcher = watch(absolute, {
      ignoreInitial: true,
      depth: 0,
      awaitWriteFinish: { stabilityThreshold: settle, pollInterval: Math.max(50, Math.floor(settle / 10)) },
      ignored: (path, stats) => stats?.isFile() === true && (basename(path).startsWith('.') || !EXPORT_EXTENSIONS.has(extname(path).toLowerCase())),
    });
    await new Promise<void>((ready, fail) => {
      watcher.once('ready', ready);
      watcher.once('error', fail);
    });
    watcher.on('add', (path: string) => {
      this.queue = this.queue.then(() => this.take(path));
    });
    this.watcher = watcher;
    this.folders = absolute;
  }

  async stop(): Promise<void> {
    const w = this.watcher;
    this.watcher = null;
    this.folders = [];
    if (w) await w.close();
    await this.queue;
  }

  /** Waits for the files already seen to be handled (for a clean exit, and for tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Adds an event: the watcher's own, or the import of a waiting file a person confirmed. */
  record(e: WatchEvent): void {
    this.events.unshift(e);
    this.events.length = Math.min(this.events.length, KEPT_EVENTS);
    this.opts.onEvent?.(e);
  }

  private async take(path: string): Promise<void> {
    const at = new Date().toISOString();
    try {
      const bytes = await readFile(path);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (this.workspace.exists() && this.workspace.archive().hasBlob(sha)) return this.record({ type: 'skipped', file: path, at });
      const name = basename(path);
      const preview = await previewCapture({ bytes, name, where: path, tz: this.workspace.tz });
      if (preview.roomTitle === null) return this.record({ type: 'waiting', file: path, at, why: 'room' });
      if (preview.inferred !== null || preview.truncated !== null) return this.record({ type: 'waiting', file: path, at, why: 'confirm' });
      // A TSA setting that names nothing known fails the file before anything is stored, as `import` does.
      const plan = this.opts.settingsFile === undefined ? null : await configuredStamping(this.opts.settingsFile);
      const result = await importCapture(
        () => this.workspace.archive(),
        {
          input: { bytes, name, where: path },
          format: 'auto',
          members: [],
          tz: this.workspace.tz,
          signal: new AbortController().signal,
        },
        { onEvent: () => undefined, confirm: () => Promise.resolve(false) },
      );
      const stamp = plan === null ? null : await stampAfterCapture(this.workspace.archive(), plan.tsa, plan.anchors);
      this.record({ type: 'imported', file: path, at, result, stamp });
    } catch (e) {
      this.record({ type: 'failed', file: path, at, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
}

/** One line per event, in the reader's language: the CLI's log line and the page's list. */
export function watchEventText(lang: Lang, e: WatchEvent): string {
  const file = basename(e.file);
  switch (e.type) {
    case 'imported': {
      const line = render(lang, msg('ui.watch.imported', { file, n: e.result.recorded.capture.messageCount, title: e.result.recorded.room.title }));
      return e.stamp === null ? line : `${line} — ${render(lang, stampPhrase(e.stamp))}`;
    }
    case 'skipped':
      return render(lang, msg('ui.watch.skipped', { file }));
    case 'waiting':
      return render(lang, msg('ui.watch.waits', { file, why: msg(e.why === 'room' ? 'ui.watch.why-room' : 'ui.watch.why-confirm') }));
    case 'failed':
      return render(lang, msg('ui.watch.failed', { file, why: e.error instanceof ChatproofError ? describeError(e.error, lang).message : e.error.message }));
  }
}

/** What became of the stamp after a capture, in one sentence: the watch's log line and the import page say it. */
export function stampPhrase(after: AfterCapture): Phrase {
  return after.kind === 'stamped'
    ? msg('ui.stamp.stamped', {
        tsa: after.stamped.token.tsaName ?? 'TSA',
        at: after.stamped.token.genTime,
        seq: after.stamped.entry.seq,
        captures: after.captures,
      })
    : msg('ui.stamp.queued', { why: after.error.text, waiting: after.waiting });
}

/**
 * The web app's start: the folders remembered in the settings (src/app/settings.ts `watch`) are watched
 * again. One that is not there now (a drive not plugged in, a cloud folder not yet synced) stays
 * remembered and is shown as missing; the others are watched all the same.
 */
export async function resumeWatching(watcher: FolderWatcher, remembered: readonly string[]): Promise<readonly string[]> {
  const present = remembered.filter((f) => existsSync(f) && statSync(f).isDirectory());
  if (present.length > 0) await watcher.start(present);
  return present;
}
