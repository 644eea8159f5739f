import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * Small shared pieces over pkijs/asn1js: the crypto engine, OIDs, and turning ASN.1 values into
 * the strings we show. pkijs's own types are used as they are; the few casts live next to the
 * field that needs them, with the reason.
 */

/**
 * One engine passed explicitly to every pkijs call, so that this module never depends on (or
 * changes) pkijs's process-wide default engine, which other code could set.
 */
export const cryptoEngine = new pkijs.CryptoEngine({ name: 'chatproof-webcrypto', crypto: globalThis.crypto });

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentTypeAttribute: '1.2.840.113549.1.9.3',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  kpTimeStamping: '1.3.6.1.5.5.7.3.8',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** Hash OIDs a message imprint may use (RFC 3161 §2.4.1 leaves it to the TSA), as node:crypto names. */
export const HASH_BY_OID: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
}

/** pkijs wants ArrayBuffers; copy so a Buffer's pooled backing store is never handed over whole. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** An INTEGER (serial number, nonce) as lower-case hex without sign padding, even length. */
export function integerHex(value: asn1js.Integer): string {
  const hex = value.toBigInt().toString(16);
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** A distinguished name in certificate order, like `openssl x509 -subject`: "C=JP, O=Example, CN=TSA". */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${SHORT_NAMES[tv.type] ?? tv.type}=${attributeText(tv.value)}`).join(', ');
}

function attributeText(value: pkijs.AttributeValueType): string {
  // Every member of AttributeValueType is an asn1js string type whose valueBlock holds the decoded text.
  const text: unknown = (value.valueBlock as { value?: unknown }).value;
  return typeof text === 'string' ? text : `#${toHex(value.valueBeforeDecodeView)}`;
}

/**
 * The TSTInfo `tsa` field (RFC 3161 §2.4.2) as text. In practice a directoryName; the string
 * forms are shown as they are, anything else by its tag so that it is at least visible.
 */
export function formatGeneralName(name: pkijs.GeneralName): string {
  // pkijs types GeneralName.value as `any`: its type depends on the tag (RFC 5280 §4.2.1.6).
  const value: unknown = name.value;
  if (name.type === 4 && value instanceof pkijs.RelativeDistinguishedNames) return formatName(value);
  if (typeof value === 'string') return value;
  return `[GeneralName tag ${name.type}]`;
}

/** Names for the signature algorithms TSAs use, for check details; an unknown OID is shown as is. */
const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'RSA with SHA-256',
  '1.2.840.113549.1.1.12': 'RSA with SHA-384',
  '1.2.840.113549.1.1.13': 'RSA with SHA-512',
  '1.2.840.10045.4.3.2': 'ECDSA with SHA-256',
  '1.2.840.10045.4.3.3': 'ECDSA with SHA-384',
  '1.2.840.10045.4.3.4': 'ECDSA with SHA-512',
};

export function signatureAlgorithmName(oid: string): string {
  return SIGNATURE_NAMES[oid] ?? oid;
}

/** A thrown value as text. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  // pkijs sometimes throws plain result objects ({ resultMessage }) rather than Errors.
  if (typeof e === 'object' && e !== null && 'resultMessage' in e) return String(e.resultMessage);
  return String(e);
}
