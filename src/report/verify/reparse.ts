import { messageHash } from '../../core/canonical.js';
import { RAW_VARIANT } from '../../core/types.js';
import { decodeInput } from '../../importers/decode.js';
import type { FormatName } from '../../importers/importer.js';
import { importerFor } from '../../importers/registry.js';
import type { ManifestCapture } from '../manifest.js';
import type { CaptureFacts } from './capture-facts.js';

export type Reparsed = { readonly ok: true; readonly hashes: readonly string[]; readonly parser: string } | { readonly ok: false; readonly problem: string };

/**
 * The original parsed again with this chatproof's importer for the recorded format, zone and
 * members. A parser version newer than the one that made the capture may read some input
 * differently: the result then says which versions were compared.
 */
export function reparse(bytes: Uint8Array, c: ManifestCapture, facts: CaptureFacts, roomTitle: string | null): Reparsed {
  // Kept with `import --raw`: nothing was read from it, so the recorded message list must be empty.
  if (facts.parserVersion === RAW_VARIANT) return { ok: true, hashes: [], parser: 'no parser (kept with import --raw: no messages are read from it)' };
  const importer = importerFor(facts.format as FormatName);
  if (importer === undefined) return { ok: false, problem: `this chatproof has no importer for the format "${facts.format}" of ${c.file}` };
  try {
    const outcome = importer.parse(decodeInput(bytes, c.file), { tz: facts.tz, members: c.members, roomTitle });
    if (!outcome.ok) return { ok: false, problem: `${c.file} no longer parses as ${facts.format}: ${outcome.error.message}` };
    const made = facts.parserVersion === importer.parserVersion ? '' : ` (the capture was made with ${facts.parserVersion})`;
    return { ok: true, hashes: outcome.result.messages.map(messageHash), parser: `parser ${importer.parserVersion}${made}` };
  } catch (e) {
    return { ok: false, problem: `${c.file} cannot be read as ${facts.format}: ${(e as Error).message}` };
  }
}
