import { InputError } from '../core/errors.js';
import { SIGNATURE_CONFIDENCE, type DecodedInput, type FormatName, type Importer, type Sniff } from './importer.js';

export interface Detection {
  readonly importer: Importer;
  /** Why this importer was chosen, shown to the user ("detected LINE: header [LINE] …"). */
  readonly reason: string;
}

/**
 * `--format auto`: the importers sniff in the registry's order, the most confident wins (the first
 * on a tie), and a sniff that finds its format's signature ends the search. When none accepts, the
 * error says which formats were tried and why each declined (cli-contract.md `import`).
 */
export function detectFormat(input: DecodedInput, importers: readonly Importer[], where: string): Detection {
  const sniffs: { importer: Importer; sniff: Sniff }[] = [];
  let best: (typeof sniffs)[number] | null = null;
  for (const importer of importers) {
    const tried = { importer, sniff: importer.sniff(input) };
    sniffs.push(tried);
    if (tried.sniff.confidence > (best?.sniff.confidence ?? 0)) best = tried;
    // Nothing later can beat it; the paste sniffs were ~10 ms of a 20k-message LINE import (issue 8).
    if (tried.sniff.confidence >= SIGNATURE_CONFIDENCE) break;
  }
  if (best) return { importer: best.importer, reason: best.sniff.reason };
  const tried = sniffs.map((s) => `  - ${s.importer.format}: ${s.sniff.reason}`).join('\n');
  throw new InputError(`This does not look like a chat export or paste that chatproof can read. Formats tried:\n${tried}`, {
    where,
    hint: 'Check that you picked the exported chat file (for LINE: the .txt from "トーク履歴を送信"). If you know the format, pass --format (line, chatwork-json, chatwork-text, crowdworks, lancers).',
  });
}

export function formatNames(importers: readonly Importer[]): FormatName[] {
  return importers.map((i) => i.format);
}
