import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSettings, writeSettings } from '../../src/app/settings.js';
import { Workspace } from '../../src/app/workspace.js';
import { startUi, type RunningUi } from '../../src/ui/server.js';
import { raw, startTestUi, type TestUi } from '../support/ui.js';

// The folders switched on from the page are kept in the settings beside the archive and watched
// again by the next run; stopping or forgetting one removes it; the other settings stay as they are.
const SCENARIO = join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'line-unsend-and-delete');
const json = (o: Record<string, string>): string => JSON.stringify(o);

let t: TestUi;
let next: RunningUi | undefined;
let workspace: Workspace | undefined;
let phone = '';
let drive = '';

beforeAll(async () => {
  t = await startTestUi({ lang: 'en' });
  phone = join(t.dir, 'phone');
  drive = join(t.dir, 'usb drive');
  mkdirSync(phone);
  mkdirSync(drive);
  writeSettings(t.settingsFile, { tsa: 'digicert' });
});
afterAll(async () => {
  await next?.close();
  workspace?.close();
  await t.close();
});

it('remembers each folder switched on, atomically and privately, beside the other settings', async () => {
  await t.post('/watch/start', json({ folder: phone }), 'application/json');
  const both = await t.post('/watch/start', json({ folder: drive }), 'application/json');
  expect(both.text).toContain(`<code data-watching>${phone}</code>`);
  expect(both.text).toContain(`<code data-watching>${drive}</code>`);
  expect(readSettings(t.settingsFile)).toEqual({ tsa: 'digicert', watch: [phone, drive] });
  expect(statSync(t.settingsFile).mode & 0o777).toBe(0o600);
  expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  // A folder that is not there is refused and not remembered.
  const none = await t.post('/watch/start', json({ folder: join(t.dir, 'nowhere') }), 'application/json');
  expect(none.status).toBe(400);
  // Nor is an empty field (which would otherwise name the folder the app was started in).
  expect((await t.post('/watch/start', json({ folder: ' ' }), 'application/json')).text).toContain('Write the folder to watch first.');
  expect(readSettings(t.settingsFile).watch).toEqual([phone, drive]);
});

it('the next run watches them again, shows one that is missing now, and imports what lands in the other', async () => {
  await t.ui.close();
  rmSync(drive, { recursive: true });
  workspace = new Workspace(t.db, 'Asia/Tokyo');
  next = await startUi({ port: 0, lang: 'en', maxUpload: 1024 * 1024, workspace, settingsFile: t.settingsFile, settleMs: 100 });
  expect(next.watcher.watching).toEqual([phone]);
  const host = `127.0.0.1:${next.port}`;
  const first = await raw(next.port, 'GET', new URL(next.url).pathname + new URL(next.url).search, { Host: host });
  const cookie = String(first.headers['set-cookie']).split(';')[0]!;
  const page = await raw(next.port, 'GET', '/watch/status', { Host: host, Cookie: cookie });
  expect(page.text).toContain(`<code data-watching>${phone}</code>`);
  expect(page.text).toContain(`<code data-missing>${drive}</code>`);

  copyFileSync(join(SCENARIO, 'capture-1.txt'), join(phone, 'line-export.txt'));
  while (!next.watcher.events.some((e) => e.type === 'imported')) await sleep(20);
  await next.watcher.idle();

  // Forgetting the missing one and stopping the other leave the TSA setting alone.
  const post = (path: string, body: string) =>
    raw(
      next!.port,
      'POST',
      path,
      { Host: host, Cookie: cookie, Origin: `http://${host}`, 'X-Chatproof-Request': '1', 'Content-Type': 'application/json' },
      body,
    );
  await post('/watch/stop', json({ folder: drive }));
  expect(readSettings(t.settingsFile)).toEqual({ tsa: 'digicert', watch: [phone] });
  const stopped = await post('/watch/stop', json({ folder: phone }));
  expect(stopped.text).toContain('No folder is watched.');
  expect(next.watcher.watching).toEqual([]);
  expect(JSON.parse(readFileSync(t.settingsFile, 'utf8'))).toEqual({ tsa: 'digicert' });
});

it('stops a folder while another one has gone (a drive pulled out): the gone one stays remembered, shown as missing', async () => {
  const u = await startTestUi({ lang: 'en' });
  try {
    const desk = join(u.dir, 'desk');
    const stick = join(u.dir, 'stick');
    mkdirSync(desk);
    mkdirSync(stick);
    await u.post('/watch/start', json({ folder: desk }), 'application/json');
    await u.post('/watch/start', json({ folder: stick }), 'application/json');
    rmSync(stick, { recursive: true });
    const stopped = await u.post('/watch/stop', json({ folder: desk }), 'application/json');
    expect(stopped.status).toBe(200);
    expect(u.ui.watcher.watching).toEqual([]);
    expect(stopped.text).toContain(`<code data-missing>${stick}</code>`);
    expect(readSettings(u.settingsFile).watch).toEqual([stick]);
  } finally {
    await u.close();
  }
});
