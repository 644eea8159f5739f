import { createHash } from 'node:crypto';
import { msg, type Phrase } from '../i18n/message.js';
import { readBounded } from '../input/bounded-read.js';
import { rootCertificates } from 'node:tls';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { InputError } from '../core/errors.js';
import { errorText, OID, toArrayBuffer } from './pkix.js';

/** Certificates: reading anchors (PEM or DER), Node's bundled roots, and the facts the verifier needs. */

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/**
 * The certificates in `bytes`, as DER: one DER certificate, or any number of PEM
 * "CERTIFICATE" blocks (a CA bundle). Each is parsed once here, so a bad file fails at once
 * with its name rather than later as a puzzling "no path" verdict.
 */
export function parseCertificates(bytes: Uint8Array, where: string): Uint8Array[] {
  const hint = msg('input.cert.hint');
  // 0x30 = SEQUENCE: a DER certificate. PEM is ASCII and always starts otherwise.
  const ders = bytes[0] === 0x30 ? [bytes] : pemCertificates(Buffer.from(bytes).toString('latin1'));
  if (ders.length === 0) throw new InputError(msg('input.cert.none'), { where, hint });
  ders.forEach((der, i) => {
    try {
      pkijs.Certificate.fromBER(toArrayBuffer(der));
    } catch (cause) {
      throw new InputError(msg('input.cert.bad', { i: i + 1, n: ders.length }), { where, hint, cause });
    }
  });
  return ders;
}

function pemCertificates(text: string): Uint8Array[] {
  return [...text.matchAll(PEM_CERTIFICATE)].map((m) => new Uint8Array(Buffer.from(m[1] ?? '', 'base64')));
}

/** A bundle of every root CA is ~250 KB: 16 MB is no certificate file. */
const MAX_CERT_FILE = 16 * 1024 * 1024;

/** `--tsa-cert FILE`: read and parse, with the path in every error. */
export async function readCertificateFile(path: string): Promise<Uint8Array[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readBounded(path, {
      where: path,
      maxSize: MAX_CERT_FILE,
      tooBig: (size) => new InputError(msg('input.cert-too-big', { size, max: MAX_CERT_FILE }), { where: path }),
    });
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(msg('input.cert.unreadable', { why: errorText(cause) }), { where: path, hint: msg('hint.check-path'), cause });
  }
  return parseCertificates(bytes, path);
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

export interface RootStore {
  readonly certs: readonly pkijs.Certificate[];
  /** e.g. "Node 20.20.2's bundled Mozilla root store (144 roots)": the detail a check rests on. */
  readonly description: Phrase;
}

let mozillaRoots: RootStore | undefined;

/**
 * Node's compiled-in copy of the Mozilla CA store (`tls.rootCertificates`), parsed once. It is
 * the store Mozilla curates for TLS servers, not a list of TSAs; public TSAs chain to these
 * roots, which is why it is a useful default, and the check detail names it so a reader knows.
 */
export function mozillaRootStore(): RootStore {
  if (mozillaRoots === undefined) {
    const certs = rootCertificates.flatMap(pemCertificates).map(parseCertificate);
    mozillaRoots = { certs, description: msg('ts.trust.mozilla', { node: process.versions.node, count: certs.length }) };
  }
  return mozillaRoots;
}

export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER());
}

export function spkiDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER());
}

/** basicConstraints cA = TRUE: the certificate may anchor a chain (RFC 5280 §4.2.1.9). */
export function isCaCertificate(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === OID.basicConstraints);
  return ext?.parsedValue instanceof pkijs.BasicConstraints && ext.parsedValue.cA === true;
}

/**
 * The certificate that signed the token, found as CMS does (RFC 5652 §5.3): by issuer and serial
 * number, or by subject key identifier (the certificate's extension, else SHA-1 of its key bits,
 * which is what pkijs compares).
 */
export function findSignerCertificate(signedData: pkijs.SignedData): pkijs.Certificate | null {
  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  // pkijs types `sid` as `any`: an IssuerAndSerialNumber, or the raw [0] block of a SubjectKeyIdentifier.
  const sid: unknown = signedData.signerInfos[0]?.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  if (!(sid instanceof asn1js.BaseBlock)) return null;
  const inner: unknown = sid.idBlock.isConstructed ? (sid.valueBlock as { value?: unknown[] }).value?.[0] : sid;
  if (!(inner instanceof asn1js.BaseBlock)) return null;
  const keyId = Buffer.from((inner.valueBlock as { valueHexView: Uint8Array }).valueHexView);
  return (
    certs.find((c) => {
      const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue;
      if (ski instanceof asn1js.OctetString) return Buffer.from(ski.valueBlock.valueHexView).equals(keyId);
      return createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest().equals(keyId);
    }) ?? null
  );
}

export interface EkuFinding {
  readonly ok: boolean;
  readonly detail: Phrase;
}

/**
 * RFC 3161 §2.3: the TSA certificate MUST have exactly one extendedKeyUsage extension, critical,
 * with id-kp-timeStamping as its only purpose. pkijs does not check this (docs/design/platform-notes.md §4).
 */
export function checkTimestampingEku(cert: pkijs.Certificate): EkuFinding {
  const rule = msg('ts.eku.rule');
  const exts = (cert.extensions ?? []).filter((e) => e.extnID === OID.extKeyUsage);
  const [ext] = exts;
  if (ext === undefined) return { ok: false, detail: msg('ts.eku.none', { rule }) };
  if (exts.length > 1) return { ok: false, detail: msg('ts.eku.many', { count: exts.length, rule }) };
  if (!(ext.parsedValue instanceof pkijs.ExtKeyUsage)) return { ok: false, detail: msg('ts.eku.unparsed', { rule }) };
  const purposes = ext.parsedValue.keyPurposes;
  if (!ext.critical) return { ok: false, detail: msg('ts.eku.not-critical', { purposes: purposes.join(', '), rule }) };
  if (purposes.length !== 1 || purposes[0] !== OID.kpTimeStamping) {
    return { ok: false, detail: msg('ts.eku.lists', { purposes: purposes.length === 0 ? msg('ts.eku.nothing') : purposes.join(', '), rule }) };
  }
  return { ok: true, detail: msg('ts.eku.ok') };
}
