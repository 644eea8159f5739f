/**
 * RFC 3161 timestamps: ask a TSA for a token over some bytes, and verify a token later, offline.
 * docs/timestamps.md explains the checks, the anchors and the equivalent openssl commands.
 */
export { parseCertificates, readCertificateFile } from './certs.js';
export { resolveTsa, TSA_PRESETS, type ResolvedTsa, type TsaPreset } from './presets.js';
export { requestTimestamp, type RequestTimestampOptions, type TimestampToken } from './request.js';
export { parseTokenInfo, type TimestampTokenInfo } from './token.js';
export type { TrustMode } from './trust.js';
export {
  verifyTimestampToken,
  type TimestampAnchor,
  type TimestampCheck,
  type TimestampCheckName,
  type TokenVerification,
  type VerifyTimestampOptions,
} from './verify.js';
