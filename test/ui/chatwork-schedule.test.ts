import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPassText } from '../../src/app/chatwork-session.js';
import { writeSettings } from '../../src/app/settings.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { startTestUi, type TestUi } from '../support/ui.js';

// "Sync now, and set the schedule": the schedule runs passes on its own against the local
// stand-in of the Chatwork API, and the page shows the next run and the last result. A minute of
// the schedule lasts 40 ms here; nothing asserts on how long anything took.
const json = (o: Record<string, string>): string => JSON.stringify(o);

/** Asks again until `done` holds; the test's own timeout bounds the wait. */
async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    await sleep(20);
  }
}

describe('the Chatwork schedule', () => {
  let t: TestUi;
  /** What `chatproof ui` writes to its terminal for each pass. */
  const logged: string[] = [];
  let fake: FakeChatwork;
  beforeAll(async () => {
    fake = await FakeChatwork.start();
    t = await startTestUi({ lang: 'en', chatworkApiBase: fake.baseUrl, chatworkMinuteMs: 40, onChatworkPass: (p) => logged.push(syncPassText('en', p)) });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('runs passes on its own, shows the next run and the last result, and stops when asked', async () => {
    fake.addRoom('222', '案件D');
    fake.post('222', { accountId: 7, name: '佐藤 花子', body: '初回のご連絡です', sendTime: 1_709_251_200 });
    await t.post('/chatwork/token', json({ token: fake.token }), 'application/json');
    const set = await t.post('/chatwork/schedule', json({ minutes: '2' }), 'application/json');
    expect(set.text).toContain('Synced every 2 minutes while this window runs.');
    expect(set.text).toMatch(/<span data-next>Next sync at \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(set.text).not.toContain('Last sync');

    // The first scheduled pass captures the room, with nobody pressing "sync now".
    const first = await until(
      () => t.get('/chatwork/passes'),
      (r) => r.text.includes('data-last="ok"'),
    );
    expect(first.text).toContain('Synced 1 rooms; 1 new captures.');
    expect(first.text).toContain('案件D');

    // A later pass sees a new message: a second capture of the room.
    fake.post('222', { accountId: 7, name: '佐藤 花子', body: '追加のご連絡です', sendTime: 1_709_251_300 });
    const captures = /<\/time><\/td>\s*<td class="n">(\d+)<\/td>/;
    await until(
      () => t.get('/'),
      (r) => captures.exec(r.text)?.[1] === '2',
    );
    const later = await t.get('/chatwork/passes');
    expect(later.text).toContain('data-schedule="2"');
    // Between two passes the next one is announced; during one, that it is under way.
    expect(later.text).toMatch(/Next sync at|Syncing now…/);

    const stopped = await t.post('/chatwork/schedule', json({ minutes: '0' }), 'application/json');
    expect(stopped.text).toContain('No schedule.');
    expect(stopped.text).not.toContain('Next sync at');
    await t.ui.chatwork.idle();
    const asked = fake.requests.length;
    // Ten minutes of the schedule: no pass starts.
    await sleep(400);
    expect(fake.requests.length).toBe(asked);
    for (const page of [set.text, first.text, later.text, stopped.text, ...logged]) expect(page).not.toContain(fake.token);
    expect(logged[0]).toBe('Chatwork: Synced 1 rooms; 1 new captures.');
  }, 30_000);

  it('shows a failed scheduled pass with what to do next, and keeps the schedule', async () => {
    await t.post('/chatwork/token', json({ token: 'not-the-token' }), 'application/json');
    await t.post('/chatwork/schedule', json({ minutes: '1' }), 'application/json');
    const failed = await until(
      () => t.get('/chatwork/passes'),
      (r) => r.text.includes('data-last="failed"'),
    );
    expect(failed.text).toContain('role="alert"');
    expect(failed.text).toContain('data-schedule="1"');
    expect(logged.at(-1)).toMatch(/^Chatwork: the sync failed: /);
    expect(logged.at(-1)).not.toContain('not-the-token');
    await t.post('/chatwork/forget', '{}', 'application/json');
    expect((await t.get('/chatwork/passes')).text).toContain('No schedule.');
  }, 30_000);
});

describe.skipIf(opensslMissing !== null)('a Chatwork pass with a TSA set for the archive', () => {
  let t: TestUi;
  let fake: FakeChatwork;
  let tsa: TestTsa;
  beforeAll(async () => {
    [fake, tsa] = await Promise.all([FakeChatwork.start(), startTestTsa()]);
    t = await startTestUi({ lang: 'en', chatworkApiBase: fake.baseUrl });
    writeSettings(t.settingsFile, { tsa: tsa.url, tsaCert: tsa.caCertPath });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    await tsa.close();
  });

  it('stamps after a pass that captured, as sync does, and asks no TSA after a pass that captured nothing', async () => {
    fake.addRoom('444', '案件F');
    fake.post('444', { accountId: 7, name: '佐藤 花子', body: '見積もりです', sendTime: 1_709_251_200 });
    await t.post('/chatwork/token', json({ token: fake.token }), 'application/json');
    const first = await t.post('/chatwork/sync', '{}', 'application/json');
    expect(first.text).toContain('Synced 1 rooms; 1 new captures.');
    expect(first.text).toContain('data-stamp="stamped"');
    const idle = await t.post('/chatwork/sync', '{}', 'application/json');
    expect(idle.text).toContain('Synced 1 rooms; 0 new captures.');
    expect(idle.text).not.toContain('data-stamp');
    // Out of reach, the capture is stored all the same and waits for the next pass's stamp.
    tsa.behave('http-500');
    fake.post('444', { accountId: 7, name: '佐藤 花子', body: '修正版です', sendTime: 1_709_251_300 });
    const queued = await t.post('/chatwork/sync', '{}', 'application/json');
    expect(queued.text).toContain('Synced 1 rooms; 1 new captures.');
    expect(queued.text).toContain('data-stamp="queued"');
    tsa.behave('ok');
    expect((await t.post('/chatwork/sync', '{}', 'application/json')).text).toContain('data-stamp="stamped"');
  }, 60_000);
});
