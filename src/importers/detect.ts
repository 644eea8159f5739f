import { InputError } from '../core/errors.js';
import { SIGNATURE_CONFIDENCE, type DecodedInput, type FormatName, type Importer, type Sniff } from './importer.js';
import { joined, msg, type Phrase } from '../i18n/message.js';

export interface Detection {
  readonly importer: Importer;
  /** Why this importer was chosen, shown to the user ("detected LINE: header [LINE] …"). */
  readonly reason: string | Phrase;
}

/**
 * `--format auto`: the importers sniff in the registry's order, the most confident wins (the first
 * on a tie), and a sniff that finds its format's signature ends the search. When none accepts, the
 * error says which formats were tried and why each declined (docs/design/cli-contract.md `import`).
 */
export function detectFormat(input: DecodedInput, importers: readonly Importer[], where: string): Detection {
  const sniffs: { importer: Importer; sniff: Sniff }[] = [];
  let best: (typeof sniffs)[number] | null = null;
  for (const importer of importers) {
    const tried = { importer, sniff: importer.sniff(input) };
    sniffs.push(tried);
    if (tried.sniff.confidence > (best?.sniff.confidence ?? 0)) best = tried;
    // Nothing later can beat it; the paste sniffs were ~10 ms of a 20k-message LINE import (docs/performance.md).
    if (tried.sniff.confidence >= SIGNATURE_CONFIDENCE) break;
  }
  if (best) return { importer: best.importer, reason: best.sniff.reason };
  const tried = joined(
    'text.lines',
    sniffs.map((s) => msg('input.tried', { format: s.importer.format, reason: s.sniff.reason })),
  );
  throw new InputError(msg('input.unrecognised', { tried }), { where, hint: msg('input.unrecognised.hint') });
}

export function formatNames(importers: readonly Importer[]): FormatName[] {
  return importers.map((i) => i.format);
}
