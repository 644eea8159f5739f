import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  parseCertificates,
  parseTokenInfo,
  readCertificateFile,
  requestTimestamp,
  verifyTimestampToken,
  type TimestampToken,
  type TokenVerification,
  type VerifyTimestampOptions,
} from '../../src/timestamp/index.js';
import type { Lang } from '../../src/i18n/lang.js';
import { render, type Phrase } from '../../src/i18n/message.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { opensslVerify } from './openssl-verify.js';

/**
 * Real tokens from `openssl ts -reply` over real HTTP, verified by chatproof and, for every case,
 * by `openssl ts -verify` as a reader would run it: the two must agree. Each broken token breaks
 * one thing and must fail exactly one check.
 */

const data = new TextEncoder().encode('{"head":"9f2c…","seq":42}');
/** A check's detail in a language ('' when the check is absent). */
const said = (c: { detail: Phrase } | undefined, lang: Lang = 'en'): string => (c === undefined ? '' : render(lang, c.detail));
const failed = (v: TokenVerification) => v.checks.filter((c) => !c.ok).map((c) => c.name);
const anchorsOf = async (tsa: TestTsa): Promise<VerifyTimestampOptions> => ({
  trustedCerts: await readCertificateFile(tsa.caCertPath),
  trustedCertsFile: tsa.caCertPath,
});

function flipLastSignatureByte(tokenDer: Uint8Array): Uint8Array {
  const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(tokenDer.slice().buffer).content });
  const signature = Buffer.from(signedData.signerInfos[0]!.signature.valueBlock.valueHexView);
  const at = Buffer.from(tokenDer).indexOf(signature);
  expect(at).toBeGreaterThan(0);
  const out = Uint8Array.from(tokenDer);
  const last = at + signature.length - 1;
  out[last] = out[last]! ^ 0x01;
  return out;
}

