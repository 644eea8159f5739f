/** One stored original parsed again as its captures record it: shared by `verify`'s thread and the main thread. */
import { createHash } from 'node:crypto';
import { canonicalMessage, MESSAGE_TAG } from '../core/canonical.js';
import { taggedHashBinary } from '../core/hash.js';
import { ArchiveError, InputError, IntegrityError } from '../core/errors.js';
import { MerkleBuilder } from '../core/merkle.js';
import { CoverageSpan, type OriginalSpan } from '../core/entries/coverage.js';
import type { OriginalSaveTime } from '../core/entries/saved-at.js';
import type { Phrase } from '../i18n/message.js';
import { decodeInput } from '../importers/decode.js';
import { streamedParse, type FormatName, type ParseOptions } from '../importers/importer.js';
import { importerFor } from '../importers/registry.js';

/** How a capture reads its original: captures that read the same original the same way share one parse. */
export interface Job {
  readonly format: FormatName;
  readonly options: ParseOptions;
  readonly captureId: string;
}

/**
 * What one parse of an original gave: its messages' root and count, the SHA-256 of its list of
 * message hashes (`listDigest`: a stored list that hashes the same is this list, and has this root),
 * the save time it states, and the window its messages span (its newest message's time among
 * them); or why it could not be read; null when its bytes could not be had.
 */
export type Parsed =
  | ({ readonly root: string; readonly count: number; readonly listDigest: string } & OriginalSaveTime & OriginalSpan)
  | { readonly refused: string | Phrase }
  | null;

/**
 * `read` gives the original's bytes (an IntegrityError or ArchiveError where they cannot be had as
 * stored: the store's checks say which chunk or hash); each job is parsed from them in turn, and
 * `made` hears how many messages were parsed since it last heard.
 */
export function reparseOne(
  read: () => Buffer,
  jobs: ReadonlyMap<string, Job>,
  each: (key: string, parsed: Parsed) => void,
  made?: (messages: number) => void,
): void {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (e) {
    if (!(e instanceof IntegrityError || e instanceof ArchiveError)) throw e;
    for (const key of jobs.keys()) each(key, null);
    return;
  }
  for (const [key, job] of jobs) each(key, parseOriginal(bytes, job, made));
}

/** How often `made` hears of the messages parsed. */
const MADE_EVERY = 50_000;

/** The original parsed, its messages hashed one at a time as the parse makes them. */
function parseOriginal(bytes: Buffer, job: Job, made?: (messages: number) => void): Parsed {
  const importer = importerFor(job.format)!;
  let outcome;
  try {
    outcome = streamedParse(importer, decodeInput(bytes, `capture ${job.captureId}`), job.options);
  } catch (e) {
    if (e instanceof InputError) return { refused: e.text };
    throw e;
  }
  if (!outcome.ok) return { refused: outcome.error.text };
  const tree = new MerkleBuilder();
  const list = createHash('sha256');
  let count = 0;
  const span = new CoverageSpan();
  for (const m of outcome.result.messages.each([])) {
    // messageHash(m), as the binary string the tree and the list's hash take (no hex and back).
    const leaf = taggedHashBinary(MESSAGE_TAG, canonicalMessage(m));
    tree.pushBinary(leaf);
    list.update(leaf, 'latin1');
    span.add(m.sentAt);
    if (++count % MADE_EVERY === 0) made?.(MADE_EVERY);
  }
  made?.(count % MADE_EVERY);
  const { sourceSavedAt, coverageEnd } = outcome.result;
  return {
    root: tree.rootHex(),
    count,
    listDigest: list.digest('hex'),
    savedAt: sourceSavedAt ?? null,
    from: span.from,
    newest: span.newest,
    end: coverageEnd ?? null,
  };
}
