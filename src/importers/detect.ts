import { InputError } from '../core/errors.js';
import type { DecodedInput, FormatName, Importer } from './importer.js';

export interface Detection {
  readonly importer: Importer;
  /** Why this importer was chosen, shown to the user ("detected LINE: header [LINE] …"). */
  readonly reason: string;
}

/**
 * `--format auto`: every importer sniffs, the most confident wins. When none accepts, the error
 * says which formats were tried and why each declined (cli-contract.md `import`).
 */
export function detectFormat(input: DecodedInput, importers: readonly Importer[], where: string): Detection {
  const sniffs = importers.map((importer) => ({ importer, sniff: importer.sniff(input) }));
  const best = sniffs.reduce<(typeof sniffs)[number] | null>((b, s) => (s.sniff.confidence > (b?.sniff.confidence ?? 0) ? s : b), null);
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
