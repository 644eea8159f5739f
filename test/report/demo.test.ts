import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { pdfPages } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';

describe('chatproof demo', () => {
  const tmp = tempArchive();
  afterAll(() => tmp.cleanup());

  it('ends by writing the demo report and checking it without the archive', async () => {
    const r = await cli(['demo', '--keep', tmp.dir]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(tmp.dir, 'demo-report.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(r.stdout).toContain('$ chatproof report 佐藤花子 -o');
    expect(r.stdout).toMatch(/\$ chatproof verify-report .*demo-report\.pdf[\s\S]*✓ All \d+ checks hold/);
    expect(r.stdout).toContain(`Report: ${pdf}`);
    // The report is for a Japanese support desk: Japanese unless --lang is given, whatever the terminal.
    expect((await pdfPages(readFileSync(pdf))).join('\n')).toContain('取り消し前の本文');
  });
});
