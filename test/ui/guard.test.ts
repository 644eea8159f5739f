import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestUi, type TestUi } from '../support/ui.js';

// The refusals of docs/ui.md "What the app guards against", over real HTTP on 127.0.0.1.
let t: TestUi;
beforeAll(async () => {
  t = await startTestUi({ maxUpload: 64 * 1024 });
});
afterAll(() => t.close());

describe('the token', () => {
  it('is printed in the address and moved into an HttpOnly SameSite=Strict cookie, then stripped by a redirect', async () => {
    const url = new URL(t.ui.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await raw(t.ui.port, 'GET', `/verify?token=${url.searchParams.get('token')}`, { Host: t.host });
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/verify');
    expect(String(first.headers['set-cookie'])).toMatch(new RegExp(`^chatproof_${t.ui.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect((await t.get('/')).status).toBe(200);
  });

  it('is needed on every route, the script and a page that does not exist included', async () => {
    for (const path of ['/', '/verify', '/static/app.js', '/rooms/x', '/nothing-here']) {
      const res = await raw(t.ui.port, 'GET', path, { Host: t.host });
      expect(res.status, path).toBe(401);
      expect(res.text).toContain('token=');
    }
  });

  it('is refused when wrong, in the address or in the cookie', async () => {
    expect((await raw(t.ui.port, 'GET', '/?token=AAAA', { Host: t.host })).status).toBe(401);
    const forged = t.cookie.replace(/=.*/, '=' + 'A'.repeat(43));
    expect((await raw(t.ui.port, 'GET', '/', { Host: t.host, Cookie: forged })).status).toBe(401);
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('must name this loopback address and port exactly', async () => {
    const port = t.ui.port;
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `localhost6:${port}`,
      `0.0.0.0:${port}`,
      `127.1:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
    ]) {
      const res = await raw(port, 'GET', '/', { Host: host, Cookie: t.cookie });
      expect(res.status, host).toBe(403);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`])
      expect((await raw(port, 'GET', '/', { Host: host, Cookie: t.cookie })).status, host).toBe(200);
  });

  it('cannot be overridden by an absolute request-target', async () => {
    expect((await raw(t.ui.port, 'GET', 'http://evil.example/', { Host: t.host, Cookie: t.cookie })).status).toBe(403);
  });
});

describe('state-changing requests (CSRF)', () => {
  const pdf = Buffer.from('%PDF-1.7\n');
  const base = (): Record<string, string> => ({
    Host: t.host,
    Cookie: t.cookie,
    Origin: t.origin,
    'X-Chatproof-Request': '1',
    'Content-Type': 'application/octet-stream',
  });

  it("need this app's Origin, the custom header and a same-origin fetch", async () => {
    const cases: [string, Record<string, string>][] = [
      ['foreign Origin', { ...base(), Origin: 'http://evil.example' }],
      ['Origin on another port', { ...base(), Origin: `http://127.0.0.1:${t.ui.port + 1}` }],
      ['no Origin', Object.fromEntries(Object.entries(base()).filter(([k]) => k !== 'Origin'))],
      ['no custom header', Object.fromEntries(Object.entries(base()).filter(([k]) => k !== 'X-Chatproof-Request'))],
      ['cross-site fetch', { ...base(), 'Sec-Fetch-Site': 'cross-site' }],
    ];
    for (const [what, headers] of cases) expect((await raw(t.ui.port, 'POST', '/verify', headers, pdf)).status, what).toBe(403);
  });

  it("guard every route that changes something, the settings and a room's notes included", async () => {
    const paths = [
      '/import/preview',
      '/import/confirm',
      '/rooms/0123456789abcdef/note',
      '/rooms/0123456789abcdef/attach',
      '/rooms/0123456789abcdef/report',
      '/settings/tsa',
      '/watch/start',
      '/watch/stop',
      '/chatwork/token',
      '/chatwork/schedule',
      '/verify/anchor',
    ];
    for (const path of paths) {
      const res = await raw(t.ui.port, 'POST', path, { ...base(), Origin: 'http://evil.example', 'Content-Type': 'application/json' }, '{"tsa":"digicert"}');
      expect(res.status, path).toBe(403);
    }
    expect(existsSync(t.settingsFile)).toBe(false);
  });

  it('refuse a form-like body, which a page elsewhere could send without asking', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      expect((await raw(t.ui.port, 'POST', '/verify', { ...base(), 'Content-Type': type }, pdf)).status, type).toBe(415);
    }
  });

  it('get no CORS: OPTIONS is refused without any Access-Control header', async () => {
    const res = await raw(t.ui.port, 'OPTIONS', '/verify', { Host: t.host, Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' });
    expect(res.status).toBe(405);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('uploads', () => {
  it('are refused past the limit while they stream, with or without a declared length', async () => {
    const big = Buffer.alloc(65 * 1024, 0x41);
    expect((await t.post('/verify', big)).status).toBe(413);
    const chunks = function* (): Generator<Buffer> {
      for (let i = 0; i < 80; i++) yield Buffer.alloc(1024, 0x41);
    };
    const res = await t.postChunked('/verify', chunks());
    expect(res.status).toBe(413);
    expect(res.text).toContain('too large');
  });
});

describe('what is served', () => {
  it('has a strict CSP and the secure headers on pages and refusals', async () => {
    for (const res of [await t.get('/verify'), await raw(t.ui.port, 'GET', '/', { Host: t.host })]) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it("is only the app's own routes and assets: no inline script, nothing from another origin", async () => {
    const home = await t.get('/verify');
    expect(home.text).toContain('<script type="module" src="/static/app.js"></script>');
    expect(home.text).not.toMatch(/<script(?![^>]*src="\/static\/)/);
    expect(home.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect((await t.get('/static/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const path of ['/static/../../package.json', '/static/%2e%2e%2fpackage.json', '/static/guard.ts', '/package.json', '/src/ui/static/app.js']) {
      expect((await t.get(path)).status, path).toBe(404);
    }
  });

  it('checks a report without creating an archive (a fresh install)', async () => {
    const res = await t.post('/verify?name=not-a-report.pdf', Buffer.from('%PDF-1.4\nnot really\n'));
    expect(res.text).toContain('role="alert"');
    expect(existsSync(t.db)).toBe(false);
    expect((await t.get('/')).text).toContain('No rooms yet');
    expect(existsSync(t.db)).toBe(false);
  });
});
