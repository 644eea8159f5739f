import { createHash } from 'node:crypto';
import { msg, type Phrase } from '../i18n/message.js';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { InputError } from '../core/errors.js';
import { checkTimestampingEku, findSignerCertificate } from './certs.js';
import { checkSigningCertificate } from './ess.js';
import { cryptoEngine, errorText, formatName, HASH_BY_OID, OID, signatureAlgorithmName, toHex } from './pkix.js';
import { describeTstInfo, parseToken, type ParsedToken } from './token.js';
import { checkTrust, type TrustMode } from './trust.js';

/**
 * Verify an RFC 3161 token over `data` (the exact bytes that were stamped, not their hash: the
 * imprint is recomputed from them). Never throws on a bad token: every finding is a check with
 * what it rests on, and `ok` is true only when all hold (restic `check` style: report all).
 */

/** Where trust came from: Node's Mozilla roots, a file the user named, or certificates carried by the checked document. */
export type TimestampAnchor = 'mozilla-roots' | `file:${string}` | 'embedded-pinned' | 'embedded-chain';

export type TimestampCheckName = 'token' | 'imprint' | 'cms-signature' | 'signing-certificate' | 'signer-eku' | 'trust-anchor';

export interface TimestampCheck {
  readonly name: TimestampCheckName;
  readonly ok: boolean;
  /** What was compared with what, and by which rule or library call; never just "OK". */
  readonly detail: Phrase;
}

export interface TokenVerification {
  readonly ok: boolean;
  /** TSTInfo genTime (ISO 8601 UTC); null when the token does not parse. Trust it only when `ok`. */
  readonly genTime: string | null;
  readonly tsaName: string | null;
  readonly signerSubject: string | null;
  readonly anchor: TimestampAnchor;
  /** How the signer was tied to the anchor; null when it was not. */
  readonly trust: TrustMode | null;
  readonly checks: readonly TimestampCheck[];
}

export interface VerifyTimestampOptions {
  /**
   * Anchors as DER (parseCertificates / readCertificateFile accept PEM or DER): a CA certificate
   * (chain check) or the TSA's own certificate (pinned). Absent or empty: Node's bundled Mozilla roots.
   */
  readonly trustedCerts?: readonly Uint8Array[];
  /**
   * The file `trustedCerts` were read from (`--tsa-cert`), for `anchor`. Without it they are taken
   * to come from the checked document itself ('embedded-…'), which shows consistency, not trust.
   */
  readonly trustedCertsFile?: string;
}

export async function verifyTimestampToken(tokenDer: Uint8Array, data: Uint8Array, opts: VerifyTimestampOptions = {}): Promise<TokenVerification> {
  const own = opts.trustedCerts !== undefined && opts.trustedCerts.length > 0 ? opts.trustedCerts : null;
  const file = own === null ? undefined : opts.trustedCertsFile;
  const label = own === null ? 'mozilla-roots' : file !== undefined ? `file:${file}` : msg('ts.trust.embedded');
  const anchorFor = (trust: TrustMode | null): TimestampAnchor => {
    if (own === null) return 'mozilla-roots';
    if (file !== undefined) return `file:${file}`;
    return trust === 'pinned' ? 'embedded-pinned' : 'embedded-chain';
  };

  let token: ParsedToken;
  try {
    token = parseToken(tokenDer);
  } catch (e) {
    const detail = e instanceof InputError ? (e.hintText === undefined ? e.text : msg('ts.with-hint', { text: e.text, hint: e.hintText })) : errorText(e);
    const check: TimestampCheck = { name: 'token', ok: false, detail: typeof detail === 'string' ? msg('ts.unevaluated', { why: detail }) : detail };
    return { ok: false, genTime: null, tsaName: null, signerSubject: null, anchor: anchorFor(null), trust: null, checks: [check] };
  }
  const info = describeTstInfo(token.tstInfo);
  const checks: TimestampCheck[] = [
    {
      name: 'token',
      ok: true,
      detail: msg('ts.token.ok', { bytes: tokenDer.length, serial: info.serial, policy: info.policy }),
    },
  ];
  checks.push(checkImprint(token.tstInfo, data));
  const signer = findSignerCertificate(token.signedData);
  checks.push(await checkSignature(tokenDer, signer));

  let trust: TrustMode | null = null;
  if (signer === null) {
    const detail = msg('ts.no-signer');
    checks.push({ name: 'signing-certificate', ok: false, detail }, { name: 'signer-eku', ok: false, detail }, { name: 'trust-anchor', ok: false, detail });
  } else {
    checks.push(evaluate('signing-certificate', () => checkSigningCertificate(token.signedData, signer)));
    checks.push(evaluate('signer-eku', () => checkTimestampingEku(signer)));
    const found = await checkTrust(token.signedData, signer, token.tstInfo.genTime, { certs: own, label }).catch((e: unknown) => ({
      ok: false,
      mode: null,
      detail: unevaluated(e),
    }));
    trust = found.mode;
    checks.push({ name: 'trust-anchor', ok: found.ok, detail: found.detail });
  }
  return {
    ok: checks.every((c) => c.ok),
    genTime: info.genTime,
    tsaName: info.tsaName,
    signerSubject: signer === null ? null : formatName(signer.subject),
    anchor: anchorFor(trust),
    trust,
    checks,
  };
}

