import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRoom } from '../../src/app/room-arg.js';
import { listRoomFiles } from '../../src/attach/files.js';
import { sha256Hex } from '../../src/core/hash.js';
import { Archive } from '../../src/store/archive.js';
import { verifyArchive } from '../../src/store/verify.js';
import { cli, tempArchive } from '../support/cli.js';
import { seedArchive } from '../support/seed.js';
import { png1x1, tinyPdf } from './samples.js';

let tmp = tempArchive();
beforeEach(() => {
  tmp = tempArchive();
  seedArchive(tmp.db);
});
afterEach(() => tmp.cleanup());

const ROOM = '佐藤花子';
const write = (name: string, bytes: Buffer): Buffer => (writeFileSync(join(tmp.dir, name), bytes), bytes);
const attach = (...args: string[]) => cli(['attach', ...args, '--db', tmp.db], { cwd: tmp.dir });

function inArchive<T>(fn: (a: Archive) => T): T {
  const a = Archive.open(tmp.db);
  try {
    return fn(a);
  } finally {
    a.close();
  }
}
const head = () => inArchive((a) => a.head());
const roomId = () => inArchive((a) => findRoom(a, ROOM).id);
const attachments = () => inArchive((a) => a.entries(findRoom(a, ROOM).id).filter((e) => e.kind === 'attachment'));

interface Out {
  files: { name: string; sha256: string; size: number; kind: string; entry: { seq: number; hash: string } }[];
}

