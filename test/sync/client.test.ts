import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/message.js';
import { InterruptedError, ServiceError } from '../../src/core/errors.js';
import { ChatworkClient, TokenRefusedError } from '../../src/sync/chatwork-client.js';
import type { Clock } from '../../src/sync/retry.js';
import { FakeChatwork } from '../support/chatwork-server.js';

/** Time that only moves when the client sleeps: back-off and rate-limit waits cost nothing. */
function fakeClock(): Clock & { waits: number[] } {
  let t = Date.now();
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw new InterruptedError(msg('interrupted.sync'));
      waits.push(ms);
      t += ms;
    },
  };
}

let api: FakeChatwork;
beforeEach(async () => {
  api = await FakeChatwork.start();
  api.addRoom('111', '案件A');
});
afterEach(() => api.close());

function client(clock: Clock, token = api.token, signal = new AbortController().signal): ChatworkClient {
  return new ChatworkClient({ baseUrl: api.baseUrl, token, signal, clock, retry: { maxAttempts: 4, baseDelayMs: 1000, maxTotalWaitMs: 400_000 } });
}

describe('ChatworkClient', () => {
  it('sends the token in x-chatworktoken and returns the raw body', async () => {
    api.post('111', { accountId: 1, name: 'A', body: 'hello', sendTime: 1709251500 });
    const res = await client(fakeClock()).get('/rooms/111/messages?force=1', [200, 204]);
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body).toString()).toContain('"message_id":"9007199254740993"');
    expect(res.request).toBe('GET /rooms/111/messages?force=1');
    expect(api.requests.at(-1)!.token).toBe(api.token);
  });

  it('turns 401 into TokenRefusedError that never shows the token', async () => {
    const wrong = 'f'.repeat(32);
    const err = await client(fakeClock(), wrong)
      .get('/rooms', [200])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenRefusedError);
    expect(String((err as Error).message)).toContain('Invalid API token');
    expect(`${(err as Error).message} ${(err as TokenRefusedError).hint}`).not.toContain(wrong);
  });

  it('waits for x-ratelimit-reset after a 429, then goes on', async () => {
    const reset = Math.floor(Date.now() / 1000) + 42;
    api.fail(429, 1, /\/rooms$/, { 'x-ratelimit-reset': String(reset), 'x-ratelimit-remaining': '0' });
    const clock = fakeClock();
    const res = await client(clock).get('/rooms', [200]);
    expect(res.status).toBe(200);
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThan(40_000);
    expect(clock.waits[0]).toBeLessThanOrEqual(43_000);
  });

  it('answers 429 itself once the window is used up, and the client waits it out', async () => {
    api.rateLimit = 2;
    const clock = fakeClock();
    const c = client(clock);
    await c.get('/rooms', [200]);
    await c.get('/rooms', [200]);
    const third = await c.get('/rooms', [200]).catch((e: unknown) => e);
    // The fake's window really lasts 5 minutes, so every retry is refused too: bounded, then a ServiceError.
    expect(third).toBeInstanceOf(ServiceError);
    expect((third as ServiceError).message).toMatch(/rate limit/);
    expect((third as ServiceError).hint).toMatch(/accepts requests again from/);
    expect(clock.waits.length).toBeGreaterThanOrEqual(1);
  });

  it('backs off on 5xx and gives up after the last try with a ServiceError', async () => {
    api.fail(503, 10);
    const clock = fakeClock();
    const err = await client(clock)
      .get('/rooms', [200])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as Error).message).toMatch(/after 4 tries: Chatwork answered 503/);
    expect(clock.waits).toEqual([1000, 2000, 4000]);
  });

  it('recovers when a 5xx passes', async () => {
    api.fail(500, 2);
    const clock = fakeClock();
    expect((await client(clock).get('/rooms', [200])).status).toBe(200);
    expect(clock.waits).toEqual([1000, 2000]);
  });

  it('reports an unreachable service as a ServiceError, without the token', async () => {
    const base = api.baseUrl;
    await api.close();
    const c = new ChatworkClient({ baseUrl: base, token: 'secret-token-value', signal: new AbortController().signal, clock: fakeClock() });
    const err = await c.get('/rooms', [200]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as Error).message).toMatch(/Cannot reach Chatwork .*connection was refused/);
    expect((err as Error).message).not.toContain('secret-token-value');
    api = await FakeChatwork.start();
  });

  it('stops a request under way on Ctrl-C with InterruptedError', async () => {
    api.delayMs = 5_000;
    const stop = new AbortController();
    const pending = client(fakeClock(), api.token, stop.signal).get('/rooms', [200]);
    setTimeout(() => stop.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
  });

  it('downloads from the short-lived link without sending the token', async () => {
    const mid = api.post('111', { accountId: 1, name: 'A', body: 'file', sendTime: 1709251500 });
    const fid = api.addFile('111', { accountId: 1, messageId: mid, name: 'spec.pdf', bytes: Buffer.from('%PDF-1.4 spec'), uploadTime: 1709251500 });
    const c = client(fakeClock());
    const info = await c.get(`/rooms/111/files/${fid}?create_download_url=1`, [200]);
    const link = (JSON.parse(Buffer.from(info.body).toString()) as { download_url: string }).download_url;
    expect(Buffer.from(await c.download(link, 1024)).toString()).toBe('%PDF-1.4 spec');
    expect(api.requests.at(-1)!.path).toMatch(/^\/download\//);
    expect(api.requests.at(-1)!.token).toBeUndefined();
    await expect(c.download(link, 4)).rejects.toThrow(/larger than/);
  });
});
