import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ServiceError } from '../core/errors.js';
import { sha256Bytes } from '../core/hash.js';
import { errorText, OID, toArrayBuffer, toHex } from './pkix.js';
import { presetNames } from './presets.js';
import { describeTstInfo, parseToken, type ParsedToken } from './token.js';
import { msg, type Phrase } from '../i18n/message.js';

/**
 * RFC 3161 over HTTP (§3.4): POST a DER TimeStampReq as application/timestamp-query, get a DER
 * TimeStampResp back. The request carries a SHA-256 imprint of `data`, a fresh nonce (so an old
 * or another client's answer cannot be replayed to us) and certReq (so the token carries the TSA
 * certificate and can be checked later without asking anyone).
 */

/** A token obtained from a TSA, with the facts callers show or log. */
export interface TimestampToken {
  /** The TimeStampToken (CMS ContentInfo) DER: what is stored and embedded; `openssl ts -verify -token_in` reads it. */
  readonly tokenDer: Uint8Array;
  readonly genTime: string;
  readonly tsaName: string | null;
  readonly serial: string;
  readonly policy: string;
  readonly imprintSha256: string;
}

export interface RequestTimestampOptions {
  readonly url: string;
  /** Whole exchange, connect to last byte. Default 20 s: public TSAs answer in well under a second. */
  readonly timeoutMs?: number;
  /** For tests; defaults to Node's global fetch. */
  readonly fetchImpl?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const GRANTED = new Set<number>([pkijs.PKIStatus.granted, pkijs.PKIStatus.grantedWithMods]);

export async function requestTimestamp(data: Uint8Array, opts: RequestTimestampOptions): Promise<TimestampToken> {
  const { url, timeoutMs = DEFAULT_TIMEOUT_MS, fetchImpl = fetch } = opts;
  const imprint = sha256Bytes(data);
  // 64 random bits with the top bit cleared: a positive INTEGER (RFC 3161 §2.4.1 nonce).
  const nonce = randomBytes(8).readBigUInt64BE() & 0x7fff_ffff_ffff_ffffn;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(imprint) }),
    }),
    nonce: asn1js.Integer.fromBigInt(nonce),
    certReq: true,
  });
  const fail = (what: Phrase, cause?: unknown): ServiceError =>
    new ServiceError(msg('service.tsa', { url, what }), { where: url, hint: msg('service.tsa.hint', { presets: presetNames() }), cause });

  let status: number;
  let statusText: string;
  let body: Uint8Array;
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: new Uint8Array(request.toSchema().toBER()),
      signal: AbortSignal.timeout(timeoutMs),
    });
    ({ status, statusText } = response);
    // Read the body under the same timeout: a server may send headers and then stall.
    body = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw fail(networkFailure(e, timeoutMs), e);
  }
  if (status !== 200) throw fail(msg('service.tsa.http', { status: `${status}${statusText === '' ? '' : ` ${statusText}`}` }));

  let reply: pkijs.TimeStampResp;
  try {
    reply = pkijs.TimeStampResp.fromBER(toArrayBuffer(body));
  } catch (e) {
    throw fail(msg('service.tsa.not-response', { bytes: body.length }), e);
  }
  if (!GRANTED.has(reply.status.status)) throw fail(msg('service.tsa.refused', { why: describeStatus(reply.status) }));
  if (reply.timeStampToken === undefined) throw fail(msg('service.tsa.no-token'));

  const tokenDer = new Uint8Array(reply.timeStampToken.toSchema().toBER());
  let token: ParsedToken;
  try {
    token = parseToken(tokenDer);
  } catch (e) {
    throw fail(msg('service.tsa.bad-token', { why: errorText(e) }), e);
  }
  // An answer to another request (or a replay) must not be logged as ours (RFC 3161 §2.4.2).
  if (token.tstInfo.nonce?.toBigInt() !== nonce) throw fail(msg('service.tsa.nonce'));
  const info = describeTstInfo(token.tstInfo);
  if (info.imprintAlgorithm !== 'sha256' || info.imprint !== toHex(imprint)) {
    throw fail(msg('service.tsa.imprint', { algorithm: info.imprintAlgorithm, imprint: info.imprint, expected: toHex(imprint) }));
  }
  return { tokenDer, genTime: info.genTime, tsaName: info.tsaName, serial: info.serial, policy: info.policy, imprintSha256: info.imprint };
}

/** What went wrong on the wire, in words: timeout, refused, unknown host, TLS… */
function networkFailure(e: unknown, timeoutMs: number): Phrase {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return msg('service.net.timeout', { ms: timeoutMs });
  // Node's fetch wraps the socket error as `cause` of a bare "fetch failed" TypeError.
  const cause: unknown = e instanceof Error ? e.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  switch (code) {
    case 'ECONNREFUSED':
      return msg('service.net.refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return msg('service.net.no-host');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return msg('service.net.closed');
    default:
      return msg('service.net.other', { why: `${errorText(cause ?? e)}${code === '' ? '' : ` (${code})`}` });
  }
}

/** RFC 3161 §2.4.2 PKIFailureInfo bit names, for the refusal message. */
const FAILURE_BITS: readonly [number, string][] = [
  [0, 'badAlg'],
  [2, 'badRequest'],
  [5, 'badDataFormat'],
  [14, 'timeNotAvailable'],
  [15, 'unacceptedPolicy'],
  [16, 'unacceptedExtension'],
  [17, 'addInfoNotAvailable'],
  [25, 'systemFailure'],
];

function describeStatus(info: pkijs.PKIStatusInfo): string {
  // PKIStatus is a numeric enum: indexing by value gives its name (undefined for a value outside RFC 3161).
  const parts = [`status ${pkijs.PKIStatus[info.status] ?? info.status}`];
  const text = (info.statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
  if (text !== '') parts.push(`"${text}"`);
  if (info.failInfo !== undefined) {
    const bits = info.failInfo.valueBlock.valueHexView;
    const set = FAILURE_BITS.filter(([bit]) => ((bits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0).map(([, n]) => n);
    if (set.length > 0) parts.push(`failInfo ${set.join(', ')}`);
  }
  return parts.join(', ');
}