describe('chatproof attach', () => {
  it('keeps a deliverable and a screenshot byte-exact, one entry each with the full payload; verify passes', async () => {
    const pdf = write('LP_v2.pdf', tinyPdf());
    const png = write('画面.png', png1x1());
    const r1 = await attach(ROOM, 'LP_v2.pdf', '--kind', 'deliverable', '--note', '3/10 納品', '--json');
    const r2 = await attach(ROOM, join(tmp.dir, '画面.png'), '--kind', 'screenshot', '--json');
    expect([r1.code, r2.code, r1.stderr + r2.stderr]).toEqual([0, 0, '']);

    const [deliverable, screenshot] = attachments();
    expect(deliverable?.roomId).toBe(roomId());
    expect(deliverable?.payload).toEqual({
      attachment: {
        name: 'LP_v2.pdf',
        sha256: sha256Hex(pdf),
        size: pdf.length,
        kind: 'deliverable',
        mime: 'application/pdf',
        note: '3/10 納品',
        forMessage: null,
        bytesKept: true,
        detected: 'pdf',
      },
      blobs: [sha256Hex(pdf)],
    });
    expect(screenshot?.payload).toEqual({
      attachment: {
        name: '画面.png',
        sha256: sha256Hex(png),
        size: png.length,
        kind: 'screenshot',
        mime: 'image/png',
        note: null,
        forMessage: null,
        bytesKept: true,
        detected: 'png',
      },
      blobs: [sha256Hex(png)],
    });
    expect(r1.json<Out>().files).toEqual([{ ...(deliverable!.payload['attachment'] as object), entry: { seq: deliverable!.seq, hash: deliverable!.hash } }]);
    expect(r2.json<Out>().files[0]).toMatchObject({
      name: '画面.png',
      sha256: sha256Hex(png),
      size: png.length,
      kind: 'screenshot',
      entry: { seq: screenshot!.seq },
    });

    inArchive((a) => {
      expect(a.blob(sha256Hex(pdf)).equals(pdf)).toBe(true);
      expect(a.blob(sha256Hex(png)).equals(png)).toBe(true);
      expect(verifyArchive(a.sqlite)).toMatchObject({ ok: true, problems: [] });
      expect(listRoomFiles(a.entries(findRoom(a, ROOM).id)).map((f) => [f.name, f.kind, f.bytesKept])).toEqual([
        ['LP_v2.pdf', 'deliverable', true],
        ['画面.png', 'screenshot', true],
      ]);
    });
  });

  it('--hash-only records the hash and size of a multi-chunk file without storing its bytes', async () => {
    const video = write('recording.mp4', Buffer.concat([png1x1(), Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a)]));
    const r = await attach(ROOM, 'recording.mp4', '--hash-only', '--max-size', '1KB', '--json');
    expect(r.code).toBe(0);
    const [e] = attachments();
    expect(e?.payload).toEqual({
      attachment: {
        name: 'recording.mp4',
        sha256: sha256Hex(video),
        size: video.length,
        kind: 'other',
        mime: 'image/png',
        note: null,
        forMessage: null,
        bytesKept: false,
        detected: 'png',
      },
      blobs: [],
    });
    inArchive((a) => {
      expect(a.hasBlob(sha256Hex(video))).toBe(false);
      expect(verifyArchive(a.sqlite).ok).toBe(true);
    });
  });

  it('a "screenshot" whose bytes are no image is kept as "other", with a warning', async () => {
    write('screenshot.png', tinyPdf());
    const r = await attach(ROOM, 'screenshot.png', '--kind', 'screenshot', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/screenshot\.png is not an image by its bytes \(PDF\).*"other"/);
    expect(r.json<Out>().files[0]?.kind).toBe('other');
    expect(attachments()[0]?.payload['attachment']).toMatchObject({ kind: 'other', detected: 'pdf', mime: 'application/pdf' });
  });

  it('--for links the file to a message of the room by a unique hash prefix', async () => {
    const target = inArchive((a) => a.captureMessages(a.captures(findRoom(a, ROOM).id)[0]!.id)[0]!);
    write('見積書.pdf', tinyPdf());
    const r = await attach(ROOM, '見積書.pdf', '--for', target.hash.slice(0, 10).toUpperCase());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(target.body);
    expect(attachments()[0]?.payload['attachment']).toMatchObject({ forMessage: target.hash });
  });

  it.each([
    ['a hash no message of the room has', 'deadbeef00'],
    ['a prefix shorter than 8', 'abc123'],
    ['something that is not hex', '見積書を送りました'],
  ])('--for with %s is exit 2, tells how to find hashes, and writes nothing', async (_what, ref) => {
    write('a.pdf', tinyPdf());
    const before = head();
    const r = await attach(ROOM, 'a.pdf', '--for', ref);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`chatproof show "${ROOM}" --json`);
    expect(head()).toEqual(before);
  });

  it('--for a message of another room is not found', async () => {
    const other = inArchive((a) => a.captureMessages(a.captures(findRoom(a, '案件A').id)[0]!.id)[0]!);
    write('a.pdf', tinyPdf());
    expect((await attach(ROOM, 'a.pdf', '--for', other.hash)).code).toBe(2);
  });

  it('a missing file is exit 3 and the log head is unchanged', async () => {
    const before = head();
    const r = await attach(ROOM, 'nope.pdf');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Cannot read nope.pdf: there is no such file');
    expect(head()).toEqual(before);
  });

  it('several files land as consecutive entries, one per file, in the order given', async () => {
    const files = ['1.pdf', '2.png', '3.pdf'].map((n, i) => write(n, Buffer.concat([i === 1 ? png1x1() : tinyPdf(), Buffer.from(n)])));
    const before = head()!;
    const r = await attach(ROOM, '1.pdf', '2.png', '3.pdf', '--kind', 'deliverable', '--json');
    expect(r.code).toBe(0);
    expect(r.json<Out>().files.map((f) => [f.name, f.sha256, f.entry.seq])).toEqual(
      ['1.pdf', '2.png', '3.pdf'].map((n, i) => [n, sha256Hex(files[i]!), before.seq + 1 + i]),
    );
    expect(inArchive((a) => verifyArchive(a.sqlite).ok)).toBe(true);
  });

  it('several files, one of them unreadable (a folder): exit 3, no entry and no bytes written', async () => {
    const good = write('good.pdf', tinyPdf());
    mkdirSync(join(tmp.dir, 'folder'));
    const before = head();
    const r = await attach(ROOM, 'good.pdf', 'folder', 'good.pdf');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('folder is a folder');
    expect(head()).toEqual(before);
    expect(inArchive((a) => a.hasBlob(sha256Hex(good)))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('several files, one without read permission: exit 3, nothing written', async () => {
    write('good.pdf', tinyPdf());
    write('secret.pdf', tinyPdf());
    chmodSync(join(tmp.dir, 'secret.pdf'), 0o000);
    const before = head();
    const r = await attach(ROOM, 'good.pdf', 'secret.pdf');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Cannot read secret.pdf: you may not read it');
    expect(head()).toEqual(before);
  });

  it.each([[[]], [['--hash-only']]])('Ctrl-C while reading (%j) is exit 130 and nothing is written', async (extra) => {
    write('a.pdf', tinyPdf());
    const before = head();
    const controller = new AbortController();
    controller.abort();
    const r = await cli(['attach', ROOM, 'a.pdf', ...extra, '--db', tmp.db], { cwd: tmp.dir, signal: controller.signal });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('nothing was attached');
    expect(head()).toEqual(before);
  });

  it('a kept file over --max-size is exit 3 and suggests --hash-only; the limit cannot pass what the archive holds', async () => {
    write('big.pdf', Buffer.concat([tinyPdf(), Buffer.alloc(4096)]));
    const before = head();
    const r = await attach(ROOM, 'big.pdf', '--max-size', '2KB');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/more than the .* limit.*nothing was attached[\s\S]*--hash-only/);
    expect(head()).toEqual(before);
    expect((await attach(ROOM, 'big.pdf', '--max-size', '2GB')).code).toBe(2);
  });

  it('an unknown room, an unknown --kind or an empty --note is exit 2', async () => {
    write('a.pdf', tinyPdf());
    expect((await attach('nobody', 'a.pdf')).code).toBe(2);
    expect((await attach(ROOM, 'a.pdf', '--kind', 'photo')).code).toBe(2);
    expect((await attach(ROOM, 'a.pdf', '--note', '  ')).code).toBe(2);
    expect(attachments()).toEqual([]);
  });

  it('says in plain words what was kept, and that a hash-only file must be kept elsewhere', async () => {
    write('a.pdf', tinyPdf());
    const r = await attach(ROOM, 'a.pdf', '--hash-only');
    expect(r.stdout).toMatch(/Attached 1 file to room "佐藤花子"[\s\S]*a\.pdf {2}\(other, application\/pdf, \d+ B\)[\s\S]*hash only: the bytes were not kept/);
    const ja = await cli(['attach', ROOM, 'a.pdf', '--kind', 'deliverable', '--db', tmp.db], { cwd: tmp.dir, env: { LANG: 'ja_JP.UTF-8' } });
    expect(ja.stdout).toMatch(/ルーム「佐藤花子」に 1 件のファイルを保存しました。[\s\S]*a\.pdf {2}（納品物、application\/pdf/);
  });
});
