import { ChatproofError, describeError, UsageError } from '../core/errors.js';
import type { Lang } from '../i18n/lang.js';
import { msg, render } from '../i18n/message.js';
import { ChatworkClient, DEFAULT_API_BASE } from '../sync/chatwork-client.js';
import type { AfterCapture } from './stamp-queue.js';
import type { RoomOutcome } from './sync-types.js';
import { stampPhrase } from './watch-folder.js';
import type { Workspace } from './workspace.js';

export interface SyncPass {
  readonly at: string;
  readonly rooms: readonly RoomOutcome[];
  readonly error: Error | null;
  /** With a TSA set for the archive and captures waiting: stamped after the pass, or queued. */
  readonly stamp: AfterCapture | null;
}

export interface ChatworkSessionOptions {
  /** CHATWORK_API_BASE (a test server); absent: Chatwork's own. */
  readonly apiBase?: string | undefined;
  /** How long a minute of the schedule is (tests run it faster; the app never sets it). */
  readonly minuteMs?: number | undefined;
  /** Told of each pass, scheduled or asked for: the CLI writes it as a log line. */
  readonly onPass?: ((pass: SyncPass) => void) | undefined;
  /** The archive's settings (src/app/settings.ts): a TSA set there stamps after a pass that captured, as `sync` does. */
  readonly settingsFile?: string | undefined;
}

/**
 * `chatproof sync chatwork` for a long-running front end. The API token lives in this object's
 * memory for the run: never written to disk, never returned, never put in a page or a log line.
 */
export class ChatworkSession {
  #token: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Which schedule a timer belongs to: a pass that ends after the schedule changed sets no timer. */
  private generation = 0;
  private running: Promise<SyncPass> | null = null;
  private readonly stop = new AbortController();
  minutes = 0;
  /** When the schedule runs the next pass (ISO 8601 UTC); null without a schedule. */
  next: string | null = null;
  last: SyncPass | null = null;

  private readonly apiBase: string;
  private readonly minuteMs: number;

  constructor(
    private readonly workspace: Workspace,
    private readonly opts: ChatworkSessionOptions = {},
  ) {
    this.apiBase = opts.apiBase ?? DEFAULT_API_BASE;
    this.minuteMs = opts.minuteMs ?? 60_000;
  }

  /** Whether a pass is under way now (asked for, or the schedule's). */
  get syncing(): boolean {
    return this.running !== null;
  }

  get hasToken(): boolean {
    return this.#token !== null;
  }

  /** The same check as the CLI's CHATWORK_API_TOKEN: printable ASCII, nothing else. */
  setToken(token: string): void {
    const t = token.trim();
    if (!/^[\x21-\x7e]+$/.test(t)) throw new UsageError(msg('ui.chatwork.bad-token'), { hint: msg('ui.chatwork.token-where') });
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

  /**
   * Sync every `minutes` while the app runs, counted from the end of the pass before (a slow pass
   * never overlaps the next one); 0 stops.
   */
  schedule(minutes: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.next = null;
    this.minutes = minutes;
    const generation = ++this.generation;
    if (minutes <= 0) return;
    const wait = minutes * this.minuteMs;
    this.next = new Date(Date.now() + wait).toISOString();
    this.timer = setTimeout(() => {
      this.next = null;
      void this.syncNow()
        // A failed pass is kept in `last`; only a pass that could not start (no token) ends up here.
        .catch(() => undefined)
        .finally(() => {
          if (this.generation === generation) this.schedule(minutes);
        });
    }, wait);
    this.timer.unref();
  }

  /** Waits for a pass under way to end (for a clean exit, and for tests). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  close(): void {
    this.schedule(0);
    this.stop.abort();
    this.#token = null;
  }

  private async pass(): Promise<SyncPass> {
    const token = this.#token;
    if (token === null) throw new UsageError(msg('ui.chatwork.no-token'));
    const [{ newProgress, runSync }, { capturesNotYetStamped, configuredStamping, stampAfterCapture }] = await Promise.all([
      import('./sync-run.js'),
      import('./stamp-queue.js'),
    ]);
    const client = new ChatworkClient({ baseUrl: this.apiBase, token, signal: this.stop.signal });
    const progress = newProgress();
    const at = new Date().toISOString();
    let error: Error | null = null;
    let stamp: AfterCapture | null = null;
    try {
      // Read before anything is stored, as `sync` does: a TSA setting that names nothing known stops the pass.
      const plan = this.opts.settingsFile === undefined ? null : await configuredStamping(this.opts.settingsFile);
      try {
        await runSync(
          this.workspace.archive(),
          client,
          { roomIds: [], tz: this.workspace.tz, always: false, downloadFiles: false },
          this.stop.signal,
          progress,
        );
      } catch (e) {
        error = e instanceof Error ? e : new Error(String(e));
      }
      // What this pass (or an earlier one) stored is stamped even when a later room failed; a pass
      // that stored nothing asks no TSA (a schedule would otherwise ask every few minutes for nothing).
      const archive = this.workspace.archive();
      if (plan !== null && !this.stop.signal.aborted && capturesNotYetStamped(archive).length > 0)
        stamp = await stampAfterCapture(archive, plan.tsa, plan.anchors);
    } catch (e) {
      error ??= e instanceof Error ? e : new Error(String(e));
    }
    this.last = { at, rooms: progress.done, error, stamp };
    this.opts.onPass?.(this.last);
    return this.last;
  }
}

/** One line per pass, in the reader's language: the CLI's log line (never the token). */
export function syncPassText(lang: Lang, p: SyncPass): string {
  const done = render(lang, msg('ui.chatwork.synced', { rooms: p.rooms.length, captures: p.rooms.filter((r) => r.status === 'captured').length }));
  const stamped = p.stamp === null ? '' : ` — ${render(lang, stampPhrase(p.stamp))}`;
  if (p.error === null) return `Chatwork: ${done}${stamped}`;
  const why = p.error instanceof ChatproofError ? describeError(p.error, lang).message : p.error.message;
  return `Chatwork: ${render(lang, msg('ui.chatwork.pass-failed', { why }))}${stamped}`;
}
