/** English: what each check of an RFC 3161 timestamp token compared, and with what result (stamp, verify, verify-report). */
export const timestampEn = {
  'ts.check': (p: { name: string; detail: string }) => `${p.name}: ${p.detail}`,
  'ts.token.ok': (p: { bytes: number; serial: string; policy: string }) =>
    `${p.bytes}-byte RFC 3161 TimeStampToken: CMS SignedData over a TSTInfo (serial ${p.serial}, policy ${p.policy})`,
  'ts.with-hint': (p: { text: string; hint: string }) => `${p.text} ${p.hint}`,
  'ts.unevaluated': (p: { why: string }) => `could not be evaluated: ${p.why}`,
  'ts.no-signer': 'not checked: the token does not carry the certificate that signed it',
  'ts.imprint.algorithm': (p: { algorithm: string }) => `the token's imprint uses ${p.algorithm}, which chatproof does not accept (SHA-256/384/512 only)`,
  'ts.imprint.ok': (p: { algorithm: string; bytes: number; actual: string }) =>
    `${p.algorithm} of the ${p.bytes} checked bytes is ${p.actual}, the token's messageImprint`,
  'ts.imprint.differs': (p: { algorithm: string; bytes: number; actual: string; stated: string }) =>
    `${p.algorithm} of the ${p.bytes} checked bytes is ${p.actual}, but the token was issued for ${p.stated}`,
  'ts.sig.the-signer': 'the signer',
  'ts.sig.content-type': 'the signed content-type attribute is missing or does not say TSTInfo, so the signature is not over a timestamp',
  'ts.sig.ok': (p: { algorithm: string; by: string }) =>
    `${p.algorithm} signature by ${p.by} over the signed attributes verifies, and their message-digest matches the TSTInfo (pkijs SignedData.verify)`,
  'ts.sig.bad': (p: { algorithm: string; by: string }) =>
    `${p.algorithm} signature by ${p.by} does not verify with that certificate's public key (pkijs SignedData.verify returned false)`,
  'ts.sig.threw': (p: { why: string }) => `not verified: pkijs SignedData.verify threw "${p.why}"`,
  'ts.eku.rule': 'RFC 3161 §2.3 requires one critical extendedKeyUsage (2.5.29.37) listing only id-kp-timeStamping (1.3.6.1.5.5.7.3.8)',
  'ts.eku.none': (p: { rule: string }) => `the signer certificate has no extendedKeyUsage extension; ${p.rule}`,
  'ts.eku.many': (p: { count: number; rule: string }) => `the signer certificate has ${p.count} extendedKeyUsage extensions; ${p.rule}`,
  'ts.eku.unparsed': (p: { rule: string }) => `the extendedKeyUsage extension does not parse; ${p.rule}`,
  'ts.eku.not-critical': (p: { purposes: string; rule: string }) => `extendedKeyUsage is not marked critical (purposes: ${p.purposes}); ${p.rule}`,
  'ts.eku.lists': (p: { purposes: string; rule: string }) => `extendedKeyUsage lists ${p.purposes}; ${p.rule}`,
  'ts.eku.nothing': 'nothing',
  'ts.eku.ok': 'signer certificate has a critical extendedKeyUsage with only id-kp-timeStamping (RFC 3161 §2.3)',
  'ts.ess.none': 'the token has no signed signingCertificate(V2) attribute naming the TSA certificate (RFC 3161 §2.4.1, RFC 5816)',
  'ts.ess.unparsed': (p: { name: string }) => `the ${p.name} attribute does not parse`,
  'ts.ess.unknown-hash': (p: { name: string; oid: string }) => `the ${p.name} attribute uses an unknown hash ${p.oid}`,
  'ts.ess.ok': (p: { name: string; algorithm: string; hash: string }) => `signed attribute ${p.name} names the signer certificate (${p.algorithm} ${p.hash})`,
  'ts.ess.differs': (p: { name: string; algorithm: string; stated: string; actual: string }) =>
    `signed attribute ${p.name} names a certificate with ${p.algorithm} ${p.stated}, but the signer certificate's is ${p.actual}`,
  'ts.trust.mozilla': (p: { node: string; count: number }) => `Node ${p.node}'s bundled Mozilla root store (${p.count} roots)`,
  'ts.trust.embedded': 'certificates embedded in the checked document (consistency only, not independent trust)',
  'ts.trust.anchors': (p: { label: string; count: number }) => `${p.label} (${p.count} certificate${p.count === 1 ? '' : 's'})`,
  'ts.trust.anchor-unparsed': (p: { label: string; why: string }) => `an anchor certificate in ${p.label} does not parse: ${p.why}`,
  'ts.trust.pinned': (p: { pin: string; label: string }) => `pinned: ${p.pin} in ${p.label}; no chain involved`,
  'ts.trust.pin-cert': (p: { sha256: string }) => `the signer certificate (SHA-256 ${p.sha256}) is an anchor certificate`,
  'ts.trust.pin-key': (p: { sha256: string; anchor: string }) =>
    `the signer certificate's public key (SPKI SHA-256 ${p.sha256}) is that of the anchor "${p.anchor}"`,
  'ts.trust.threw': (p: { subject: string; anchors: string; why: string }) => `no valid chain from "${p.subject}" to ${p.anchors}: pkijs threw ${p.why}`,
  'ts.trust.no-chain': (p: { subject: string; anchors: string; at: string; why: string }) =>
    `no valid chain from "${p.subject}" to ${p.anchors} at genTime ${p.at}: pkijs: ${p.why}`,
  'ts.trust.chain': (p: { path: string; at: string; anchors: string }) =>
    `chain ${p.path} valid at genTime ${p.at}, anchored in ${p.anchors}; revocation not checked`,
};
