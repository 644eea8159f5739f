import { ServiceError, UsageError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import type { Archive } from '../store/archive.js';
import type { EntryRecord } from '../store/records.js';
import { requestTimestamp, type ResolvedTsa, type TimestampToken, type TokenVerification, verifyTimestampToken } from '../timestamp/index.js';
import { stampedBytesText, timestampPayload } from '../core/entries/timestamp.js';
import { joined, msg } from '../i18n/message.js';

export interface Anchors {
  /** `--tsa-cert` certificates (DER), or none for Node's Mozilla roots. */
  readonly certs: readonly Uint8Array[];
  readonly file: string | undefined;
}

export interface Stamped {
  /** The log head the token was issued over. */
  readonly head: { readonly seq: number; readonly hash: string };
  readonly entry: EntryRecord;
  readonly token: TimestampToken;
  readonly verification: TokenVerification;
}

/** Checks a token must pass to be worth keeping at all; trust in the signer is reported, not required. */
const ESSENTIAL = new Set(['token', 'imprint', 'cms-signature']);

/**
 * docs/design/evidence-model.md P5: an RFC 3161 token over the log head, kept as a `timestamp` entry. The stamped bytes are the
 * JCS text `{"hash":…,"seq":…,"v":1}` (docs/report.md): small, exact, and easy to feed to
 * `openssl ts -verify -data`. Nothing is written unless the TSA answered with a token that verifies
 * over those bytes; a TSA that is down or refuses is a ServiceError (exit 6).
 */
export async function stampLogHead(archive: Archive, tsa: ResolvedTsa, anchors: Anchors): Promise<Stamped> {
  const head = archive.head();
  if (head === null) throw new UsageError(msg('usage.stamp-empty'), { hint: msg('usage.stamp-empty.hint') });
  const data = stampedBytesText(head.seq, head.hash);
  const bytes = Buffer.from(data, 'utf8');
  const token = await requestTimestamp(bytes, { url: tsa.url });
  const verification = await verifyTimestampToken(
    token.tokenDer,
    bytes,
    anchors.certs.length > 0 ? { trustedCerts: anchors.certs, ...(anchors.file === undefined ? {} : { trustedCertsFile: anchors.file }) } : {},
  );
  const broken = verification.checks.filter((c) => ESSENTIAL.has(c.name) && !c.ok);
  if (broken.length > 0) {
    throw new ServiceError(
      msg('service.tsa-bad-token', {
        tsa: tsa.name,
        why: joined(
          'text.clauses',
          broken.map((c) => msg('ts.check', { name: c.name, detail: c.detail })),
        ),
      }),
      { where: tsa.url, hint: msg('service.tsa-bad-token.hint') },
    );
  }
  const tokenSha256 = sha256Hex(token.tokenDer);
  const entry = archive.append(
    'timestamp',
    null,
    timestampPayload({
      seq: head.seq,
      hash: head.hash,
      tokenSha256,
      genTime: token.genTime,
      tsaName: token.tsaName ?? tsa.name,
      tsaUrl: tsa.url,
      serial: token.serial,
      policy: token.policy,
    }),
    [token.tokenDer],
  );
  return { head, entry, token, verification };
}
