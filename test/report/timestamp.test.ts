import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { cli } from '../support/cli.js';
import { pdfAttachments, pdfPages } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { closedPortUrl, opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { opensslVerify } from '../timestamp/openssl-verify.js';
import { expectOk, importScenario, type ReportJson, ROOM, scenario, type VerifyJson } from './helpers.js';

const head = (db: string): { seq: number; hash: string } | null => {
  const a = Archive.open(db, { readonly: true });
  try {
    return a.head();
  } finally {
    a.close();
  }
};

describe.skipIf(opensslMissing !== null)('RFC 3161 timestamps in reports', () => {
  const tmp = tempArchive();
  let tsa: TestTsa;
  const pdf = join(tmp.dir, 'stamped.pdf');
  let out: ReportJson;

  beforeAll(async () => {
    tsa = await startTestTsa();
    await importScenario(tmp.db);
    out = expectOk(await cli(['report', ROOM, '-o', pdf, '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, '--db', tmp.db, '--json'])).json<ReportJson>();
  });
  afterAll(async () => {
    await tsa.close();
    tmp.cleanup();
  });

  it('stamp: logs a token over the log head and names the anchor it was checked against', async () => {
    const before = head(tmp.db)!;
    const r = expectOk(await cli(['stamp', '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, '--db', tmp.db, '--json']));
    const entry = r.json<{
      seq: number;
      kind: string;
      payload: { timestamp: { seq: number; hash: string; data: string }; blobs: string[] };
      verification: { ok: boolean; anchor: string };
    }>();
    expect(entry).toMatchObject({ seq: before.seq + 1, kind: 'timestamp', payload: { timestamp: { seq: before.seq, hash: before.hash } } });
    expect(entry.payload.timestamp.data).toBe(`{"hash":"${before.hash}","seq":${before.seq},"v":1}`);
    expect(entry.payload.blobs).toHaveLength(1);
    expect(entry.verification).toMatchObject({ ok: true, anchor: `file:${tsa.caCertPath}` });
    expect((await cli(['verify', '--db', tmp.db])).code).toBe(0);
  });

  it('report --tsa: stamps first, embeds the token and the stamped bytes, and the cover says who vouches', async () => {
    expect(out.timestamp?.verification).toMatchObject({ ok: true, anchor: `file:${tsa.caCertPath}` });
    const files = await pdfAttachments(readFileSync(pdf));
    expect([...files.keys()].filter((n) => n.startsWith('timestamp-'))).toEqual(['timestamp-5.json', 'timestamp-5.tst']);
    const cover = (await pdfPages(readFileSync(pdf)))[0]!.replace(/\n/g, '');
    expect(cover).toContain('ログ #4 までの存在を証明');
    expect(cover).not.toContain('第三者は保証していません');
  });

  it('verify-report --tsa-cert: the token holds, and the check names the anchor file', async () => {
    const r = await cli(['verify-report', pdf, '--tsa-cert', tsa.caCertPath, '--json']);
    expect(r.code).toBe(0);
    const check = r.json<VerifyJson>().checks.find((c) => c.name === 'timestamp #5')!;
    expect(check.ok).toBe(true);
    expect(check.detail).toContain('log head #4');
    expect(check.detail).toContain(`anchor file:${tsa.caCertPath}`);
  });

  it('verify-report without --tsa-cert trusts only the Mozilla roots: exit 5, and it says what to do', async () => {
    const r = await cli(['verify-report', pdf, '--json']);
    expect(r.code).toBe(5);
    const failed = r.json<VerifyJson>().checks.filter((c) => !c.ok);
    // The log-head token and the PDF document timestamp come from the same test TSA: neither is trusted.
    expect(failed.map((c) => c.name)).toEqual(['timestamp #5', 'document timestamp']);
    for (const c of failed) {
      expect(c.detail).toContain('--tsa-cert');
      expect(c.detail).toContain('anchor: mozilla-roots');
    }
  });

  it('openssl ts -verify agrees on the embedded token and stamped bytes (the by-hand check of the appendix)', async () => {
    const files = await pdfAttachments(readFileSync(pdf));
    const result = await opensslVerify(files.get('timestamp-5.tst')!, files.get('timestamp-5.json')!, tsa.caCertPath);
    expect(result.ok, result.output).toBe(true);
  });

  it('a TSA that refuses: exit 6, no file, no temporary file, nothing logged', async () => {
    const before = head(tmp.db);
    const target = join(tmp.dir, 'refused.pdf');
    tsa.behave('reject');
    try {
      const r = await cli(['report', ROOM, '-o', target, '--tsa', tsa.url, '--db', tmp.db]);
      expect(r.code).toBe(6);
      expect(r.stderr).toContain('refused');
    } finally {
      tsa.behave('ok');
    }
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(head(tmp.db)).toEqual(before);
  });

  it('the cover says how many captures a TSA vouches for, and that those after the newest token are not', async () => {
    const stampedCover = (await pdfPages(readFileSync(pdf)))[0]!.replace(/\n/g, '');
    expect(stampedCover).toContain('取り込み 2 件のうち 2 件は、時刻認証局が');
    expect(stampedCover).not.toContain('最後のタイムスタンプより後');
    // A third capture after every token: the next report must say it is not vouched for.
    const later = join(tmp.dir, 'capture-3.txt');
    writeFileSync(later, `${readFileSync(scenario(2), 'utf8').trimEnd()}\n17:30\t山田太郎\t承知しました。取り下げます\n`);
    expectOk(await cli(['import', later, '--db', tmp.db]));
    const after = join(tmp.dir, 'after.pdf');
    expectOk(await cli(['report', ROOM, '-o', after, '--db', tmp.db]));
    const cover = (await pdfPages(readFileSync(after)))[0]!.replace(/\n/g, '');
    expect(cover).toContain('取り込み 3 件のうち 2 件は、時刻認証局が');
    expect(cover).toContain('残る 1 件は最後のタイムスタンプより後の取り込みで、矛盾なく書き換えたり消したりしても、どの確認でも気づけません。');
  });

  it('a TSA that is down: stamp exits 6 and logs nothing', async () => {
    const before = head(tmp.db);
    const r = await cli(['stamp', '--tsa', await closedPortUrl(), '--db', tmp.db]);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('connection refused');
    expect(head(tmp.db)).toEqual(before);
  });
});
