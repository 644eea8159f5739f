import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfRenderer } from '../../exporters/pdf/render.js';
import { readAnchors } from '../../src/app/anchors.js';
import { writeSettings } from '../../src/app/settings.js';
import { verifyReport } from '../../src/report/verify/index.js';
import { toolMissing } from '../support/pdf.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { startTestUi, type TestUi } from '../support/ui.js';

// The report page with a timestamp: the TSA set for the archive (here a real `openssl ts` TSA on
// 127.0.0.1, with its CA as the `tsa-cert` setting), the log place and both timestamps shown, and a
// downloaded PDF whose document timestamp verifies.
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const json = (o: Record<string, string>): string => JSON.stringify(o);
const missing = opensslMissing ?? toolMissing('pdfsig');

describe.skipIf(missing !== null)('the report page with a timestamp', () => {
  let t: TestUi;
  let tsa: TestTsa;
  let room = '';
  let stampedPdf: Buffer = Buffer.alloc(0);

  beforeAll(async () => {
    tsa = await startTestTsa();
    t = await startTestUi({ lang: 'en' });
    const preview = await t.post('/import/preview?name=chat.txt', readFileSync(join(FIXTURES, 'line', 'ja-mobile-1to1', 'input.txt')));
    const id = /name="id" value="([^"]+)"/.exec(preview.text)?.[1] ?? '';
    await t.post('/import/confirm', json({ id }), 'application/json');
    room = /\/rooms\/([0-9a-f]+)/.exec((await t.get('/')).text)?.[1] ?? '';
    writeSettings(t.settingsFile, { tsa: tsa.url, tsaCert: tsa.caCertPath });
  });
  afterAll(async () => {
    await t?.close();
    await tsa?.close();
  });

  it('offers the TSA set for the archive first, and the presets', async () => {
    const form = (await t.get(`/rooms/${room}/report`)).text;
    expect(form).toContain(`<option value="configured" selected>the one set for this archive (${tsa.url})</option>`);
    for (const preset of ['freetsa', 'digicert', 'sectigo']) expect(form).toContain(`<option value="${preset}">`);
  });

  it('stamps the log and the whole PDF, shows where the report is in the log, and the PDF checks out', async () => {
    const made = await t.post(`/rooms/${room}/report`, json({ tsa: 'configured' }), 'application/json');
    expect(made.status).toBe(200);
    // The timestamp over the log head is logged first, the report right after it.
    const stampSeq = Number(
      /The log was timestamped by .*chatproof test TSA.* at \d{4}-\d{2}-\d{2} \d{2}:\d{2}.*, logged as entry #(\d+)\./.exec(made.text)?.[1],
    );
    expect(stampSeq).toBeGreaterThan(1);
    expect(made.text).toContain(`The report is made: 6 pages, logged as entry #${stampSeq + 1}.`);
    expect(made.text).toMatch(new RegExp(`data-field="entry">#${stampSeq + 1} [0-9a-f]{64}<`));
    // The CA of the `tsa-cert` setting vouches for the TSA.
    expect(made.text).toContain('data-trust="ok"');
    expect(made.text).toContain(`Trust anchor file:${tsa.caCertPath}`);
    expect(made.text).toMatch(/data-field="doc-stamp">The whole PDF carries a document timestamp \(PAdES\)/);

    const download = /href="(\/reports\/[^"]+)"/.exec(made.text)?.[1] ?? '';
    const pdf = join(t.dir, 'report.pdf');
    const res = await fetchBytes(t, download);
    expect(res.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(pdf, res);
    const sig = execFileSync('pdfsig', [pdf], { encoding: 'utf8' });
    expect(sig).toContain('Signature Field Name: DocTimeStamp');
    expect(sig).toContain('Signer Certificate Common Name: chatproof test TSA');
    expect(sig).toContain('Total document signed');
    const checked = await verifyReport(res, pdf, await readAnchors(tsa.caCertPath, t.dir), pdfRenderer());
    expect(checked.checks.filter((c) => !c.ok)).toEqual([]);
    stampedPdf = res;
  }, 120_000);

  it('"Check a report" trusts the timestamps once the TSA\'s CA certificate is given, and not before', async () => {
    const without = await t.post('/verify?name=report.pdf', stampedPdf);
    expect(without.text).toContain('data-verdict="bad"');
    expect(without.text).toMatch(/data-ok="false"><span class="mark">✗<\/span><strong>[^<]*[Tt]imestamp/);
    const kept = await t.post('/verify/anchor?name=tsa-ca.pem', readFileSync(tsa.caCertPath));
    expect(kept.text).toContain('✓ tsa-ca.pem (1 certificates)');
    const anchor = /name="anchor" value="([^"]+)"/.exec(kept.text)?.[1] ?? '';
    const checked = await t.post(`/verify?name=report.pdf&anchor=${anchor}`, stampedPdf);
    expect(checked.text).toContain('data-verdict="ok"');
    expect(checked.text).toContain('timestamps checked against tsa-ca.pem');
    expect(checked.text).not.toContain('data-ok="false"');
    // A certificate file that is none is refused with what to do; an id this run never gave is too.
    expect((await t.post('/verify/anchor?name=notes.pem', 'not a certificate')).status).toBe(422);
    const stale = await t.post('/verify?name=report.pdf&anchor=unknown', stampedPdf);
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('no longer kept');
  }, 120_000);

  it('checks a TSA named by itself against the certificate set with it, when it is the one set for the archive', async () => {
    const made = await t.post(`/rooms/${room}/report`, json({ tsa: tsa.url }), 'application/json');
    expect(made.status).toBe(200);
    expect(made.text).toContain('data-trust="ok"');
  }, 120_000);

  it('says so when the archive no longer has a TSA set, and stamps nothing', async () => {
    rmSync(t.settingsFile);
    const made = await t.post(`/rooms/${room}/report`, json({ tsa: 'configured' }), 'application/json');
    expect(made.status).toBe(400);
    expect(made.text).toContain('No timestamp authority is set for this archive any more.');
    expect((await t.get(`/rooms/${room}/report`)).text).not.toContain('value="configured"');
  });
});

async function fetchBytes(t: TestUi, path: string): Promise<Buffer> {
  const res = await fetch(`http://${t.host}${path}`, { headers: { Cookie: t.cookie } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}
