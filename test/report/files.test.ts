import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { pdfAttachments, pdfPages, sha256, tamperEmbeddedByte, toolMissing } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { expectOk, gradientPng, importScenario, ROOM, UNSENT_TEXT, type VerifyJson } from './helpers.js';

const tmp = tempArchive();
const shot = gradientPng(320, 200);
const pdf = join(tmp.dir, 'with-files.pdf');

beforeAll(async () => {
  await importScenario(tmp.db);
  const show = expectOk(await cli(['show', ROOM, '--json', '--db', tmp.db])).json<{ messages: { hash: string; body: string }[] }>();
  const unsent = show.messages.find((m) => m.body === UNSENT_TEXT)!;
  writeFileSync(join(tmp.dir, 'shot.png'), shot);
  writeFileSync(join(tmp.dir, 'banner-v2.pdf'), '%PDF-1.4\n% a deliverable\n%%EOF\n');
  expectOk(
    await cli(['attach', ROOM, join(tmp.dir, 'shot.png'), '--kind', 'screenshot', '--note', '取り消される前の画面', '--for', unsent.hash, '--db', tmp.db]),
  );
  expectOk(await cli(['attach', ROOM, join(tmp.dir, 'banner-v2.pdf'), '--kind', 'deliverable', '--hash-only', '--db', tmp.db]));
  expectOk(await cli(['report', ROOM, '-o', pdf, '--db', tmp.db]));
});
afterAll(() => tmp.cleanup());

describe('files kept with the room (attach)', () => {
  it('lists every file with its hash, embeds the kept one, and draws the screenshot', async () => {
    const text = (await pdfPages(readFileSync(pdf))).join('\n').replace(/\n/g, '');
    expect(text).toContain('shot.png（スクリーンショット）');
    expect(text).toContain('banner-v2.pdf（納品物）');
    expect(text).toContain('この報告書には添付していません（ハッシュのみ）');
    expect(text).toContain(sha256(shot));
    expect(text).toContain('取り消される前の画面');
    const files = await pdfAttachments(readFileSync(pdf));
    const kept = [...files].filter(([name]) => name.endsWith('-shot.png'));
    expect(kept).toHaveLength(1);
    expect(sha256(kept[0]![1])).toBe(sha256(shot));
  });

  it('verify-report checks the kept file against its log entry', async () => {
    const r = await cli(['verify-report', pdf, '--json']);
    expect(r.code).toBe(0);
    const checks = r.json<VerifyJson>().checks.filter((c) => c.name.startsWith('attachment #'));
    expect(checks).toHaveLength(2);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('a private report embeds only the files of the messages it shows', async () => {
    const inside = join(tmp.dir, 'inside.pdf');
    const outside = join(tmp.dir, 'outside.pdf');
    expectOk(await cli(['report', ROOM, '-o', inside, '--from', '2024-03-04', '--to', '2024-03-04', '--db', tmp.db]));
    expectOk(await cli(['report', ROOM, '-o', outside, '--from', '2024-03-10', '--db', tmp.db]));
    expect([...(await pdfAttachments(readFileSync(inside))).keys()].filter((n) => n.endsWith('-shot.png'))).toHaveLength(1);
    expect([...(await pdfAttachments(readFileSync(outside))).keys()].sort()).toEqual(['log.jsonl', 'manifest.json']);
    expect((await cli(['verify-report', inside])).code).toBe(0);
  });
});

describe.skipIf(toolMissing('qpdf') !== null)('a changed screenshot', () => {
  it('fails the file check and the attachment check', async () => {
    const tampered = join(tmp.dir, 'tampered.pdf');
    // The first byte of the PNG's width, right after the IHDR tag of the embedded file.
    tamperEmbeddedByte(pdf, tampered, 'IHDR', '\u0001');
    const r = await cli(['verify-report', tampered, '--json']);
    expect(r.code).toBe(5);
    const failed = r
      .json<VerifyJson>()
      .checks.filter((c) => !c.ok)
      .map((c) => c.name);
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatch(/^file file-\d+-shot\.png$/);
    expect(failed[1]).toMatch(/^attachment #\d+$/);
    expect(failed[2]).toBe('pages');
  });
});
