import { sha256Hex } from '../../core/hash.js';
import { verifyTimestampToken } from '../../timestamp/index.js';
import type { ManifestTimestamp } from '../manifest.js';
import { stampedBytesText } from '../payloads.js';
import { type Check, type Evidence, field, short } from './check.js';

export interface TrustOptions {
  /** `--tsa-cert` certificates (DER); empty: Node's bundled Mozilla roots. */
  readonly certs: readonly Uint8Array[];
  readonly file: string | undefined;
}

/**
 * P5: the token vouches for the exact stamped bytes, those bytes name a log head of this report,
 * and the token is the one its log entry recorded. The anchor used is always named.
 */
export async function checkTimestamp(ev: Evidence, t: ManifestTimestamp, trust: TrustOptions): Promise<Check> {
  const name = `timestamp #${t.entrySeq}`;
  const fail = (detail: string): Check => ({ name, ok: false, detail });
  const e = ev.entries.get(t.entrySeq);
  const p = (k: string): unknown => field(e?.payload, 'timestamp', k);
  if (e === undefined || e.kind !== 'timestamp') return fail(`log entry #${t.entrySeq} is not a timestamp entry of the included log`);
  const seq = p('seq'), hash = p('hash'), tokenSha256 = p('tokenSha256');
  if (typeof seq !== 'number' || typeof hash !== 'string' || typeof tokenSha256 !== 'string') return fail(`log entry #${t.entrySeq} does not say what it stamped`);
  const token = ev.files.get(t.token);
  const data = ev.files.get(t.data);
  if (token === undefined || data === undefined) return fail(`${t.token} or ${t.data} is not embedded`);
  const problems: string[] = [];
  const stamped = ev.entries.get(seq);
  if (Buffer.from(data).toString('utf8') !== stampedBytesText(seq, hash)) problems.push(`${t.data} is not the canonical {"hash","seq","v":1} of entry #${seq}`);
  if (stamped === undefined || stamped.hash !== hash) problems.push(`the stamped head #${seq} ${short(hash)} is not entry #${seq} of the included log`);
  if (sha256Hex(token) !== tokenSha256) problems.push(`${t.token} has SHA-256 ${short(sha256Hex(token))}, but log entry #${t.entrySeq} recorded ${short(tokenSha256)}`);
  const result = await verifyTimestampToken(token, data, trust.certs.length > 0 ? { trustedCerts: trust.certs, ...(trust.file === undefined ? {} : { trustedCertsFile: trust.file }) } : {});
  for (const c of result.checks) if (!c.ok) problems.push(`${c.name}: ${c.detail}`);
  if (result.anchor === 'mozilla-roots' && result.checks.some((c) => c.name === 'trust-anchor' && !c.ok)) {
    problems.push('if this TSA is not in the Mozilla root store, give its CA certificate with --tsa-cert FILE');
  }
  if (problems.length > 0) return fail(problems.join('; ') + ` (anchor: ${result.anchor})`);
  const trustDetail = result.checks.find((c) => c.name === 'trust-anchor')?.detail ?? '';
  return {
    name,
    ok: true,
    detail: `${result.tsaName ?? result.signerSubject ?? 'the TSA'} vouches that log head #${seq} ${short(hash)} existed at ${result.genTime}: `
      + `imprint, CMS signature, ESS signing certificate and timeStamping EKU hold; ${trustDetail} (rests on: RFC 3161 and the anchor ${result.anchor})`,
  };
}

export function noTimestamp(): Check {
  return {
    name: 'timestamp',
    ok: true,
    detail: 'the report carries no RFC 3161 token: its times come from the author\'s computer clock, and nothing outside the report vouches for them (rests on: nothing)',
  };
}
