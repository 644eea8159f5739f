/**
 * What every entry reader returns: the payload's value, or the problem that keeps it from being one.
 * Payloads are data written by other versions and other commands, so a reader checks what it
 * uses and never guesses; the caller decides whether a problem is a finding, an error or a skip.
 */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export const value = <T>(v: T): Read<T> => ({ ok: true, value: v });
export const problem = (text: string): Read<never> => ({ ok: false, problem: text });

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const obj = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `payload.blobs`: the stored bytes an entry relies on, which `verify` checks exist (docs/hashing.md §4). */
export function listedBlobs(payload: Readonly<Record<string, unknown>>): string[] {
  return strings(payload['blobs']);
}
