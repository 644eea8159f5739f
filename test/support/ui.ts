import { request as httpRequest } from 'node:http';
import type { SyncPass } from '../../src/app/chatwork-session.js';
import { settingsPath } from '../../src/app/settings.js';
import { Workspace } from '../../src/app/workspace.js';
import { startUi, type RunningUi } from '../../src/ui/server.js';
import { tempArchive } from './temp.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** A plain HTTP request with full control of the headers (Host included), as an attacker would send it. */
export function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string | Iterable<Buffer>,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else {
      for (const chunk of body) req.write(chunk);
      req.end();
    }
  });
}

export interface TestUi {
  readonly ui: RunningUi;
  readonly db: string;
  readonly dir: string;
  /** The archive's settings file, where the app reads the configured TSA and keeps the watched folders. */
  readonly settingsFile: string;
  readonly host: string;
  readonly origin: string;
  /** The session cookie, as the first visit with the token sets it. */
  readonly cookie: string;
  get(path: string): Promise<RawResponse>;
  /** A request as the app's own page sends it: cookie, Origin, the custom header. */
  post(path: string, body: Buffer | string, type?: string): Promise<RawResponse>;
  /** The same, as bytes sent in chunks with no declared length (Transfer-Encoding: chunked). */
  postChunked(path: string, chunks: Iterable<Buffer>): Promise<RawResponse>;
  close(): Promise<void>;
}

export async function startTestUi(
  opts: { maxUpload?: number; lang?: 'ja' | 'en'; chatworkApiBase?: string; chatworkMinuteMs?: number; onChatworkPass?: (p: SyncPass) => void } = {},
): Promise<TestUi> {
  const { dir, db, cleanup } = tempArchive();
  const workspace = new Workspace(db, 'Asia/Tokyo');
  const settingsFile = settingsPath(db, dir);
  const ui = await startUi({
    port: 0,
    lang: opts.lang ?? 'en',
    maxUpload: opts.maxUpload ?? 1024 * 1024,
    workspace,
    settingsFile,
    ...(opts.chatworkApiBase ? { chatworkApiBase: opts.chatworkApiBase } : {}),
    ...(opts.chatworkMinuteMs ? { chatworkMinuteMs: opts.chatworkMinuteMs } : {}),
    ...(opts.onChatworkPass ? { onChatworkPass: opts.onChatworkPass } : {}),
  });
  const host = `127.0.0.1:${ui.port}`;
  const first = await raw(ui.port, 'GET', new URL(ui.url).pathname + new URL(ui.url).search, { Host: host });
  const setCookie = String(first.headers['set-cookie'] ?? '');
  const cookie = setCookie.split(';')[0]!;
  const origin = `http://${host}`;
  return {
    ui,
    db,
    dir,
    settingsFile,
    host,
    origin,
    cookie,
    get: (path) => raw(ui.port, 'GET', path, { Host: host, Cookie: cookie }),
    post: (path, body, type = 'application/octet-stream') =>
      raw(ui.port, 'POST', path, { Host: host, Cookie: cookie, Origin: origin, 'X-Chatproof-Request': '1', 'Content-Type': type }, body),
    postChunked: (path, chunks) =>
      raw(
        ui.port,
        'POST',
        path,
        { Host: host, Cookie: cookie, Origin: origin, 'X-Chatproof-Request': '1', 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' },
        chunks,
      ),
    close: async () => {
      await ui.close();
      workspace.close();
      cleanup();
    },
  };
}
