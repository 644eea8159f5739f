import { verifyTimestampToken } from '../../timestamp/index.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { check, finding, listed, type Check } from './check.js';
import type { Renderer, Stamping } from './pages.js';
import { splitRevisions } from './pdf-objects.js';
import type { TrustOptions } from './timestamps.js';

/**
 * The update after the first revision is accepted only when it is, byte for byte, what chatproof
 * appends for that first revision and the token it carries (the renderer's documentTimestamp): so
 * no other object, page or script can ride along with the timestamp.
 */
export function stampingOf(pdf: Buffer, renderer: Renderer): Stamping {
  const { first, rest } = splitRevisions(pdf);
  const derived = rest.length === 0 ? null : renderer.documentTimestamp(first, rest);
  return derived !== null && derived.bytes.equals(pdf)
    ? { first, rest: Buffer.alloc(0), stamp: { token: derived.token, signed: derived.signed, update: rest.length } }
    : { first, rest, stamp: null };
}

/** Checks the document timestamp's token over the /ByteRange bytes, against the same anchors as the log-head tokens. */
export async function checkDocTimestamp(s: Stamping, trust: TrustOptions): Promise<Check> {
  const name = msg('vr.name.doc-timestamp');
  if (s.stamp === null) return check(name, [], msg('vr.doc-ts.none'), msg('vr.doc-ts.none-rests'));
  const result = await verifyTimestampToken(
    s.stamp.token,
    s.stamp.signed,
    trust.certs.length > 0 ? { trustedCerts: trust.certs, ...(trust.file === undefined ? {} : { trustedCertsFile: trust.file }) } : {},
  );
  const problems: Phrase[] = result.checks.filter((c) => !c.ok).map((c) => msg('vr.timestamp.token-check', { name: c.name, detail: c.detail }));
  if (result.anchor === 'mozilla-roots' && result.checks.some((c) => c.name === 'trust-anchor' && !c.ok)) problems.push(msg('vr.timestamp.give-cert'));
  if (problems.length > 0) return finding(name, false, msg('vr.doc-ts.failed', { problems: listed(problems, problems.length), anchor: result.anchor }));
  const tsa = result.tsaName ?? result.signerSubject ?? msg('vr.timestamp.the-tsa');
  const trustSays = result.checks.find((c) => c.name === 'trust-anchor')?.detail ?? '';
  return check(
    name,
    [],
    msg('vr.doc-ts.ok', { tsa, at: result.genTime ?? '-', bytes: s.stamp.signed.length, trust: trustSays }),
    msg('vr.timestamp.rests', { anchor: result.anchor }),
  );
}
