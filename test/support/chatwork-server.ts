/**
 * A local stand-in for the Chatwork API v2 (docs/design/formats.md §2), on 127.0.0.1 with a free port, so that
 * sync is tested over real HTTP and never against the real service. It speaks what the docs say:
 * `x-chatworktoken` (401 without it), `force` (0: only what this token has not been sent yet;
 * 1: the latest 100), 204 with an empty body, 403 after a room is deleted, rate-limit headers and
 * 429, 64-bit string message ids, the message-limitation header, and the files endpoints with a
 * short-lived download link served without the token.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMessage {
  id: string;
  accountId: number;
  name: string;
  body: string;
  sendTime: number;
  updateTime: number;
}
export interface FakeFile {
  id: string;
  accountId: number;
  messageId: string;
  name: string;
  bytes: Buffer;
  uploadTime: number;
}
interface FakeRoom {
  name: string;
  messages: FakeMessage[];
  files: FakeFile[];
  deleted: boolean;
  limitation: string | null;
  seen: Set<string>;
}
export interface SeenRequest {
  path: string;
  token: string | undefined;
}
interface Fault {
  status: number;
  match: RegExp;
  left: number;
  headers: Record<string, string>;
}

const PERMISSION_ERROR = JSON.stringify({ errors: ["You don't have permission to get this room"] });

export class FakeChatwork {
  readonly requests: SeenRequest[] = [];
  /** Requests per rate-limit window (Chatwork: 300 per 5 minutes). */
  rateLimit = 300;
  /** Delay before answering API requests, to test Ctrl-C during a request. */
  delayMs = 0;
  private readonly rooms = new Map<string, FakeRoom>();
  private readonly downloads = new Map<string, Buffer>();
  private readonly faults: Fault[] = [];
  private nextMessageId = 9_007_199_254_740_993n; // 2^53 + 1: not representable as a JS number
  private nextFileId = 9_007_199_254_740_995n;
  private windowStart = Math.floor(Date.now() / 1000);
  private used = 0;
  private readonly server = createServer((req, res) => void this.handle(req, res));

  private constructor(readonly token: string) {}

  static async start(token = randomBytes(16).toString('hex')): Promise<FakeChatwork> {
    const fake = new FakeChatwork(token);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get baseUrl(): string {
    return `${this.origin}/v2`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  addRoom(roomId: string, name: string): void {
    this.rooms.set(roomId, { name, messages: [], files: [], deleted: false, limitation: null, seen: new Set() });
  }

  post(roomId: string, m: { accountId: number; name: string; body: string; sendTime: number }): string {
    const id = String(this.nextMessageId++);
    this.room(roomId).messages.push({ id, ...m, updateTime: 0 });
    return id;
  }

  edit(roomId: string, messageId: string, body: string, updateTime: number): void {
    const m = this.room(roomId).messages.find((x) => x.id === messageId)!;
    m.body = body;
    m.updateTime = updateTime;
  }

  deleteMessage(roomId: string, messageId: string): void {
    const r = this.room(roomId);
    r.messages = r.messages.filter((m) => m.id !== messageId);
  }

  /** The room is gone for us: out of GET /rooms, and 403 on its endpoints (docs/design/formats.md §2.4). `false`: invited back. */
  deleteRoom(roomId: string, deleted = true): void {
    this.room(roomId).deleted = deleted;
  }

  addFile(roomId: string, f: { accountId: number; messageId: string; name: string; bytes: Buffer; uploadTime: number }): string {
    const id = String(this.nextFileId++);
    this.room(roomId).files.push({ id, ...f });
    return id;
  }

  removeFile(roomId: string, fileId: string): void {
    const r = this.room(roomId);
    r.files = r.files.filter((f) => f.id !== fileId);
  }

  /** Free-plan restriction (docs/design/formats.md §2.2): the header is sent only when it applies. */
  limitMessages(roomId: string, summary: string | null): void {
    this.room(roomId).limitation = summary;
  }

  /** The next `times` requests whose path matches answer `status` (e.g. 429, 503). */
  fail(status: number, times: number, match = /./, headers: Record<string, string> = {}): void {
    this.faults.push({ status, match, left: times, headers });
  }

  private room(roomId: string): FakeRoom {
    const r = this.rooms.get(roomId);
    if (!r) throw new Error(`no room ${roomId} in the fake`);
    return r;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const token = req.headers['x-chatworktoken'];
    this.requests.push({ path: `${url.pathname}${url.search}`, token: typeof token === 'string' ? token : undefined });
    const download = /^\/download\/(\w+)$/.exec(url.pathname);
    if (download) {
      const bytes = this.downloads.get(download[1]!);
      res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/octet-stream' }).end(bytes ?? '');
      return;
    }
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const limitHeaders = this.countRequest();
    const send = (status: number, body: string, extra: Record<string, string> = {}): void => {
      res.writeHead(status, { ...limitHeaders, ...(body === '' ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...extra }).end(body);
    };
    if (token !== this.token) return send(401, JSON.stringify({ errors: ['Invalid API token'] }));
    if (Number(limitHeaders['x-ratelimit-remaining']) < 0)
      return send(429, JSON.stringify({ errors: ['Rate limit exceeded.'] }), { 'x-ratelimit-remaining': '0' });
    const fault = this.faults.find((f) => f.left > 0 && f.match.test(url.pathname));
    if (fault) {
      fault.left--;
      return send(fault.status, JSON.stringify({ errors: [`injected ${fault.status}`] }), fault.headers);
    }
    this.route(url, send);
  }

  private route(url: URL, send: (status: number, body: string, extra?: Record<string, string>) => void): void {
    if (url.pathname === '/v2/rooms') {
      const live = [...this.rooms].filter(([, r]) => !r.deleted);
      return send(200, `[${live.map(([id, r]) => roomJson(id, r)).join(',')}]`);
    }
    const m = /^\/v2\/rooms\/(\d+)\/(messages|files)(?:\/(\d+))?$/.exec(url.pathname);
    const room = m ? this.rooms.get(m[1]!) : undefined;
    if (!m || !room) return send(404, JSON.stringify({ errors: ['Not Found'] }));
    if (room.deleted) return send(403, PERMISSION_ERROR);
    if (m[2] === 'messages') {
      const window = url.searchParams.get('force') === '1' ? room.messages.slice(-100) : room.messages.filter((x) => !room.seen.has(x.id)).slice(-100);
      for (const x of window) room.seen.add(x.id);
      const limited: Record<string, string> =
        room.limitation === null ? {} : { 'chatwork-message-limitation': 'true', 'chatwork-message-limitation-summary': room.limitation };
      return window.length === 0 ? send(204, '', limited) : send(200, `[${window.map(messageJson).join(',')}]`, limited);
    }
    if (m[3] === undefined) return room.files.length === 0 ? send(204, '') : send(200, `[${room.files.map(fileJson).join(',')}]`);
    const file = room.files.find((f) => f.id === m[3]);
    if (!file) return send(404, JSON.stringify({ errors: ['Not Found'] }));
    const key = randomBytes(8).toString('hex');
    this.downloads.set(key, file.bytes);
    const link = url.searchParams.get('create_download_url') === '1' ? `,"download_url":${JSON.stringify(`${this.origin}/download/${key}`)}` : '';
    send(200, `${fileJson(file).slice(0, -1)}${link}}`);
  }

  /** x-ratelimit-* as Chatwork sends them; `remaining` goes negative once the window is used up. */
  private countRequest(): Record<string, string> {
    const now = Math.floor(Date.now() / 1000);
    if (now >= this.windowStart + 300) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used++;
    return {
      'x-ratelimit-limit': String(this.rateLimit),
      'x-ratelimit-remaining': String(this.rateLimit - this.used),
      'x-ratelimit-reset': String(this.windowStart + 300),
    };
  }
}

function roomJson(id: string, r: FakeRoom): string {
  return `{"room_id":${id},"name":${JSON.stringify(r.name)},"type":"group","role":"member","sticky":false,"unread_num":0,"mention_num":0,"mytask_num":0,"message_num":${r.messages.length},"file_num":${r.files.length},"task_num":0,"icon_path":"https://example.invalid/ico.png","last_update_time":1709251500}`;
}

/** message_id as a string (API v2); the rest as the API types them. */
function messageJson(m: FakeMessage): string {
  return `{"message_id":"${m.id}","account":{"account_id":${m.accountId},"name":${JSON.stringify(m.name)},"avatar_image_url":"https://example.invalid/a.png"},"body":${JSON.stringify(m.body)},"send_time":${m.sendTime},"update_time":${m.updateTime}}`;
}

/** file_id is a JSON number; here beyond 2^53, so a reader that goes through a JS number gets it wrong. */
function fileJson(f: FakeFile): string {
  return `{"file_id":${f.id},"account":{"account_id":${f.accountId},"name":"x","avatar_image_url":"https://example.invalid/a.png"},"message_id":"${f.messageId}","filename":${JSON.stringify(f.name)},"filesize":${f.bytes.length},"upload_time":${f.uploadTime}}`;
}
