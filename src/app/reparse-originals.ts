/**
 * `verify`'s re-parse of the stored originals (docs/report.md: what a consistent rewrite cannot
 * fake): each original parsed again with its capture's recorded format, zone and members must
 * give the Merkle root and message count its capture entry states.
 */
import { messageHash } from '../core/canonical.js';
import { InputError, IntegrityError, ArchiveError } from '../core/errors.js';
import { RAW_VARIANT } from '../core/types.js';
import { MerkleBuilder } from '../core/merkle.js';
import { msg, type Phrase } from '../i18n/message.js';
import { decodeInput } from '../importers/decode.js';
import type { FormatName } from '../importers/importer.js';
import { importerFor } from '../importers/registry.js';
import { streamedParse } from '../importers/importer.js';
import { captureMembers, readCapture } from '../core/entries/capture.js';
import type { Archive } from '../store/archive.js';
import type { EntryRecord } from '../store/records.js';
import type { Problem, VerifyProgress } from '../store/verify-types.js';

export interface Reparsed {
  /** Stored originals parsed again and compared with their capture entry. */
  readonly reparsed: number;
  /**
   * Captures made by another version of their parser: parsed again they may legitimately differ
   * (a parser's version is bumped when its output changes), so they are listed, not compared.
   */
  readonly notReparsed: readonly { readonly capture: string; readonly parserVersion: string; readonly current: string }[];
}

/** What one parse of an original gave: its messages' root and count, or why it could not be read. */
type Parsed = { readonly root: string; readonly count: number } | { readonly refused: string | Phrase } | null;

/** Every stored original parsed again with its recorded format, zone and members: the messages' Merkle root must be the entry's. */
export function reparseOriginals(archive: Archive, entries: readonly EntryRecord[], problems: Problem[], progress?: VerifyProgress): Reparsed {
  const titles = new Map(archive.rooms().map((r) => [r.id, r.title]));
  const captures = entries.filter((e) => e.kind === 'capture');
  const notReparsed: { capture: string; parserVersion: string; current: string }[] = [];
  // Captures of the same original read the same way (a re-import of the same export) are one
  // parse: what it gives depends on nothing else.
  const parses = new Map<string, Parsed>();
  let done = 0;
  for (const e of captures) {
    const c = e.payload['capture'] as Record<string, unknown> | undefined;
    const rawSha256 = c?.['rawSha256'],
      format = c?.['format'],
      tz = c?.['tz'],
      parserVersion = c?.['parserVersion'];
    if (typeof rawSha256 !== 'string' || typeof format !== 'string' || typeof tz !== 'string' || !archive.hasBlob(rawSha256)) continue; // reported by the store's checks
    const where = msg('vp.capture-reparsed', { id: String(c?.['id']), seq: e.seq });
    if (parserVersion === RAW_VARIANT) {
      // Kept with `import --raw`: nothing was read from it, so its message list must be empty.
      if (c?.['messageCount'] !== 0 || c['merkleRoot'] !== new MerkleBuilder().rootHex()) {
        problems.push({
          kind: 'capture-original-disagrees',
          where,
          expected: msg('vp.raw.expected'),
          actual: msg('vp.messages-root', { n: String(c?.['messageCount']), root: String(c?.['merkleRoot']) }),
        });
      }
      progress?.('originals', ++done, captures.length);
      continue;
    }
    const importer = importerFor(format as FormatName);
    if (importer === undefined) {
      problems.push({ kind: 'capture-unparsable', where, expected: msg('vp.importer-for', { format }), actual: msg('vp.no-importer') });
      continue;
    }
    if (parserVersion !== importer.parserVersion) {
      notReparsed.push({ capture: String(c?.['id']), parserVersion: String(parserVersion), current: importer.parserVersion });
      continue;
    }
    const options = { tz, members: membersOf(e), roomTitle: titles.get(e.roomId ?? '') ?? null };
    const key = JSON.stringify([rawSha256, format, options]);
    let parsed = parses.get(key);
    if (parsed === undefined) {
      parsed = parseOriginal(archive, rawSha256, format, options, String(c?.['id']));
      parses.set(key, parsed);
    }
    if (parsed === null) continue; // a damaged original: the store's checks say which chunk or hash
    if ('refused' in parsed) {
      problems.push({ kind: 'capture-unparsable', where, expected: msg('vp.parsed-by', { format, parser: importer.parserVersion }), actual: parsed.refused });
      continue;
    }
    if (parsed.root !== c?.['merkleRoot'] || parsed.count !== c?.['messageCount']) {
      problems.push({
        kind: 'capture-original-disagrees',
        where: msg('vp.with-parser', { where, parser: importer.parserVersion }),
        expected: msg('vp.root.as-stated', { root: String(c?.['merkleRoot']), n: String(c?.['messageCount']) }),
        actual: msg('vp.root.disagrees', { root: parsed.root, n: parsed.count }),
      });
    }
    progress?.('originals', ++done, captures.length);
  }
  return { reparsed: done, notReparsed };
}

/**
 * One original read (its chunks were re-hashed by the store's checks, so only the whole is
 * hashed again here) and parsed, its messages hashed one at a time as the parse makes them.
 * Null when its bytes cannot be had as stored.
 */
function parseOriginal(
  archive: Archive,
  rawSha256: string,
  format: string,
  options: { tz: string; members: string[]; roomTitle: string | null },
  captureId: string,
): Parsed {
  let bytes: Buffer;
  try {
    bytes = archive.blob(rawSha256, { chunkHashes: false });
  } catch (e) {
    if (e instanceof IntegrityError || e instanceof ArchiveError) return null;
    throw e;
  }
  const importer = importerFor(format as FormatName)!;
  let outcome;
  try {
    outcome = streamedParse(importer, decodeInput(bytes, `capture ${captureId}`), options);
  } catch (e) {
    if (e instanceof InputError) return { refused: e.text };
    throw e;
  }
  if (!outcome.ok) return { refused: outcome.error.text };
  const tree = new MerkleBuilder();
  let count = 0;
  for (const m of outcome.result.messages.each([])) {
    tree.push(Buffer.from(messageHash(m), 'hex'));
    count++;
  }
  return { root: tree.rootHex(), count };
}

/** Members named at import (`--member`), if the capture entry kept them: needed to re-parse LINE desktop exports. */
function membersOf(e: EntryRecord): string[] {
  const read = readCapture(e.payload);
  return read.ok ? captureMembers(read.value.meta) : [];
}
