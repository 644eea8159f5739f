import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/report/manifest.js';
import { cli } from '../support/cli.js';
import { pdfAttachments, pdfPages, tamperEmbeddedByte, toolMissing } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { ADDED_LATER, DELETED_TEXT, expectOk, importScenario, ROOM, UNSENT_TEXT, type VerifyJson } from './helpers.js';

const tmp = tempArchive();
const pdf = join(tmp.dir, 'part.pdf');
let files: Map<string, Buffer>;
let manifest: Manifest;

beforeAll(async () => {
  await importScenario(tmp.db);
  expectOk(await cli(['report', ROOM, '-o', pdf, '--from', '2024-03-04', '--to', '2024-03-05', '--db', tmp.db]));
  files = await pdfAttachments(readFileSync(pdf));
  manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
});
afterAll(() => tmp.cleanup());

describe('a report of part of a room (--from/--to)', () => {
  it('embeds no original and no message outside the range, in the pages or in any attached file', async () => {
    expect([...files.keys()].sort()).toEqual(['log.jsonl', 'manifest.json']);
    const text = (await pdfPages(readFileSync(pdf))).join('\n');
    expect(text).toContain(UNSENT_TEXT);
    expect(text).toContain(DELETED_TEXT);
    expect(text).not.toContain(ADDED_LATER);
    for (const bytes of files.values()) expect(bytes.toString('utf8')).not.toContain(ADDED_LATER);
    expect(manifest.mode).toBe('private');
    expect(manifest.captures.every((c) => c.file === null && c.messageHashes === undefined)).toBe(true);
    expect(
      Object.values(manifest.messages)
        .map((m) => m.sentAt.slice(0, 10))
        .every((d) => d === '2024-03-04' || d === '2024-03-05'),
    ).toBe(true);
  });

  it('proves each shown message with an inclusion proof, and verify-report checks them', async () => {
    const proofs = manifest.captures.flatMap((c) => Object.keys(c.proofs ?? {}));
    expect(proofs.length).toBeGreaterThanOrEqual(manifest.transcript.length);
    const r = await cli(['verify-report', pdf, '--json']);
    expect(r.code).toBe(0);
    const v = r.json<VerifyJson>();
    expect(v.checks.filter((c) => c.name.endsWith('inclusion proofs'))).toHaveLength(2);
    expect(v.checks.every((c) => c.ok)).toBe(true);
  });

  it('also with --private alone: every message, but no original files', async () => {
    const all = join(tmp.dir, 'all-private.pdf');
    expectOk(await cli(['report', ROOM, '-o', all, '--private', '--db', tmp.db]));
    const embedded = await pdfAttachments(readFileSync(all));
    expect([...embedded.keys()].sort()).toEqual(['log.jsonl', 'manifest.json']);
    expect((await pdfPages(readFileSync(all))).join('\n')).toContain(ADDED_LATER);
    expect((await cli(['verify-report', all])).code).toBe(0);
  });

  it('refuses a range that ends before it starts (exit 2)', async () => {
    const r = await cli(['report', ROOM, '-o', join(tmp.dir, 'x.pdf'), '--from', '2024-03-06', '--to', '2024-03-05', '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the range is empty');
  });
});

describe.skipIf(toolMissing('qpdf') !== null)('a private report with a changed proof', () => {
  it('fails the inclusion-proof check of that capture, and the pages (qpdf rewrote the file)', async () => {
    const capture = manifest.captures[0]!;
    const [hash, proof] = Object.entries(capture.proofs ?? {}).find(([, p]) => p.path.length > 0)!;
    const step = proof.path[0]!;
    const tampered = join(tmp.dir, 'tampered.pdf');
    // One hex digit of one audit-path step, inside manifest.json (canonical JSON, so the text is known).
    tamperEmbeddedByte(pdf, tampered, `"${hash}":{"index":${proof.index},"path":["${step.slice(0, 20)}`, step[20] === '0' ? '1' : '0');
    const r = await cli(['verify-report', tampered, '--json']);
    expect(r.code).toBe(5);
    const failed = r.json<VerifyJson>().checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.name)).toEqual([`capture ${capture.id} inclusion proofs`, 'pages']);
  });
});
