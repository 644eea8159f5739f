import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestUi, type TestUi } from '../support/ui.js';

// The web app's room history for Chatwork's deletion mark (test/fixtures/scenarios/chatwork-deleted):
// the earlier text struck through, and where no capture has it, a sentence saying so.
const SCENARIO = join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'chatwork-deleted');
const capture = (n: number): string => readFileSync(join(SCENARIO, `capture-${n}.json`), 'utf8');
const pendingId = (html: string): string => /name="id" value="([^"]+)"/.exec(html)?.[1] ?? '';

let t: TestUi;
beforeAll(async () => {
  t = await startTestUi({ lang: 'en' });
});
afterAll(async () => {
  await t.close();
});

async function store(name: string, body: string): Promise<string> {
  const preview = await t.post(`/import/preview?name=${name}`, body);
  expect(preview.status, preview.text).toBe(200);
  const stored = await t.post('/import/confirm', JSON.stringify({ id: pendingId(preview.text) }), 'application/json');
  expect(stored.status, stored.text).toBe(200);
  return /\/rooms\/([0-9a-f]+)/.exec(stored.text)?.[1] ?? '';
}

const rows = (page: string): string[] => [...page.matchAll(/<tr class="msg deleted"[\s\S]*?<\/tr>/g)].map((m) => m[0]);

describe('room history', () => {
  it('strikes through the text a [deleted] or [delete] message had before', async () => {
    await store('room-123456.json', capture(1));
    const room = await store('room-123456.json', capture(2));
    const deleted = rows((await t.get(`/rooms/${room}`)).text);
    expect(deleted).toHaveLength(2);
    expect(deleted[0]).toContain('<del class="before">修正は2回まで無料で対応します</del>');
    expect(deleted[1]).toContain('<del class="before">納期は3/15でお願いします</del>');
  });

  it('says no capture has the text when the first capture already showed the mark', async () => {
    const room = await store('room-654321.json', capture(2));
    const deleted = rows((await t.get(`/rooms/${room}`)).text);
    expect(deleted).toHaveLength(2);
    for (const row of deleted) {
      expect(row).toContain('what it said before is in no capture');
      expect(row).not.toMatch(/\[delete/);
    }
  });
});
