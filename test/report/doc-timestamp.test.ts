import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dssOfToken, tokenInUpdate } from '../../exporters/pdf/doc-timestamp/index.js';
import { pdfRenderer } from '../../exporters/pdf/render.js';
import { stampDocument } from '../../src/app/doc-stamp.js';
import { stampingOf } from '../../src/report/verify/doc-timestamp.js';
import { splitRevisions } from '../../src/report/verify/pdf-objects.js';
import { requestTimestamp, resolveTsa } from '../../src/timestamp/index.js';
import { cli } from '../support/cli.js';
import { toolMissing } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { expectOk, importScenario, ROOM } from './helpers.js';

/** The shell lines docs/report.md gives under "The document timestamp", exactly as written there. */
function documentedRecipe(): string {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/report.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### The document timestamp'));
  return /```sh\n([\s\S]*?)```/.exec(section)![1]!;
}

const missing = opensslMissing ?? toolMissing('pdfsig') ?? toolMissing('xxd', 'apt-get install xxd');

describe.skipIf(missing !== null)('report --tsa: a PAdES document timestamp over the whole file', () => {
  const tmp = tempArchive();
  let tsa: TestTsa;
  const pdf = join(tmp.dir, 'report.pdf');
  let said = '';

  beforeAll(async () => {
    tsa = await startTestTsa();
    await importScenario(tmp.db);
    said = expectOk(await cli(['report', ROOM, '-o', pdf, '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, '--db', tmp.db])).stdout;
  });
  afterAll(async () => {
    await tsa.close();
    tmp.cleanup();
  });

  it('report says the whole PDF carries a document timestamp, by whom and when', () => {
    expect(said).toMatch(/(document timestamp \(PAdES\) by .* at \d{4}-|文書タイムスタンプ（PAdES、\d{4}-)/);
  });

  it('pdfsig lists one document timestamp by the test TSA, covering the whole file', () => {
    const out = execFileSync('pdfsig', [pdf], { encoding: 'utf8' });
    const size = readFileSync(pdf).length;
    expect(out).toContain('Signature #1:');
    expect(out).not.toContain('Signature #2:');
    expect(out).toContain('Signature Field Name: DocTimeStamp');
    expect(out).toContain('Signer Certificate Common Name: chatproof test TSA');
    expect(out).toContain('Total document signed');
    expect(out).toMatch(new RegExp(`Signed Ranges: \\[0 - \\d+\\], \\[\\d+ - ${size}\\]`));
  });

  it('the recipe in docs/report.md, run as written, verifies the token over the byte range', () => {
    copyFileSync(tsa.caCertPath, join(tmp.dir, 'tsa-ca.pem'));
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', documentedRecipe()], { cwd: tmp.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('Verification: OK');
  });

  it('the same recipe refuses the file once a byte inside the range changed', () => {
    const bytes = readFileSync(pdf);
    bytes[20] = bytes[20]! ^ 0x01;
    const forged = join(tmp.dir, 'forged');
    mkdirSync(forged);
    copyFileSync(tsa.caCertPath, join(forged, 'tsa-ca.pem'));
    writeFileSync(join(forged, 'report.pdf'), bytes);
    const r = (() => {
      try {
        return execFileSync('bash', ['-euo', 'pipefail', '-c', documentedRecipe()], { cwd: forged, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        return String((e as { stdout?: string }).stdout ?? '');
      }
    })();
    expect(r).not.toContain('Verification: OK');
  });

  it('a TSA answering with other certificates than the token the /DSS was laid out from: the update is laid out again, and verifies', async () => {
    const other = await startTestTsa();
    try {
      const stale = await requestTimestamp(Buffer.from('an earlier request'), { url: other.url });
      const first = splitRevisions(readFileSync(pdf)).first;
      const { bytes, token } = await stampDocument(first, resolveTsa(tsa.url), stale.tokenDer);
      const stamping = stampingOf(bytes, pdfRenderer());
      expect(stamping.stamp).not.toBeNull();
      expect(Buffer.from(stamping.stamp!.token).equals(Buffer.from(token.tokenDer))).toBe(true);
      const ours = dssOfToken(token.tokenDer).certs.map((c) => Buffer.from(c).toString('hex'));
      expect(dssOfToken(stale.tokenDer).certs.map((c) => Buffer.from(c).toString('hex'))).not.toEqual(ours);
      const update = bytes.subarray(first.length);
      for (const der of dssOfToken(token.tokenDer).certs) expect(update.includes(Buffer.from(der))).toBe(true);
      for (const der of dssOfToken(stale.tokenDer).certs) expect(update.includes(Buffer.from(der))).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('the /DSS holds exactly the certificates the token carries (openssl ts gives the TSA certificate and its CA, no CRL)', () => {
    const bytes = readFileSync(pdf);
    const update = bytes.subarray(splitRevisions(bytes).first.length);
    const dss = dssOfToken(tokenInUpdate(update)!);
    expect(dss.certs).toHaveLength(2);
    expect(dss.crls).toHaveLength(0);
    for (const der of dss.certs) expect(update.includes(Buffer.concat([Buffer.from(`stream\n`), Buffer.from(der)]))).toBe(true);
    expect(update.toString('latin1')).toMatch(/\/Type \/DocTimeStamp\n\/Filter \/Adobe\.PPKLite\n\/SubFilter \/ETSI\.RFC3161\n/);
  });
});
