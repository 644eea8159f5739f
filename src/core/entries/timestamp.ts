/**
 * The `timestamp` entry: an RFC 3161 token over the log head, kept as a blob. The stamped bytes are
 * the JCS text `{"hash":…,"seq":…,"v":1}` (docs/report.md): small, exact, and easy to feed to
 * `openssl ts -verify -data`.
 */
import { canonicalJson } from '../canonical.js';
import { num, obj, problem, str, value, type Read } from './read.js';

/** The bytes a timestamp token is issued over: JCS of the log head `{ v: 1, seq, hash }`. */
export function stampedBytesText(seq: number, hash: string): string {
  return canonicalJson({ v: 1, seq, hash });
}

export interface TimestampFacts {
  /** The exact stamped text (its UTF-8 bytes are what the token's imprint covers). */
  readonly data: string;
  readonly seq: number;
  readonly hash: string;
  readonly tokenSha256: string;
  readonly genTime: string;
  readonly tsaName: string | null;
  readonly tsaUrl: string;
  readonly serial: string;
  readonly policy: string;
}

export type TimestampPayload = {
  readonly timestamp: TimestampFacts;
  readonly blobs: readonly string[];
};

export function timestampPayload(t: Omit<TimestampFacts, 'data'>): TimestampPayload {
  return { timestamp: { data: stampedBytesText(t.seq, t.hash), ...t }, blobs: [t.tokenSha256] };
}

/** What a report and `verify` rely on of a timestamp entry. */
export interface TimestampRead {
  readonly data: string;
  readonly seq: number;
  readonly hash: string;
  readonly tokenSha256: string;
  readonly tsaName: string | null;
  readonly tsaUrl: string | null;
}

export function readTimestamp(payload: Readonly<Record<string, unknown>>): Read<TimestampRead> {
  const t = obj(payload['timestamp']);
  const data = str(t?.['data']);
  const seq = num(t?.['seq']);
  const hash = str(t?.['hash']);
  const tokenSha256 = str(t?.['tokenSha256']);
  if (t === null || data === null || seq === null || hash === null || tokenSha256 === null)
    return problem('a timestamp entry without its stamped data, head and token hash');
  if (data !== stampedBytesText(seq, hash)) return problem('a timestamp entry whose stamped data is not the head it names');
  return value({ data, seq, hash, tokenSha256, tsaName: str(t['tsaName']), tsaUrl: str(t['tsaUrl']) });
}
