import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ServiceError } from '../../src/core/errors.js';
import { requestTimestamp } from '../../src/timestamp/index.js';
import { closedPortUrl, opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';

/** The client side: what is sent, what is checked in the answer, and how a TSA's faults are reported (exit 6). */

const data = new TextEncoder().encode('log head');

async function serviceError(promise: Promise<unknown>): Promise<ServiceError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe.skipIf(opensslMissing !== null)(
  `requestTimestamp against a local openssl TSA${opensslMissing === null ? '' : ` (skipped: ${opensslMissing})`}`,
  () => {
    let tsa: TestTsa;
    beforeAll(async () => {
      tsa = await startTestTsa();
    });
    afterAll(async () => {
      await tsa?.close();
    });

    test('sends a SHA-256 imprint, a nonce and certReq, and returns the token with its facts', async () => {
      let sent: pkijs.TimeStampReq | undefined;
      let contentType: string | null = null;
      const spy: typeof fetch = async (input, init) => {
        sent = pkijs.TimeStampReq.fromBER((init!.body as Uint8Array).slice().buffer);
        contentType = new Headers(init?.headers).get('content-type');
        return fetch(input, init);
      };
      const token = await requestTimestamp(data, { url: tsa.url, fetchImpl: spy });
      expect(contentType).toBe('application/timestamp-query');
      expect(sent?.messageImprint.hashAlgorithm.algorithmId).toBe('2.16.840.1.101.3.4.2.1');
      expect(Buffer.from(sent!.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex')).toBe(token.imprintSha256);
      expect(token.imprintSha256).toBe(createHash('sha256').update(data).digest('hex'));
      expect(sent?.certReq).toBe(true);
      expect(sent?.nonce?.toBigInt()).toBeGreaterThan(0n);
      expect(token).toMatchObject({ policy: '1.3.6.1.4.1.99999.1', tsaName: 'O=chatproof tests, CN=chatproof test TSA' });
      expect(token.serial).toMatch(/^[0-9a-f]+$/);
      expect(pkijs.ContentInfo.fromBER(token.tokenDer.slice().buffer).contentType).toBe('1.2.840.113549.1.7.2');
    });

    test('HTTP 500 is a ServiceError naming the TSA and what to do', async () => {
      tsa.behave('http-500');
      try {
        const error = await serviceError(requestTimestamp(data, { url: tsa.url }));
        expect(error.message).toBe(`TSA ${tsa.url}: answered HTTP 500 Internal Server Error instead of a timestamp.`);
        expect(error.hint).toMatch(/Try again.*another TSA.*freetsa, digicert, sectigo/);
        expect(error.category).toBe('service');
      } finally {
        tsa.behave('ok');
      }
    });

    test("a rejection status is a ServiceError with the TSA's reason", async () => {
      tsa.behave('reject');
      try {
        const error = await serviceError(requestTimestamp(data, { url: tsa.url }));
        expect(error.message).toContain('refused the request: status rejection, "test TSA refuses on purpose", failInfo badRequest');
      } finally {
        tsa.behave('ok');
      }
    });

    test('no answer within the timeout is a ServiceError', async () => {
      tsa.behave('hang');
      try {
        const started = Date.now();
        const error = await serviceError(requestTimestamp(data, { url: tsa.url, timeoutMs: 300 }));
        expect(error.message).toContain('no answer within 300 ms');
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        tsa.behave('ok');
      }
    });

    test('an answer that is not a TimeStampResp is a ServiceError', async () => {
      tsa.behave('garbage');
      try {
        const error = await serviceError(requestTimestamp(data, { url: tsa.url }));
        expect(error.message).toContain('not an RFC 3161 TimeStampResp');
      } finally {
        tsa.behave('ok');
      }
    });

    test('connection refused is a ServiceError', async () => {
      const url = await closedPortUrl();
      const error = await serviceError(requestTimestamp(data, { url }));
      expect(error.message).toBe(`TSA ${url}: connection refused (nothing listens there, or it is down).`);
    });

    test("a replayed answer (another request's nonce) is refused", async () => {
      const first = await fetch(tsa.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/timestamp-query' },
        body: queryFor(data),
      });
      const old = new Uint8Array(await first.arrayBuffer());
      const replay: typeof fetch = async () => new Response(old, { status: 200 });
      const error = await serviceError(requestTimestamp(data, { url: tsa.url, fetchImpl: replay }));
      expect(error.message).toContain('its nonce is missing or differs from ours');
    });

    test('a token over other data (right nonce, wrong imprint) is refused', async () => {
      // A man in the middle that swaps the imprint but keeps our nonce.
      const swap: typeof fetch = async (input, init) => {
        const req = pkijs.TimeStampReq.fromBER((init!.body as Uint8Array).slice().buffer);
        req.messageImprint.hashedMessage = new asn1js.OctetString({ valueHex: createHash('sha256').update('other').digest() });
        return fetch(input, { ...init, body: new Uint8Array(req.toSchema().toBER()) });
      };
      const error = await serviceError(requestTimestamp(data, { url: tsa.url, fetchImpl: swap }));
      expect(error.message).toContain('token over other data');
    });
  },
);

/** A TimeStampReq as `openssl ts -query` would make it, with its own nonce. */
function queryFor(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(bytes).digest() }),
    }),
    nonce: asn1js.Integer.fromBigInt(12345n),
    certReq: true,
  });
  return new Uint8Array(req.toSchema().toBER());
}
