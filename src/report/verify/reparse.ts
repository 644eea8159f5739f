import { messageHash } from '../../core/canonical.js';
import { CoverageSpan, type OriginalSpan } from '../../core/entries/coverage.js';
import type { OriginalSaveTime } from '../../core/entries/saved-at.js';
import { RAW_VARIANT } from '../../core/types.js';
import { decodeInput } from '../../importers/decode.js';
import type { FormatName } from '../../importers/importer.js';
import { importerFor } from '../../importers/registry.js';
import type { ManifestCapture } from '../manifest.js';
import { msg, type Phrase } from '../../i18n/message.js';
import type { CaptureFacts } from './capture-facts.js';

/** A parse that held: its messages' hashes, which parser read them, and what it says of the capture's save time and window. */
export type Reparsed =
  | ({ readonly ok: true; readonly hashes: readonly string[]; readonly parser: Phrase } & OriginalSaveTime & OriginalSpan)
  | { readonly ok: false; readonly problem: Phrase };

/**
 * The original parsed again with this chatproof's importer for the recorded format, zone and
 * members. A parser version newer than the one that made the capture may read some input
 * differently: the result then says which versions were compared.
 */
export function reparse(bytes: Uint8Array, c: ManifestCapture, facts: CaptureFacts, roomTitle: string | null): Reparsed {
  // Kept with `import --raw`: nothing was read from it, so the recorded message list must be empty.
  if (facts.parserVersion === RAW_VARIANT) return { ok: true, hashes: [], parser: msg('vr.reparse.raw'), savedAt: null, from: null, newest: null, end: null };
  const importer = importerFor(facts.format as FormatName);
  const file = c.file ?? '-';
  if (importer === undefined) return { ok: false, problem: msg('vr.reparse.no-importer', { format: facts.format, file }) };
  try {
    const outcome = importer.parse(decodeInput(bytes, c.file), { tz: facts.tz, members: c.members, roomTitle });
    if (!outcome.ok) return { ok: false, problem: msg('vr.reparse.refused', { file, format: facts.format, why: outcome.error.text }) };
    const parser =
      facts.parserVersion === importer.parserVersion
        ? msg('vr.reparse.parser', { version: importer.parserVersion })
        : msg('vr.reparse.parser-older', { version: importer.parserVersion, made: facts.parserVersion });
    const { messages, sourceSavedAt, coverageEnd } = outcome.result;
    const span = new CoverageSpan();
    for (const m of messages) span.add(m.sentAt);
    const window = { from: span.from, newest: span.newest, end: coverageEnd ?? null };
    return { ok: true, hashes: messages.map(messageHash), parser, savedAt: sourceSavedAt ?? null, ...window };
  } catch (e) {
    return { ok: false, problem: msg('vr.reparse.failed', { file, format: facts.format, why: (e as Error).message }) };
  }
}
