import type { Manifest, ManifestEntry } from '../manifest.js';

/** One finding of verify-report: what was compared, and what that rests on; never a bare "OK". */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export function check(name: string, problems: readonly string[], whenOk: string, rests: string): Check {
  return problems.length === 0
    ? { name, ok: true, detail: `${whenOk} (rests on: ${rests})` }
    : { name, ok: false, detail: problems.slice(0, 8).join('; ') + (problems.length > 8 ? `; and ${problems.length - 8} more` : '') };
}

/** What every check reads: the manifest, the embedded files, the included log by seq. */
export interface Evidence {
  readonly manifest: Manifest;
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly entries: ReadonlyMap<number, ManifestEntry>;
}

export const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/** Reads a payload field path defensively: payloads are data from the checked file. */
export function field(payload: unknown, ...path: string[]): unknown {
  let v = payload;
  for (const k of path) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}
