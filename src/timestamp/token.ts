import * as pkijs from 'pkijs';
import { InputError } from '../core/errors.js';
import { formatGeneralName, HASH_BY_OID, integerHex, OID, toArrayBuffer, toHex } from './pkix.js';
import { msg } from '../i18n/message.js';

/**
 * A TimeStampToken (RFC 3161 §2.4.2): a CMS ContentInfo holding SignedData whose content is a
 * TSTInfo. Its DER is what chatproof stores and embeds; `openssl ts -verify -token_in` reads it.
 */
export interface ParsedToken {
  readonly signedData: pkijs.SignedData;
  readonly tstInfo: pkijs.TSTInfo;
}

/** What a token says, for display. Parsing proves nothing: see verifyTimestampToken. */
export interface TimestampTokenInfo {
  /** TSTInfo genTime, ISO 8601 UTC (millisecond precision; finer fractions are cut). */
  readonly genTime: string;
  /** TSA policy OID under which the token was issued. */
  readonly policy: string;
  /** TSTInfo serialNumber, lower-case hex. */
  readonly serial: string;
  /** node:crypto name of the imprint's hash ('sha256', …), or the OID when unknown. */
  readonly imprintAlgorithm: string;
  /** The message imprint (the hash of the stamped bytes), lower-case hex. */
  readonly imprint: string;
  /** The TSTInfo `tsa` field as text, or null: the field is optional and not authenticated on its own. */
  readonly tsaName: string | null;
  readonly nonce: string | null;
  /** e.g. "±1 s", or null when the TSA states no accuracy. */
  readonly accuracy: string | null;
}

/**
 * Parse token DER down to its TSTInfo. Throws InputError naming the layer that failed; callers
 * that must not throw (verification) catch it and turn it into a failed check.
 */
export function parseToken(tokenDer: Uint8Array): ParsedToken {
  const where = 'timestamp token';
  let contentInfo: pkijs.ContentInfo;
  try {
    contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(tokenDer));
  } catch (cause) {
    throw new InputError(msg('input.token.not-cms', { bytes: tokenDer.length }), { where, hint: msg('input.token.not-cms.hint'), cause });
  }
  if (contentInfo.contentType !== OID.signedData) {
    throw new InputError(msg('input.token.not-signed', { type: contentInfo.contentType, expected: OID.signedData }), { where });
  }
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (cause) {
    throw new InputError(msg('input.token.signed-data'), { where, cause });
  }
  const { eContentType, eContent } = signedData.encapContentInfo;
  if (eContentType !== OID.tstInfo || eContent === undefined) {
    throw new InputError(msg('input.token.not-tstinfo', { type: `${eContentType}${eContent === undefined ? ' (-)' : ''}`, expected: OID.tstInfo }), { where });
  }
  let tstInfo: pkijs.TSTInfo;
  try {
    // getValue() joins the pieces when the OCTET STRING was BER-encoded in constructed form.
    tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
  } catch (cause) {
    throw new InputError(msg('input.token.tstinfo'), { where, cause });
  }
  if (Number.isNaN(tstInfo.genTime.getTime())) throw new InputError(msg('input.token.gentime'), { where });
  return { signedData, tstInfo };
}

export function describeTstInfo(tst: pkijs.TSTInfo): TimestampTokenInfo {
  const imprintOid = tst.messageImprint.hashAlgorithm.algorithmId;
  return {
    genTime: tst.genTime.toISOString(),
    policy: tst.policy,
    serial: integerHex(tst.serialNumber),
    imprintAlgorithm: HASH_BY_OID[imprintOid] ?? imprintOid,
    imprint: toHex(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
    tsaName: tst.tsa === undefined ? null : formatGeneralName(tst.tsa),
    nonce: tst.nonce === undefined ? null : integerHex(tst.nonce),
    accuracy: tst.accuracy === undefined ? null : formatAccuracy(tst.accuracy),
  };
}

/** What a token says (genTime, policy, serial, imprint, TSA name), for display. Throws InputError on junk. */
export function parseTokenInfo(tokenDer: Uint8Array): TimestampTokenInfo {
  return describeTstInfo(parseToken(tokenDer).tstInfo);
}

function formatAccuracy(accuracy: pkijs.Accuracy): string {
  // Sum in whole microseconds so that the one division gives the shortest decimal (no 0.30000000000000004).
  const micros = (accuracy.seconds ?? 0) * 1e6 + (accuracy.millis ?? 0) * 1e3 + (accuracy.micros ?? 0);
  return `±${micros / 1e6} s`;
}
