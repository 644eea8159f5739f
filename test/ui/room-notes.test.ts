import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { sha256Hex } from '../../src/core/hash.js';
import { png1x1 } from '../attach/samples.js';
import { startTestUi, type TestUi } from '../support/ui.js';

// Notes and attached files added from a room's page, over plain HTTP as the page's script sends
// them: each one entry in the log, shown on the page as text, the upload bounded while it streams.
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const json = (o: Record<string, string>): string => JSON.stringify(o);
const MAX = 64 * 1024;

let t: TestUi;
let room = '';
/** The log's entries of one kind, read from the archive file itself. */
function entries(kind: string): { seq: number; payload: unknown }[] {
  const a = Archive.open(t.db, { readonly: true });
  try {
    return a
      .entries(room)
      .filter((e) => e.kind === kind)
      .map((e) => ({ seq: e.seq, payload: e.payload }));
  } finally {
    a.close();
  }
}

beforeAll(async () => {
  t = await startTestUi({ lang: 'en', maxUpload: MAX });
  const preview = await t.post('/import/preview?name=chat.txt', readFileSync(join(FIXTURES, 'line', 'ja-mobile-1to1', 'input.txt')));
  await t.post('/import/confirm', json({ id: /name="id" value="([^"]+)"/.exec(preview.text)?.[1] ?? '' }), 'application/json');
  room = /\/rooms\/([0-9a-f]+)/.exec((await t.get('/')).text)?.[1] ?? '';
});
afterAll(async () => {
  await t.close();
});

describe('a note from the room page', () => {
  it('is logged once and shown as text', async () => {
    const res = await t.post(`/rooms/${room}/note`, json({ text: '<b>client</b> phoned: the room was deleted' }), 'application/json');
    expect(res.status).toBe(200);
    const logged = entries('note');
    expect(logged).toHaveLength(1);
    expect(res.text).toContain(`The note is logged as entry #${logged[0]!.seq}.`);
    expect(res.text).toContain('&lt;b&gt;client&lt;/b&gt; phoned: the room was deleted');
    expect(res.text).not.toContain('<b>client');
    expect((await t.get(`/rooms/${room}`)).text).toContain('&lt;b&gt;client&lt;/b&gt; phoned');
  });

  it('refuses an empty note and logs nothing', async () => {
    const res = await t.post(`/rooms/${room}/note`, json({ text: '  \n ' }), 'application/json');
    expect(res.status).toBe(400);
    expect(res.text).toContain('The note is empty');
    expect(entries('note')).toHaveLength(1);
  });
});

describe('a file attached from the room page', () => {
  it('is kept with its hash, under the base name it was sent with, and shown', async () => {
    const png = png1x1();
    const res = await t.post(
      `/rooms/${room}/attach?kind=screenshot&note=${encodeURIComponent('納品画面')}&name=${encodeURIComponent('..\\..\\画面.png')}`,
      png,
    );
    expect(res.status).toBe(200);
    const logged = entries('attachment');
    expect(logged).toHaveLength(1);
    expect(res.text).toContain(`画面.png is attached, logged as entry #${logged[0]!.seq}.`);
    expect(res.text).toContain(`sha256 ${sha256Hex(png)}`);
    expect(res.text.replace(/\s+/g, ' ')).toContain('画面.png (screenshot, image/png, 70 B) — 納品画面');
    expect(logged[0]!.payload).toMatchObject({
      attachment: { name: '画面.png', sha256: sha256Hex(png), kind: 'screenshot', note: '納品画面', bytesKept: true },
    });
    const a = Archive.open(t.db, { readonly: true });
    expect(a.hasBlob(sha256Hex(png))).toBe(true);
    a.close();
    // It downloads again as the same bytes, under its name, never as something the page would show.
    const link = /href="(\/rooms\/[0-9a-f]+\/attachments\/\d+)" download/.exec(res.text)?.[1] ?? '';
    const back = await fetch(`http://${t.host}${link}`, { headers: { Cookie: t.cookie } });
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('application/octet-stream');
    expect(back.headers.get('content-disposition')).toBe(`attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent('画面.png')}`);
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);
    // A log entry that is not an attachment of this room is not a file to download.
    expect((await t.get(`/rooms/${room}/attachments/1`)).status).toBe(404);
    expect((await t.get(`/rooms/${room}/attachments/x`)).status).toBe(404);
    // Nothing of the upload is left behind in the run's private folder.
    expect(readdirSync(t.ui.scratch)).toEqual([]);
  });

  it('says so when a "screenshot" is no image, and keeps it as "other"', async () => {
    const res = await t.post(`/rooms/${room}/attach?kind=screenshot&name=notes.txt`, 'plain words');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-added="attachment"');
    expect(res.text).toMatch(/class="warn">warning: notes.txt is not an image by its bytes/);
    expect(res.text.replace(/\s+/g, ' ')).toContain('notes.txt (other, application/octet-stream, 11 B)');
  });

  it('records only the fingerprint of a file when asked, and offers nothing to download', async () => {
    const bytes = Buffer.from('a recording too large to keep, in spirit');
    const res = await t.post(`/rooms/${room}/attach?hashOnly=yes&name=call.m4a`, bytes);
    expect(res.status).toBe(200);
    const last = entries('attachment').at(-1)!;
    expect(last.payload).toMatchObject({ attachment: { name: 'call.m4a', sha256: sha256Hex(bytes), bytesKept: false } });
    const a = Archive.open(t.db, { readonly: true });
    expect(a.hasBlob(sha256Hex(bytes))).toBe(false);
    a.close();
    expect(res.text.replace(/\s+/g, ' ')).toMatch(/call\.m4a \(other, [^)]*\).*\(fingerprint only: the file is not in the archive\)/);
    expect(res.text).not.toContain(`/attachments/${last.seq}"`);
    expect((await t.get(`/rooms/${room}/attachments/${last.seq}`)).status).toBe(404);
  });

  it('attaches a file to one message, shown before the file is sent, and refuses a message the room never had', async () => {
    const roomPage = (await t.get(`/rooms/${room}`)).text;
    const link = /href="(\/rooms\/[0-9a-f]+\/attach-to\/([0-9a-f]{64}))"/.exec(roomPage)!;
    const hash = link[2]!;
    const page = await t.get(link[1]!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<blockquote data-message="${hash}">`);
    expect(page.text).toContain(`<input type="hidden" name="for" value="${hash}" />`);
    const res = await t.post(`/rooms/${room}/attach?for=${hash}&name=invoice.pdf`, '%PDF-1.4 an invoice');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<a href="/rooms/${room}">`);
    expect(entries('attachment').at(-1)!.payload).toMatchObject({ attachment: { name: 'invoice.pdf', forMessage: hash } });
    expect((await t.get(`/rooms/${room}`)).text).toContain(`for the message ${hash.slice(0, 12)}`);
    const before = entries('attachment').length;
    expect((await t.get(`/rooms/${room}/attach-to/${'0'.repeat(64)}`)).status).toBe(400);
    expect((await t.post(`/rooms/${room}/attach?for=${'0'.repeat(64)}&name=x.pdf`, 'bytes')).status).toBe(400);
    expect(entries('attachment')).toHaveLength(before);
  });

  it('refuses an upload past the limit while it streams, and an empty one, logging nothing', async () => {
    const before = entries('attachment').length;
    const big = Buffer.alloc(MAX + 1, 1);
    const declared = await t.post(`/rooms/${room}/attach?name=big.bin`, big);
    expect(declared.status).toBe(413);
    // Without a declared length the body is counted as it arrives.
    const chunks = Array.from({ length: 5 }, () => Buffer.alloc(MAX / 4, 2));
    const streamed = await t.postChunked(`/rooms/${room}/attach?name=big.bin`, chunks);
    expect(streamed.status).toBe(413);
    const empty = await t.post(`/rooms/${room}/attach?name=empty.txt`, Buffer.alloc(0));
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('The file is empty');
    expect(entries('attachment')).toHaveLength(before);
  });
});