/**
 * The checks below read certificates that come from the token: odd contents can make pkijs throw
 * deep inside. That is a failed check with the reason, never an exception out of the verifier.
 */
function evaluate(name: TimestampCheckName, run: () => { ok: boolean; detail: Phrase }): TimestampCheck {
  try {
    const { ok, detail } = run();
    return { name, ok, detail };
  } catch (e) {
    return { name, ok: false, detail: unevaluated(e) };
  }
}

function unevaluated(e: unknown): Phrase {
  return msg('ts.unevaluated', { why: errorText(e) });
}

function checkImprint(tst: pkijs.TSTInfo, data: Uint8Array): TimestampCheck {
  const oid = tst.messageImprint.hashAlgorithm.algorithmId;
  const algorithm = HASH_BY_OID[oid];
  const stated = toHex(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (algorithm === undefined || algorithm === 'sha1') {
    return { name: 'imprint', ok: false, detail: msg('ts.imprint.algorithm', { algorithm: algorithm ?? oid }) };
  }
  const actual = createHash(algorithm).update(data).digest('hex');
  return actual === stated
    ? { name: 'imprint', ok: true, detail: msg('ts.imprint.ok', { algorithm, bytes: data.length, actual }) }
    : { name: 'imprint', ok: false, detail: msg('ts.imprint.differs', { algorithm, bytes: data.length, actual, stated }) };
}

/**
 * The TSA's signature over the TSTInfo, via pkijs SignedData.verify without its chain step
 * (checkChain false: there pkijs ignores trustedCerts; see checkTrust). pkijs reports a bad
 * signature by returning false and most other faults by throwing: both are failures.
 *
 * For a TSTInfo, pkijs first re-hashes `data` against the imprint and throws on a mismatch before
 * it reaches the signature. The signature covers the TSTInfo, not the data, so to report the two
 * separately (one tampered thing, one finding) this runs on a private parse of the token whose
 * eContentType is relabelled id-data: pkijs then verifies message-digest and signature only. The
 * imprint has its own check, and the content type was already checked by parseToken.
 */
async function checkSignature(tokenDer: Uint8Array, signer: pkijs.Certificate | null): Promise<TimestampCheck> {
  const name = 'cms-signature';
  const { signedData } = parseToken(tokenDer);
  signedData.encapContentInfo.eContentType = OID.data;
  const algorithm = signatureAlgorithmName(signedData.signerInfos[0]?.signatureAlgorithm.algorithmId ?? '?');
  const by = signer === null ? msg('ts.sig.the-signer') : `"${formatName(signer.subject)}"`;
  // The relabelling above is sound only because the *signed* content type still says TSTInfo (RFC 5652 §11.1).
  const signedType: unknown = signedData.signerInfos[0]?.signedAttrs?.attributes.find((a) => a.type === OID.contentTypeAttribute)?.values[0];
  if (!(signedType instanceof asn1js.ObjectIdentifier) || signedType.valueBlock.toString() !== OID.tstInfo) {
    return { name, ok: false, detail: msg('ts.sig.content-type') };
  }
  try {
    const result = await signedData.verify({ signer: 0, checkChain: false, extendedMode: true }, cryptoEngine);
    return result.signatureVerified === true
      ? { name, ok: true, detail: msg('ts.sig.ok', { algorithm, by }) }
      : { name, ok: false, detail: msg('ts.sig.bad', { algorithm, by }) };
  } catch (e) {
    return { name, ok: false, detail: msg('ts.sig.threw', { why: errorText(e) }) };
  }
}
