import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { DssData } from './revision.js';

/**
 * The DSS contents a token implies: the certificates and CRLs its CMS SignedData carries, in the
 * token's own order. `openssl ts` puts the TSA certificate and the `certs` chain there and no CRL
 * or OCSP response; a TSA that embeds CRLs gets them kept as well.
 */
export function dssOfToken(tokenDer: Uint8Array): DssData {
  const info = pkijs.ContentInfo.fromBER(Uint8Array.from(tokenDer).buffer);
  const signed = new pkijs.SignedData({ schema: info.content });
  const der = (x: { toSchema(): asn1js.AsnType }): Uint8Array => new Uint8Array(x.toSchema().toBER());
  return {
    certs: (signed.certificates ?? []).filter((c) => c instanceof pkijs.Certificate).map(der),
    crls: (signed.crls ?? []).filter((c) => c instanceof pkijs.CertificateRevocationList).map(der),
  };
}

/** The DER token in the update's /Contents (its hex, zero padding cut at the DER length), or null. */
export function tokenInUpdate(update: Buffer): Uint8Array | null {
  const m = /\/Contents <([0-9a-f]+)>/.exec(update.toString('latin1'));
  if (m === null) return null;
  const bytes = Buffer.from(m[1]!, 'hex');
  const length = derLength(bytes);
  return length === null || length > bytes.length ? null : new Uint8Array(bytes.subarray(0, length));
}

/** Total length of the DER SEQUENCE at the start of `b`, header included. */
function derLength(b: Buffer): number | null {
  if (b[0] !== 0x30 || b.length < 2) return null;
  const first = b[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len;
}
