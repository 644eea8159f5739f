import * as pkijs from 'pkijs';
import { msg, type Phrase } from '../i18n/message.js';
import { sha256Hex } from '../core/hash.js';
import { certificateDer, isCaCertificate, mozillaRootStore, parseCertificate, spkiDer } from './certs.js';
import { cryptoEngine, errorText, formatName } from './pkix.js';

/**
 * Tying the token's signer certificate to something the reader trusts. Two ways, tried in order:
 *
 * - **pin**: the anchor *is* the signer certificate (same DER), or carries the same public key.
 *   This is the only way for a self-signed TSA certificate (CA:false): pkijs's chain engine
 *   refuses it as its own anchor ("One of intermediate certificates is not a CA certificate",
 *   docs/design/platform-notes.md §4), although `openssl ts -verify -CAfile tsa.crt` accepts it.
 * - **chain**: pkijs's CertificateChainValidationEngine from the signer to an anchor, with the
 *   same inputs SignedData.verify({ checkChain: true }) would give it, checked at genTime (the
 *   certificates had to be valid when the token was made, not today). Revocation is not checked:
 *   tokens carry no CRLs/OCSP, and fetching them needs a network this tool must work without.
 */

export type TrustMode = 'pinned' | 'chain';

export interface TrustFinding {
  readonly ok: boolean;
  readonly mode: TrustMode | null;
  readonly detail: Phrase;
}

export interface AnchorSet {
  /** DER anchors; null = Node's bundled Mozilla roots. */
  readonly certs: readonly Uint8Array[] | null;
  /** How the anchors are named in details, e.g. "file:/tmp/ca.pem". */
  readonly label: string | Phrase;
}

export async function checkTrust(signedData: pkijs.SignedData, signer: pkijs.Certificate, genTime: Date, anchors: AnchorSet): Promise<TrustFinding> {
  let trusted: readonly pkijs.Certificate[];
  let described: string | Phrase;
  if (anchors.certs === null) {
    const store = mozillaRootStore();
    trusted = store.certs;
    described = store.description;
  } else {
    try {
      trusted = anchors.certs.map(parseCertificate);
    } catch (e) {
      return { ok: false, mode: null, detail: msg('ts.trust.anchor-unparsed', { label: anchors.label, why: errorText(e) }) };
    }
    described = msg('ts.trust.anchors', { label: anchors.label, count: trusted.length });
    const pinned = findPin(signer, trusted);
    if (pinned !== null) return { ok: true, mode: 'pinned', detail: msg('ts.trust.pinned', { pin: pinned, label: anchors.label }) };
  }

  // As SignedData.verify does: the token's CA certificates are candidate intermediates, the signer goes last (the leaf).
  const intermediates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c !== signer && isCaCertificate(c),
  );
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: [...trusted], certs: [...intermediates, signer], checkDate: genTime });
  const subject = formatName(signer.subject);
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    result = await engine.verify({}, cryptoEngine);
  } catch (e) {
    return { ok: false, mode: null, detail: msg('ts.trust.threw', { subject, anchors: described, why: errorText(e) }) };
  }
  if (!result.result) {
    return { ok: false, mode: null, detail: msg('ts.trust.no-chain', { subject, anchors: described, at: genTime.toISOString(), why: result.resultMessage }) };
  }
  const path = (result.certificatePath ?? []).map((c) => `"${formatName(c.subject)}"`).join(' → ');
  return {
    ok: true,
    mode: 'chain',
    detail: msg('ts.trust.chain', { path, at: genTime.toISOString(), anchors: described }),
  };
}

/** Which anchor pins the signer, described, or null. */
function findPin(signer: pkijs.Certificate, trusted: readonly pkijs.Certificate[]): Phrase | null {
  const signerDer = sha256Hex(certificateDer(signer));
  const signerKey = sha256Hex(spkiDer(signer));
  for (const anchor of trusted) {
    if (sha256Hex(certificateDer(anchor)) === signerDer) return msg('ts.trust.pin-cert', { sha256: signerDer });
  }
  for (const anchor of trusted) {
    if (sha256Hex(spkiDer(anchor)) === signerKey) {
      return msg('ts.trust.pin-key', { sha256: signerKey, anchor: formatName(anchor.subject) });
    }
  }
  return null;
}
