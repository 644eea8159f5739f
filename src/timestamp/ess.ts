import { createHash } from 'node:crypto';
import { msg, type Phrase } from '../i18n/message.js';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { certificateDer } from './certs.js';
import { HASH_BY_OID, OID } from './pkix.js';

/**
 * RFC 3161 §2.4.1 (and RFC 5816 for v2): the signed attributes of a token MUST name the TSA
 * certificate by hash (ESS signingCertificate or signingCertificateV2). That binds the signature to
 * one certificate, so a certificate with the same key but other contents (another purpose, another
 * holder) cannot be put in its place. pkijs does not check it; `openssl ts -verify` does.
 */

const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

export interface EssFinding {
  readonly ok: boolean;
  readonly detail: Phrase;
}

export function checkSigningCertificate(signedData: pkijs.SignedData, signer: pkijs.Certificate): EssFinding {
  const attrs = signedData.signerInfos[0]?.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === SIGNING_CERTIFICATE_V2);
  const v1 = attrs.find((a) => a.type === SIGNING_CERTIFICATE);
  const attr = v2 ?? v1;
  if (attr === undefined) {
    return { ok: false, detail: msg('ts.ess.none') };
  }
  const name = attr === v2 ? 'signingCertificateV2' : 'signingCertificate';
  const first = firstCertId(attr.values[0], attr === v2);
  if (first === null) return { ok: false, detail: msg('ts.ess.unparsed', { name }) };
  const algorithm = HASH_BY_OID[first.hashOid];
  if (algorithm === undefined) return { ok: false, detail: msg('ts.ess.unknown-hash', { name, oid: first.hashOid }) };
  const actual = createHash(algorithm).update(certificateDer(signer)).digest('hex');
  const stated = Buffer.from(first.certHash).toString('hex');
  return actual === stated
    ? { ok: true, detail: msg('ts.ess.ok', { name, algorithm, hash: actual }) }
    : { ok: false, detail: msg('ts.ess.differs', { name, algorithm, stated, actual }) };
}

interface CertId {
  readonly hashOid: string;
  readonly certHash: Uint8Array;
}

/**
 * The first ESSCertID(v2) of SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF …, policies
 * OPTIONAL }. ESSCertID is { certHash (SHA-1), issuerSerial OPTIONAL }; ESSCertIDv2 puts an
 * optional hashAlgorithm (DEFAULT sha-256) in front.
 */
function firstCertId(value: unknown, v2: boolean): CertId | null {
  const certs = sequenceItems(value)[0];
  const certId = sequenceItems(certs)[0];
  const items = sequenceItems(certId);
  let hashOid = v2 ? OID.sha256 : '1.3.14.3.2.26';
  let index = 0;
  if (v2 && items[0] instanceof asn1js.Sequence) {
    const oid = items[0].valueBlock.value[0];
    if (!(oid instanceof asn1js.ObjectIdentifier)) return null;
    hashOid = oid.valueBlock.toString();
    index = 1;
  }
  const hash = items[index];
  return hash instanceof asn1js.OctetString ? { hashOid, certHash: hash.valueBlock.valueHexView } : null;
}

function sequenceItems(block: unknown): asn1js.AsnType[] {
  return block instanceof asn1js.Sequence ? block.valueBlock.value : [];
}
