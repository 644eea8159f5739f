import { sha256Hex } from '../../core/hash.js';
import { verifyTimestampToken } from '../../timestamp/index.js';
import type { ManifestTimestamp } from '../manifest.js';
import { stampedBytesText } from '../../core/entries/timestamp.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { check, finding, listed, type Check, type Evidence, field, short } from './check.js';

export interface TrustOptions {
  /** `--tsa-cert` certificates (DER); empty: Node's bundled Mozilla roots. */
  readonly certs: readonly Uint8Array[];
  readonly file: string | undefined;
}

/**
 * docs/design/evidence-model.md P5: the token vouches for the exact stamped bytes, those bytes name a log head of this report,
 * and the token is the one its log entry recorded. The anchor used is always named.
 */
export async function checkTimestamp(ev: Evidence, t: ManifestTimestamp, trust: TrustOptions): Promise<Check> {
  const name = msg('vr.name.timestamp-entry', { seq: t.entrySeq });
  const fail = (detail: Phrase): Check => finding(name, false, detail);
  const e = ev.entries.get(t.entrySeq);
  const p = (k: string): unknown => field(e?.payload, 'timestamp', k);
  if (e === undefined || e.kind !== 'timestamp') return fail(msg('vr.timestamp.not-entry', { seq: t.entrySeq }));
  const seq = p('seq'),
    hash = p('hash'),
    tokenSha256 = p('tokenSha256');
  if (typeof seq !== 'number' || typeof hash !== 'string' || typeof tokenSha256 !== 'string') return fail(msg('vr.timestamp.unstated', { seq: t.entrySeq }));
  const token = ev.files.get(t.token);
  const data = ev.files.get(t.data);
  if (token === undefined || data === undefined) return fail(msg('vr.timestamp.missing', { token: t.token, data: t.data }));
  const problems: Phrase[] = [];
  const stamped = ev.entries.get(seq);
  if (Buffer.from(data).toString('utf8') !== stampedBytesText(seq, hash)) problems.push(msg('vr.timestamp.data', { data: t.data, seq }));
  if (stamped === undefined || stamped.hash !== hash) problems.push(msg('vr.timestamp.head', { seq, hash: short(hash) }));
  if (sha256Hex(token) !== tokenSha256)
    problems.push(msg('vr.timestamp.token', { token: t.token, sha256: short(sha256Hex(token)), seq: t.entrySeq, recorded: short(tokenSha256) }));
  const result = await verifyTimestampToken(
    token,
    data,
    trust.certs.length > 0 ? { trustedCerts: trust.certs, ...(trust.file === undefined ? {} : { trustedCertsFile: trust.file }) } : {},
  );
  for (const c of result.checks) if (!c.ok) problems.push(msg('vr.timestamp.token-check', { name: c.name, detail: c.detail }));
  if (result.anchor === 'mozilla-roots' && result.checks.some((c) => c.name === 'trust-anchor' && !c.ok)) {
    problems.push(msg('vr.timestamp.give-cert'));
  }
  if (problems.length > 0) return fail(msg('vr.timestamp.failed', { problems: listed(problems, problems.length), anchor: result.anchor }));
  const anchorSays = result.checks.find((c) => c.name === 'trust-anchor')?.detail ?? '';
  const tsa = result.tsaName ?? result.signerSubject ?? msg('vr.timestamp.the-tsa');
  return check(
    name,
    [],
    msg('vr.timestamp.ok', { tsa, seq, hash: short(hash), at: result.genTime ?? '-', trust: anchorSays }),
    msg('vr.timestamp.rests', { anchor: result.anchor }),
  );
}

export function noTimestamp(): Check {
  return check(msg('vr.name.timestamp'), [], msg('vr.timestamp.none'), msg('vr.timestamp.nothing'));
}
