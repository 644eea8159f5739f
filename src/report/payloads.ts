import { canonicalJson } from '../core/canonical.js';
import type { EntryRecord } from '../store/records.js';

/**
 * Typed readers for the entry payloads a report uses. Payloads are data written by other
 * versions and other commands: anything unexpected reads as null, never as a guess.
 */

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** The bytes a timestamp token is issued over: JCS of the log head `{ v: 1, seq, hash }` (docs/report.md). */
export function stampedBytesText(seq: number, hash: string): string {
  return canonicalJson({ v: 1, seq, hash });
}

export interface TimestampPayload {
  /** The exact stamped text (UTF-8 bytes are what the token's imprint covers). */
  readonly data: string;
  readonly seq: number;
  readonly hash: string;
  readonly tokenSha256: string;
  readonly tsaName: string | null;
  readonly tsaUrl: string | null;
}

/** A `timestamp` entry written by `stamp` / `report --tsa`; null for any other shape. */
export function timestampPayload(e: EntryRecord): TimestampPayload | null {
  if (e.kind !== 'timestamp') return null;
  const t = obj(e.payload['timestamp']);
  const data = str(t?.['data']);
  const seq = num(t?.['seq']);
  const hash = str(t?.['hash']);
  const tokenSha256 = str(t?.['tokenSha256']);
  if (t === null || data === null || seq === null || hash === null || tokenSha256 === null) return null;
  if (data !== stampedBytesText(seq, hash)) return null;
  return { data, seq, hash, tokenSha256, tsaName: str(t['tsaName']), tsaUrl: str(t['tsaUrl']) };
}

/** Members named at import (`--member`), if the capture entry kept them: needed to re-parse LINE desktop exports. */
export function captureMembers(e: EntryRecord | undefined): string[] {
  const meta = obj(obj(e?.payload['capture'])?.['meta']);
  const m = meta?.['members'];
  return Array.isArray(m) ? m.filter((x): x is string => typeof x === 'string') : [];
}

/** The Merkle root a `capture` entry states for its message list. */
export function captureEntryRoot(e: EntryRecord): string | null {
  return e.kind === 'capture' ? str(obj(e.payload['capture'])?.['merkleRoot']) : null;
}
