import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeChatwork } from '../support/chatwork-server.js';
import { startTestUi, type TestUi } from '../support/ui.js';

// The pages over plain HTTP, as the page's script sends them: what is stored when, what is shown,
// and what is never shown.
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const pendingId = (html: string): string => /name="id" value="([^"]+)"/.exec(html)?.[1] ?? '';
const json = (o: Record<string, string>): string => JSON.stringify(o);

let t: TestUi;
let fake: FakeChatwork;
beforeAll(async () => {
  fake = await FakeChatwork.start();
  t = await startTestUi({ lang: 'en', chatworkApiBase: fake.baseUrl });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

describe('import', () => {
  const hostile = [
    '[LINE] <b>Mallory</b>とのトーク履歴',
    '保存日時：2024/03/02 21:15',
    '',
    '2024/03/01(金)',
    '09:05\t<img src=x onerror=alert(1)>\t</script><script>alert(2)</script>',
    '09:06\t山田太郎\t"<a href=""javascript:alert(3)"">click</a>"',
    '',
  ].join('\n');

  it('shows what was read and stores nothing until "store"', async () => {
    const preview = await t.post('/import/preview?name=chat.txt', hostile);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('data-field="messages">2<');
    expect(existsSync(t.db)).toBe(false);
    const stored = await t.post('/import/confirm', json({ id: pendingId(preview.text) }), 'application/json');
    expect(stored.text).toContain('Stored 2 messages into room &quot;&lt;b&gt;Mallory&lt;/b&gt;&quot; (a new room).');
    expect(existsSync(t.db)).toBe(true);
    // A preview is answered once: storing it again is refused, not a second capture.
    expect((await t.post('/import/confirm', json({ id: pendingId(preview.text) }), 'application/json')).status).toBe(410);
  });

  it('shows what the other side of the chat wrote as text, never as markup', async () => {
    const roomId = /\/rooms\/([0-9a-f]+)/.exec((await t.get('/')).text)?.[1] ?? '';
    for (const page of [(await t.get('/')).text, (await t.get(`/rooms/${roomId}`)).text]) {
      expect(page).not.toMatch(/<img src=x|<script>alert|<b>Mallory|<a href="javascript/);
    }
    const room = (await t.get(`/rooms/${roomId}`)).text;
    expect(room).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(room).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(room).toContain('&lt;a href=&quot;&quot;javascript:alert(3)&quot;&quot;&gt;click&lt;/a&gt;');
  });

  it('asks for a room and a confirmation for a guessed paste, as the CLI does', async () => {
    const text = readFileSync(join(FIXTURES, 'crowdworks', 'paste-contract-thread', 'input.txt'), 'utf8');
    const first = await t.post('/import/preview', json({ text, room: '' }), 'application/json');
    expect(first.text).toContain('does not say which room it comes from');
    expect(first.text).not.toContain('/import/confirm');
    const named = await t.post('/import/room', json({ id: pendingId(first.text), room: '案件B 佐藤花子' }), 'application/json');
    expect(named.text).toContain('data-notice="inferred"');
    expect(named.text).toContain('山田太郎 (2), 佐藤花子 (1)');
    const stored = await t.post('/import/confirm', json({ id: pendingId(named.text) }), 'application/json');
    expect(stored.text).toContain('Stored 3 messages into room &quot;案件B 佐藤花子&quot; (a new room).');
  });

  it('says whether the input goes into a room already archived or a new one', async () => {
    const again = await t.post('/import/preview?name=chat.txt', hostile);
    expect(again.text).toContain('data-field="room">&lt;b&gt;Mallory&lt;/b&gt; </dd>');
    const other = await t.post('/import/preview?name=chat.txt', readFileSync(join(FIXTURES, 'line', 'ja-mobile-1to1', 'input.txt')));
    expect(other.text).toContain('data-field="room">佐藤花子 (a new room)</dd>');
  });

  it('stores nothing when cancelled', async () => {
    const preview = await t.post('/import/preview?name=chat.txt', readFileSync(join(FIXTURES, 'line', 'ja-mobile-1to1', 'input.txt')));
    const rooms = (await t.get('/')).text;
    expect((await t.post('/import/cancel', json({ id: pendingId(preview.text) }), 'application/json')).text).toContain('Nothing was stored.');
    expect((await t.post('/import/confirm', json({ id: pendingId(preview.text) }), 'application/json')).status).toBe(410);
    expect((await t.get('/')).text).toBe(rooms);
  });

  it('says what is wrong with an input that is not a chat, and where', async () => {
    const res = await t.post('/import/preview?name=photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    expect(res.status).toBe(422);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('photo.txt');
  });
});

describe('Chatwork', () => {
  it('keeps the token in memory: it is used for the API and never shown again', async () => {
    fake.addRoom('111', '案件C');
    fake.post('111', { accountId: 7, name: '佐藤 花子', body: 'よろしくお願いします', sendTime: 1_709_251_200 });
    const kept = await t.post('/chatwork/token', json({ token: fake.token }), 'application/json');
    expect(kept.text).toContain('data-token="set"');
    const synced = await t.post('/chatwork/sync', '{}', 'application/json');
    expect(synced.text).toContain('Synced 1 rooms; 1 new captures.');
    expect(synced.text).toContain('案件C');
    expect(fake.requests.every((r) => r.token === fake.token)).toBe(true);
    for (const page of [kept.text, synced.text, (await t.get('/chatwork')).text, (await t.get('/')).text]) expect(page).not.toContain(fake.token);
    for (const file of [t.db, `${t.db}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(fake.token)), file).toBe(false);
    const scheduled = await t.post('/chatwork/schedule', json({ minutes: '30' }), 'application/json');
    expect(scheduled.text).toContain('Synced every 30 minutes while this window runs.');
    const forgotten = (await t.post('/chatwork/forget', '{}', 'application/json')).text;
    expect(forgotten).toContain('data-token="none"');
    // Without a token a sync says so instead of calling the API.
    expect((await t.post('/chatwork/sync', '{}', 'application/json')).text).toContain('No token is set.');
  });

  it('refuses a token with characters a token cannot have, without echoing it', async () => {
    const res = await t.post('/chatwork/token', json({ token: 'abc def<script>' }), 'application/json');
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('abc def');
    // ...and says where a real one is found.
    expect(res.text).toContain('Integrations (サービス連携) → API Token');
  });
});

describe('backup', () => {
  it('downloads a consistent copy of the archive', async () => {
    const res = await t.get('/backup/download');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="chatproof-backup-\d{8}-\d{6}\.db"$/);
    expect(res.text.startsWith('SQLite format 3\u0000')).toBe(true);
  });
});

describe('rooms', () => {
  it('shows each room as of its newest export by save time, not by when it was imported', async () => {
    const own = await startTestUi({ lang: 'en' });
    try {
      const scenario = (n: 1 | 2): string => readFileSync(join(FIXTURES, 'scenarios', 'line-unsend-and-delete', `capture-${n}.txt`), 'utf8');
      // The newer export (保存日時 2024/03/12 22:00) first, then the older one (2024/03/05 20:00).
      for (const n of [2, 1] as const) {
        const preview = await own.post(`/import/preview?name=capture-${n}.txt`, scenario(n));
        expect((await own.post('/import/confirm', json({ id: pendingId(preview.text) }), 'application/json')).status).toBe(200);
      }
      const asOf = /<td data-as-of><time datetime="([^"]+)"/.exec((await own.get('/')).text)?.[1];
      expect(asOf).toBe('2024-03-12T22:00:00+09:00');
    } finally {
      await own.close();
    }
  });
});
