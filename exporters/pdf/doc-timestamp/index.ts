/**
 * The PDF document timestamp (PAdES, /SubFilter /ETSI.RFC3161) chatproof appends to a report with
 * `--tsa`: docs/report.md says how anyone checks it with pdfsig and openssl.
 */
import { dssOfToken } from './dss.js';
import { prepareDocTimestamp, signedBytes, spliceToken } from './revision.js';

export { dssOfToken, tokenInUpdate } from './dss.js';
export { CONTENTS_BYTES, prepareDocTimestamp, signedBytes, spliceToken, type DssData, type Prepared } from './revision.js';

/**
 * Exactly the file chatproof writes for this first revision and this token: what verify-report
 * compares a stamped report with, so nothing else can hide in the update.
 */
export function stampedFile(first: Buffer, tokenDer: Uint8Array): { bytes: Buffer; signed: Buffer } {
  const prepared = prepareDocTimestamp(first, dssOfToken(tokenDer));
  return { bytes: spliceToken(prepared, tokenDer), signed: signedBytes(prepared) };
}
