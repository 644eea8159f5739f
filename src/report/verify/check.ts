import { msg, render, type Phrase } from '../../i18n/message.js';
import type { Manifest, ManifestEntry } from '../manifest.js';

/**
 * One finding of verify-report: what was compared, and what that rests on; never a bare "OK".
 * `name` and `detail` are English (the `--json` document); `said` is the same in words any
 * language can be written in.
 */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly said: { readonly name: Phrase; readonly detail: Phrase | string };
}

export function finding(name: Phrase, ok: boolean, detail: Phrase | string): Check {
  return { name: render('en', name), ok, detail: render('en', detail), said: { name, detail } };
}

/** Phrases one after another, at most `max`, then how many more there were. */
export function listed(items: readonly (Phrase | string)[], max = 8): Phrase | string {
  const shown: (Phrase | string)[] = [...items.slice(0, max), ...(items.length > max ? [msg('vr.more', { n: items.length - max })] : [])];
  return shown.reduceRight<Phrase | string | null>((rest, first) => (rest === null ? first : msg('vr.list', { first, rest })), null) ?? '';
}

export function check(name: Phrase, problems: readonly (Phrase | string)[], whenOk: Phrase, rests: Phrase): Check {
  return problems.length === 0 ? finding(name, true, msg('vr.holds', { said: whenOk, rests })) : finding(name, false, listed(problems));
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
