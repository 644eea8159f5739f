import { UsageError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { ChatworkClient, DEFAULT_API_BASE } from '../sync/chatwork-client.js';
import type { RoomOutcome } from './sync-types.js';
import type { Workspace } from './workspace.js';

export interface SyncPass {
  readonly at: string;
  readonly rooms: readonly RoomOutcome[];
  readonly error: Error | null;
}

/**
 * `chatproof sync chatwork` for a long-running front end. The API token lives in this object's
 * memory for the run: never written to disk, never returned, never put in a page or a log line.
 */
export class ChatworkSession {
  #token: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SyncPass> | null = null;
  private readonly stop = new AbortController();
  minutes = 0;
  last: SyncPass | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly apiBase = DEFAULT_API_BASE,
  ) {}

  get hasToken(): boolean {
    return this.#token !== null;
  }

  /** The same check as the CLI's CHATWORK_API_TOKEN: printable ASCII, nothing else. */
  setToken(token: string): void {
    const t = token.trim();
    if (!/^[\x21-\x7e]+$/.test(t)) throw new UsageError(msg('ui.chatwork.bad-token'));
    this.#token = t;
  }

  forget(): void {
    this.#token = null;
    this.schedule(0);
  }

  /** One pass over every room; a pass already under way is shared, never doubled. */
  syncNow(): Promise<SyncPass> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Sync every `minutes` while the app runs; 0 stops. */
  schedule(minutes: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.minutes = minutes;
    if (minutes > 0) {
      this.timer = setInterval(() => void this.syncNow(), minutes * 60_000);
      this.timer.unref();
    }
  }

  close(): void {
    this.schedule(0);
    this.stop.abort();
    this.#token = null;
  }

  private async pass(): Promise<SyncPass> {
    const token = this.#token;
    if (token === null) throw new UsageError(msg('ui.chatwork.no-token'));
    const { newProgress, runSync } = await import('./sync-run.js');
    const client = new ChatworkClient({ baseUrl: this.apiBase, token, signal: this.stop.signal });
    const progress = newProgress();
    const at = new Date().toISOString();
    try {
      await runSync(this.workspace.archive(), client, { roomIds: [], tz: this.workspace.tz, always: false, downloadFiles: false }, this.stop.signal, progress);
      this.last = { at, rooms: progress.done, error: null };
    } catch (e) {
      this.last = { at, rooms: progress.done, error: e instanceof Error ? e : new Error(String(e)) };
    }
    return this.last;
  }
}
