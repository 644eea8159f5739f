import { dssOfToken, prepareDocTimestamp, signedBytes, spliceToken, type DssData } from '../../exporters/pdf/doc-timestamp/index.js';
import { ServiceError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { requestTimestamp, type ResolvedTsa, type TimestampToken } from '../timestamp/index.js';

/**
 * The rendered report with its PAdES document timestamp appended (exporters/pdf/doc-timestamp).
 * The /DSS is inside the stamped bytes, so it must be written before the TSA is asked: it starts
 * from the certificates of a token the same TSA gave moments ago (the log-head stamp). Should the
 * TSA answer with other certificates, the update is laid out again with those and stamped once more,
 * so the file is always exactly what its own token implies (what verify-report re-derives).
 */
export async function stampDocument(rendered: Buffer, tsa: ResolvedTsa, recentToken: Uint8Array): Promise<{ bytes: Buffer; token: TimestampToken }> {
  let dss = dssOfToken(recentToken);
  for (let attempt = 0; attempt < 2; attempt++) {
    const prepared = prepareDocTimestamp(rendered, dss);
    const token = await requestTimestamp(signedBytes(prepared), { url: tsa.url });
    const given = dssOfToken(token.tokenDer);
    if (sameDss(given, dss)) return { bytes: spliceToken(prepared, token.tokenDer), token };
    dss = given;
  }
  throw new ServiceError(msg('service.tsa-certs-change', { tsa: tsa.name }), { where: tsa.url, hint: msg('service.tsa-certs-change.hint') });
}

function sameDss(a: DssData, b: DssData): boolean {
  const same = (x: readonly Uint8Array[], y: readonly Uint8Array[]): boolean => x.length === y.length && x.every((v, i) => Buffer.from(v).equals(y[i]!));
  return same(a.certs, b.certs) && same(a.crls, b.crls);
}
