import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Lang } from '../i18n/lang.js';
import { Browser } from '../app/browse.js';
import { readSettings, settingsPath } from '../app/settings.js';
import { ChatworkSession, type SyncPass } from '../app/chatwork-session.js';
import { FolderWatcher, resumeWatching, type WatchEvent } from '../app/watch-folder.js';
import type { Workspace } from '../app/workspace.js';
import { ArchiveError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { createUiApp } from './app.js';
import { allowedHosts, newToken, rawRequestAllowed } from './guard.js';
import { refusalPage } from './layout.js';
import { Pending, type PendingInput } from './pending.js';

export interface UiServerOptions {
  /** 0: a free port chosen by the system. */
  readonly port: number;
  readonly lang: Lang;
  readonly maxUpload: number;
  readonly workspace: Workspace;
  /** The archive's settings file (src/app/settings.ts); absent: the one beside the archive. */
  readonly settingsFile?: string;
  /** Told of each file the watched folders bring in: the CLI writes it as a log line. */
  readonly onWatchEvent?: (e: WatchEvent) => void;
  /** How long a watched file's size must stay the same before it is read (ms). */
  readonly settleMs?: number;
  /** CHATWORK_API_BASE, as `chatproof sync` reads it (a test server); absent: Chatwork's own. */
  readonly chatworkApiBase?: string;
  /** Told of each Chatwork pass: the CLI writes it as a log line. */
  readonly onChatworkPass?: (p: SyncPass) => void;
  /** How long a minute of the Chatwork schedule is (tests only); absent: a minute. */
  readonly chatworkMinuteMs?: number;
}

export interface RunningUi {
  /** The address to open, with the run's token. */
  readonly url: string;
  readonly port: number;
  readonly watcher: FolderWatcher;
  readonly chatwork: ChatworkSession;
  /** The run's private folder (reports made here, uploads being attached); removed by close(). */
  readonly scratch: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Listens on 127.0.0.1 (and on ::1 with the same port where the machine has IPv6 loopback), never
 * on another interface. The Host header and the request-target are checked on the raw request,
 * before Hono builds a URL from them.
 */
export async function startUi(opts: UiServerOptions): Promise<RunningUi> {
  const settingsFile = opts.settingsFile ?? settingsPath(opts.workspace.dbPath, process.cwd());
  // Read before anything is opened: a settings file that cannot be read stops the start cleanly.
  const remembered = readSettings(settingsFile).watch ?? [];
  const token = newToken();
  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  let hosts: ReadonlySet<string> = new Set();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (handler === null || !rawRequestAllowed(req, hosts)) {
      res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(refusalPage(403));
      return;
    }
    void handler(req, res);
  };
  const v4 = createServer(onRequest);
  let port: number;
  try {
    port = await listen(v4, opts.port, '127.0.0.1');
  } catch (e) {
    throw new ArchiveError(msg('archive.ui-listen', { port: opts.port, why: (e as NodeJS.ErrnoException).code ?? (e as Error).message }), {
      hint: msg('archive.ui-listen.hint'),
    });
  }
  const v6 = createServer(onRequest);
  const servers = [v4];
  // IPv6 loopback is optional: a machine without it still has the IPv4 address printed.
  await listen(v6, port, '::1').then(
    () => servers.push(v6),
    () => undefined,
  );
  hosts = allowedHosts(port);
  const scratch = mkdtempSync(join(tmpdir(), 'chatproof-ui-'));
  const watcher = new FolderWatcher(opts.workspace, {
    lang: opts.lang,
    settingsFile,
    ...(opts.onWatchEvent ? { onEvent: opts.onWatchEvent } : {}),
    ...(opts.settleMs === undefined ? {} : { settleMs: opts.settleMs }),
  });
  await resumeWatching(watcher, remembered);
  const chatwork = new ChatworkSession(opts.workspace, {
    apiBase: opts.chatworkApiBase,
    minuteMs: opts.chatworkMinuteMs,
    onPass: opts.onChatworkPass,
    settingsFile,
  });
  handler = getRequestListener(
    createUiApp({
      token,
      port,
      lang: opts.lang,
      maxUpload: opts.maxUpload,
      workspace: opts.workspace,
      settingsFile,
      browser: new Browser(() => opts.workspace.archive()),
      scratch,
      // Up to 16 previews, and no more than one upload's worth of bytes beyond the one being read.
      imports: new Pending<PendingInput>({ max: 16, maxWeight: 2 * opts.maxUpload, weight: (i) => i.bytes.length }),
      watcher,
      chatwork,
    }).fetch,
  );
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    watcher,
    chatwork,
    scratch,
    close: () =>
      (chatwork.close(), watcher.stop())
        .then(() =>
          Promise.all(
            servers.map(
              (s) =>
                new Promise<void>((resolve) => {
                  s.close(() => resolve());
                  s.closeAllConnections();
                }),
            ),
          ),
        )
        .then(() => rmSync(scratch, { recursive: true, force: true })),
  };
}