describe.skipIf(opensslMissing !== null)(
  `verifyTimestampToken against a local openssl TSA${opensslMissing === null ? '' : ` (skipped: ${opensslMissing})`}`,
  () => {
    let caTsa: TestTsa;
    let selfSignedTsa: TestTsa;
    let otherTsa: TestTsa;
    let noEkuTsa: TestTsa;
    let noEssTsa: TestTsa;
    let token: TimestampToken;

    beforeAll(async () => {
      [caTsa, selfSignedTsa, otherTsa, noEkuTsa, noEssTsa] = await Promise.all([
        startTestTsa(),
        startTestTsa({ signer: 'self-signed' }),
        startTestTsa(),
        startTestTsa({ signer: 'no-eku' }),
        startTestTsa({ signer: 'no-ess' }),
      ]);
      token = await requestTimestamp(data, { url: caTsa.url });
    });
    afterAll(async () => {
      await Promise.all([caTsa, selfSignedTsa, otherTsa, noEkuTsa, noEssTsa].map((t) => t?.close()));
    });

    test('a token from a CA-issued TSA verifies through the chain to the CA, and openssl agrees', async () => {
      const v = await verifyTimestampToken(token.tokenDer, data, await anchorsOf(caTsa));
      expect(failed(v)).toEqual([]);
      expect(v).toMatchObject({
        ok: true,
        trust: 'chain',
        anchor: `file:${caTsa.caCertPath}`,
        genTime: token.genTime,
        tsaName: 'O=chatproof tests, CN=chatproof test TSA',
        signerSubject: 'O=chatproof tests, CN=chatproof test TSA',
      });
      expect(v.checks.map((c) => c.name)).toEqual(['token', 'imprint', 'cms-signature', 'signing-certificate', 'signer-eku', 'trust-anchor']);
      // Each check says what it rests on.
      expect(said(v.checks.find((c) => c.name === 'imprint'))).toContain(token.imprintSha256);
      expect(said(v.checks.find((c) => c.name === 'trust-anchor'))).toMatch(
        /chain "O=chatproof tests, CN=chatproof test TSA" → "O=chatproof tests, CN=chatproof test CA" valid at genTime/,
      );
      expect(await opensslVerify(token.tokenDer, data, caTsa.caCertPath)).toMatchObject({ ok: true });
    });

    test('a self-signed TSA certificate is pinned (pkijs cannot chain it), and openssl agrees', async () => {
      const own = await requestTimestamp(data, { url: selfSignedTsa.url });
      const v = await verifyTimestampToken(own.tokenDer, data, await anchorsOf(selfSignedTsa));
      expect(failed(v)).toEqual([]);
      expect(v).toMatchObject({ ok: true, trust: 'pinned', anchor: `file:${selfSignedTsa.tsaCertPath}` });
      const pin = createHash('sha256')
        .update(parseCertificates(Buffer.from(selfSignedTsa.tsaCertPem), 'tsa.crt')[0]!)
        .digest('hex');
      expect(said(v.checks.find((c) => c.name === 'trust-anchor'))).toContain(pin);
      expect(await opensslVerify(own.tokenDer, data, selfSignedTsa.tsaCertPath)).toMatchObject({ ok: true });
    });

    test('anchors without a file name are reported as embedded in the checked document', async () => {
      const chained = await verifyTimestampToken(token.tokenDer, data, { trustedCerts: parseCertificates(Buffer.from(caTsa.caCertPem), 'ca') });
      expect(chained).toMatchObject({ ok: true, anchor: 'embedded-chain' });
      expect(said(chained.checks.at(-1))).toContain('not independent trust');
      const own = await requestTimestamp(data, { url: selfSignedTsa.url });
      const pinned = await verifyTimestampToken(own.tokenDer, data, { trustedCerts: parseCertificates(Buffer.from(selfSignedTsa.tsaCertPem), 'tsa') });
      expect(pinned).toMatchObject({ ok: true, anchor: 'embedded-pinned', trust: 'pinned' });
    });

    test("by default the anchor is Node's Mozilla root store, which does not know the test CA", async () => {
      const v = await verifyTimestampToken(token.tokenDer, data);
      expect(v).toMatchObject({ ok: false, anchor: 'mozilla-roots', trust: null });
      expect(failed(v)).toEqual(['trust-anchor']);
      expect(said(v.checks.at(-1))).toMatch(/bundled Mozilla root store \(\d+ roots\)/);
    });

    test('tampered data fails the imprint check only, and openssl agrees', async () => {
      const tampered = new TextEncoder().encode('{"head":"9f2c…","seq":43}');
      const v = await verifyTimestampToken(token.tokenDer, tampered, await anchorsOf(caTsa));
      expect(failed(v)).toEqual(['imprint']);
      expect(said(v.checks.find((c) => c.name === 'imprint'))).toContain(`issued for ${token.imprintSha256}`);
      expect(
        said(
          v.checks.find((c) => c.name === 'imprint'),
          'ja',
        ),
      ).toContain(`${token.imprintSha256} に対して発行されています`);
      expect(await opensslVerify(token.tokenDer, tampered, caTsa.caCertPath)).toMatchObject({ ok: false });
    });

    test('another CA is not an anchor for the token, and openssl agrees', async () => {
      const v = await verifyTimestampToken(token.tokenDer, data, await anchorsOf(otherTsa));
      expect(failed(v)).toEqual(['trust-anchor']);
      expect(said(v.checks.at(-1))).toContain('No valid certificate paths found');
      expect(await opensslVerify(token.tokenDer, data, otherTsa.caCertPath)).toMatchObject({ ok: false });
    });

    test('a flipped signature byte fails the signature check only (pkijs returns false), and openssl agrees', async () => {
      const broken = flipLastSignatureByte(token.tokenDer);
      const v = await verifyTimestampToken(broken, data, await anchorsOf(caTsa));
      expect(failed(v)).toEqual(['cms-signature']);
      expect(said(v.checks.find((c) => c.name === 'cms-signature'))).toContain('returned false');
      expect(await opensslVerify(broken, data, caTsa.caCertPath)).toMatchObject({ ok: false });
    });

    test('a signer certificate without the timeStamping EKU fails the EKU check only, and openssl agrees', async () => {
      const own = await requestTimestamp(data, { url: noEkuTsa.url });
      const v = await verifyTimestampToken(own.tokenDer, data, await anchorsOf(noEkuTsa));
      expect(failed(v)).toEqual(['signer-eku']);
      expect(said(v.checks.find((c) => c.name === 'signer-eku'))).toContain('no extendedKeyUsage');
      const openssl = await opensslVerify(own.tokenDer, data, noEkuTsa.caCertPath);
      expect(openssl.ok).toBe(false);
      expect(openssl.output).toContain('unsuitable certificate purpose');
    });

    test('a token whose signed attributes do not name its certificate fails the ESS check only, and openssl agrees', async () => {
      const own = await requestTimestamp(data, { url: noEssTsa.url });
      const v = await verifyTimestampToken(own.tokenDer, data, await anchorsOf(noEssTsa));
      expect(failed(v)).toEqual(['signing-certificate']);
      expect(await opensslVerify(own.tokenDer, data, noEssTsa.caCertPath)).toMatchObject({ ok: false });
    });

    test('bytes that are not a token give one failed check, not a throw', async () => {
      for (const junk of [new Uint8Array(0), new TextEncoder().encode('not a token'), token.tokenDer.subarray(0, 200)]) {
        const v = await verifyTimestampToken(junk, data, await anchorsOf(caTsa));
        expect(v).toMatchObject({ ok: false, genTime: null, trust: null });
        expect(failed(v)).toEqual(['token']);
      }
    });

    test('parseTokenInfo shows what the token says, and requestTimestamp returned the same', () => {
      const info = parseTokenInfo(token.tokenDer);
      expect(info).toMatchObject({
        genTime: token.genTime,
        policy: '1.3.6.1.4.1.99999.1',
        serial: token.serial,
        imprintAlgorithm: 'sha256',
        imprint: createHash('sha256').update(data).digest('hex'),
        tsaName: token.tsaName,
        accuracy: '±1 s',
      });
      expect(token.imprintSha256).toBe(info.imprint);
      expect(Math.abs(Date.parse(info.genTime) - Date.now())).toBeLessThan(60_000);
      expect(info.nonce).toMatch(/^[0-9a-f]+$/);
    });
  },
);
