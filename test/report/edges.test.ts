import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';
import { importScenario, ROOM } from './helpers.js';

const tmp = tempArchive();
beforeAll(() => importScenario(tmp.db));
afterAll(() => tmp.cleanup());

const headOf = (): number => {
  const a = Archive.open(tmp.db, { readonly: true });
  try {
    return a.head()?.seq ?? 0;
  } finally {
    a.close();
  }
};

function plainPdf(path: string): Promise<void> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => {
      writeFileSync(path, Buffer.concat(chunks));
      resolve();
    });
    doc.text('an ordinary PDF');
    doc.end();
  });
}

describe('verify-report on what is not a chatproof report: exit 3', () => {
  it('a PDF without a manifest', async () => {
    const path = join(tmp.dir, 'plain.pdf');
    await plainPdf(path);
    const r = await cli(['verify-report', path]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('not a chatproof report');
  });

  it('a file that is not a PDF', async () => {
    const path = join(tmp.dir, 'notes.txt');
    writeFileSync(path, 'hello');
    const r = await cli(['verify-report', path]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('not a readable PDF');
  });

  it('a file that does not exist', async () => {
    const r = await cli(['verify-report', join(tmp.dir, 'missing.pdf')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('there is no such file');
  });
});

describe('report leaves nothing half-written', () => {
  it('refuses a target folder that does not exist (exit 2), before logging anything', async () => {
    const before = headOf();
    const r = await cli(['report', ROOM, '-o', join(tmp.dir, 'no-such-folder', 'r.pdf'), '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(headOf()).toBe(before);
  });

  it('stops on Ctrl-C (exit 130): no file, no temporary file, no report entry', async () => {
    const before = headOf();
    const target = join(tmp.dir, 'cancelled.pdf');
    const controller = new AbortController();
    controller.abort();
    const r = await cli(['report', ROOM, '-o', target, '--db', tmp.db], { signal: controller.signal });
    expect(r.code).toBe(130);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(headOf()).toBe(before);
  });

  it('names the room candidates for an unknown room (exit 2)', async () => {
    const r = await cli(['report', 'nobody', '-o', join(tmp.dir, 'x.pdf'), '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(ROOM);
  });
});
