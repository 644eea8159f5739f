/**
 * `verify`'s re-parse of the stored originals (docs/report.md: what a consistent rewrite cannot
 * fake): each original parsed again with its capture's recorded format, zone and members must
 * give the Merkle root and message count its capture entry states.
 */
import { RAW_VARIANT } from '../core/types.js';
import { MerkleBuilder } from '../core/merkle.js';
import { msg, type Phrase } from '../i18n/message.js';
import type { FormatName } from '../importers/importer.js';
import { importerFor } from '../importers/registry.js';
import { captureMembers, readCapture } from '../core/entries/capture.js';
import type { OriginalSpan } from '../core/entries/coverage.js';
import type { OriginalSaveTime } from '../core/entries/saved-at.js';
import type { Archive } from '../store/archive.js';
import type { EntryRecord } from '../store/records.js';
import type { Problem, VerifyProgress } from '../store/verify-types.js';
import { reparseOne, type Job, type Parsed } from './reparse-one.js';
import { ReparseThread } from './reparse-thread.js';

/**
 * Originals of at least this many bytes in all are parsed in a second thread (its start-up and
 * the importers' loading there cost ~50 ms).
 */
const THREAD_FROM = 4 * 1024 * 1024;
/**
 * While no original is larger, the thread parses beside the store's checks; otherwise first (the
 * main thread waits), so that the parse's memory (~2.6× the original it parses, one at a time,
 * docs/performance.md) and the checks' are not held at once: it all goes when the thread ends.
 */
const ALONGSIDE_UP_TO = 32 * 1024 * 1024;

export interface Reparsed {
  /** Stored originals parsed again and compared with their capture entry. */
  readonly reparsed: number;
  /**
   * Captures made by another version of their parser: parsed again they may legitimately differ
   * (a parser's version is bumped when its output changes), so they are listed, not compared.
   */
  readonly notReparsed: readonly { readonly capture: string; readonly parserVersion: string; readonly current: string }[];
}

/** When the thread starts (bytes of originals in all) and when it runs first (bytes of the largest); tests set them to take every path. */
export interface ReparseTuning {
  readonly threadFrom?: number;
  readonly alongsideUpTo?: number;
}

/** What an original, parsed again, says of its capture's save time and window. */
export type OriginalFacts = OriginalSaveTime & OriginalSpan;

/** One capture entry and what re-parsing it takes. */
type Plan =
  | { readonly kind: 'skip' }
  /** `rawSeq`: a raw capture's entry, whose original states no save time (null: not known). */
  | { readonly kind: 'done'; readonly rawSeq: number | null; readonly problem: Problem | null }
  | { readonly kind: 'not-reparsed'; readonly capture: string; readonly parserVersion: string; readonly current: string }
  | {
      readonly kind: 'parse';
      readonly seq: number;
      readonly key: string;
      readonly sha256: string;
      readonly c: Record<string, unknown>;
      readonly where: Phrase;
      readonly parser: string;
    };

/**
 * Every stored original parsed again with its recorded format, zone and members: the messages'
 * Merkle root must be the entry's. `verify` starts it in a second thread (`inThread`); what that
 * did not answer, and `report`'s check, are parsed here in `finish`.
 */
export class OriginalsReparse {
  private readonly plans: Plan[];
  /** Captures of the same original read the same way (a re-import of the same export) are one parse. */
  private readonly jobs = new Map<string, Map<string, Job>>();
  private readonly parsed = new Map<string, Parsed>();
  /** By capture entry seq: what its original, parsed again, says of its save time and window (`finish` fills it). */
  private readonly facts = new Map<number, OriginalFacts>();
  private thread: ReparseThread | null = null;
  /** The originals in the order both threads take them, and the index of the next one not taken. */
  private order: string[] = [];
  private readonly next = new Int32Array(new SharedArrayBuffer(4));
  private alongside = false;

  constructor(
    private readonly archive: Archive,
    entries: readonly EntryRecord[],
  ) {
    const titles = new Map(archive.rooms().map((r) => [r.id, r.title]));
    this.plans = entries.filter((e) => e.kind === 'capture').map((e) => this.plan(e, titles));
  }

  /**
   * Starts the parses in a second thread when the originals are large enough to pay for it.
   * Resolves once the main thread may go on with its own checks: at once, or when the thread is
   * done where the originals are too large to parse alongside. `collect` waits for the answers.
   */
  async inThread({ threadFrom = THREAD_FROM, alongsideUpTo = ALONGSIDE_UP_TO }: ReparseTuning = {}, progress?: VerifyProgress): Promise<void> {
    let bytes = 0;
    let largest = 0;
    for (const sha256 of this.jobs.keys()) {
      const size = this.archive.blobSize(sha256);
      bytes += size;
      largest = Math.max(largest, size);
    }
    if (this.jobs.size === 0 || bytes < threadFrom) return;
    // The messages the captures state, as the parse's measure: a capture that states another count is a finding of its own.
    let total = 0;
    for (const plan of this.plans) if (plan.kind === 'parse' && typeof plan.c['messageCount'] === 'number') total += plan.c['messageCount'];
    this.order = [...this.jobs.keys()];
    this.thread = new ReparseThread({ path: this.archive.path, originals: [...this.jobs].map(([sha, jobs]) => [sha, [...jobs]]), next: this.next }, (n) =>
      progress?.('originals', Math.min(n, total), total),
    );
    this.alongside = largest <= alongsideUpTo;
    if (!this.alongside) await this.collect();
  }

  /** The thread's answers, once it is done. */
  async collect(): Promise<void> {
    // Beside the thread, this one takes the originals it has not begun yet (one counter, shared):
    // an archive of many captures (daily exports) is parsed on both cores once the checks are done.
    if (this.thread !== null && this.alongside) {
      for (let i = Atomics.add(this.next, 0, 1); i < this.order.length; i = Atomics.add(this.next, 0, 1)) this.read(this.order[i]!, false);
    }
    for (const [key, parsed] of (await this.thread?.done) ?? []) this.parsed.set(key, parsed);
  }

  /** The findings, in the order of the captures; originals not handed over are read here. */
  finish(problems: Problem[], progress?: VerifyProgress): Reparsed {
    const notReparsed: { capture: string; parserVersion: string; current: string }[] = [];
    let reparsed = 0;
    let done = 0;
    for (const plan of this.plans) {
      if (plan.kind === 'skip') continue;
      if (plan.kind === 'not-reparsed') {
        notReparsed.push({ capture: plan.capture, parserVersion: plan.parserVersion, current: plan.current });
        continue;
      }
      if (plan.kind === 'done') {
        if (plan.problem !== null) problems.push(plan.problem);
        if (plan.problem === null || plan.problem.kind === 'capture-original-disagrees') reparsed++;
        if (plan.rawSeq !== null) this.facts.set(plan.rawSeq, { savedAt: null, from: null, newest: null, end: null });
        continue;
      }
      if (!this.parsed.has(plan.key)) {
        this.read(plan.sha256);
        progress?.('originals', ++done, this.plans.length);
      }
      const parsed = this.parsed.get(plan.key) ?? null;
      if (parsed === null) continue; // a damaged original: the store's checks say which chunk or hash
      const { c, where, parser } = plan;
      if ('refused' in parsed) {
        problems.push({ kind: 'capture-unparsable', where, expected: msg('vp.parsed-by', { format: String(c['format']), parser }), actual: parsed.refused });
        continue;
      }
      reparsed++;
      this.facts.set(plan.seq, { savedAt: parsed.savedAt, from: parsed.from, newest: parsed.newest, end: parsed.end });
      if (parsed.root !== c['merkleRoot'] || parsed.count !== c['messageCount']) {
        problems.push({
          kind: 'capture-original-disagrees',
          where: msg('vp.with-parser', { where, parser }),
          expected: msg('vp.root.as-stated', { root: String(c['merkleRoot']), n: String(c['messageCount']) }),
          actual: msg('vp.root.disagrees', { root: parsed.root, n: parsed.count }),
        });
      }
    }
    return { reparsed, notReparsed };
  }

  /**
   * The roots of the parsed lists, by the SHA-256 of the list (after `finish`): the store's checks
   * take a stored list's root from here when it hashes the same, rather than working it out again.
   */
  knownRoots(): Map<string, string> {
    const roots = new Map<string, string>();
    for (const p of this.parsed.values()) if (p !== null && !('refused' in p)) roots.set(p.listDigest, p.root);
    return roots;
  }

  /** What each re-parsed original says of its capture's save time and window, by capture entry seq (after `finish`). */
  originalFacts(): ReadonlyMap<number, OriginalFacts> {
    return this.facts;
  }

  private plan(e: EntryRecord, titles: ReadonlyMap<string, string | null>): Plan {
    const c = e.payload['capture'] as Record<string, unknown> | undefined;
    const rawSha256 = c?.['rawSha256'],
      format = c?.['format'],
      tz = c?.['tz'],
      parserVersion = c?.['parserVersion'];
    if (c === undefined || typeof rawSha256 !== 'string' || typeof format !== 'string' || typeof tz !== 'string' || !this.archive.hasBlob(rawSha256))
      return { kind: 'skip' }; // reported by the store's checks
    const where = msg('vp.capture-reparsed', { id: String(c['id']), seq: e.seq });
    if (parserVersion === RAW_VARIANT) {
      // Kept with `import --raw`: nothing was read from it, so its message list must be empty.
      const empty = c['messageCount'] === 0 && c['merkleRoot'] === new MerkleBuilder().rootHex();
      return {
        kind: 'done',
        rawSeq: e.seq,
        problem: empty
          ? null
          : {
              kind: 'capture-original-disagrees',
              where,
              expected: msg('vp.raw.expected'),
              actual: msg('vp.messages-root', { n: String(c['messageCount']), root: String(c['merkleRoot']) }),
            },
      };
    }
    const importer = importerFor(format as FormatName);
    if (importer === undefined)
      return {
        kind: 'done',
        rawSeq: null,
        problem: { kind: 'capture-unparsable', where, expected: msg('vp.importer-for', { format }), actual: msg('vp.no-importer') },
      };
    if (parserVersion !== importer.parserVersion) {
      if (typeof parserVersion === 'string' && (importer.earlierParserVersions ?? []).includes(parserVersion))
        return { kind: 'not-reparsed', capture: String(c['id']), parserVersion, current: importer.parserVersion };
      // Skipping a version this chatproof does not know would let an entry name one to escape every check of its original.
      return {
        kind: 'done',
        rawSeq: null,
        problem: {
          kind: 'capture-parser-unknown',
          where,
          expected: msg('vp.parser-known', { format, versions: [importer.parserVersion, ...(importer.earlierParserVersions ?? [])].join(', ') }),
          actual: msg('vp.parser-stated', { version: String(parserVersion) }),
        },
      };
    }
    const options = { tz, members: membersOf(e), roomTitle: titles.get(e.roomId ?? '') ?? null };
    const key = JSON.stringify([rawSha256, format, options]);
    const jobs = this.jobs.get(rawSha256) ?? new Map<string, Job>();
    jobs.set(key, { format: format as FormatName, options, captureId: String(c['id']) });
    this.jobs.set(rawSha256, jobs);
    return { kind: 'parse', seq: e.seq, key, sha256: rawSha256, c, where, parser: importer.parserVersion };
  }

  /**
   * An original read (the whole re-hashed, and each chunk unless the store's checks just did) and
   * parsed here: taken beside the thread, or one it did not answer for.
   */
  private read(sha256: string, chunkHashes = true): void {
    reparseOne(
      () => this.archive.blob(sha256, { chunkHashes }),
      this.jobs.get(sha256) ?? new Map(),
      (key, parsed) => this.parsed.set(key, parsed),
    );
  }
}

/** Members named at import (`--member`), if the capture entry kept them: needed to re-parse LINE desktop exports. */
function membersOf(e: EntryRecord): string[] {
  const read = readCapture(e.payload);
  return read.ok ? captureMembers(read.value.meta) : [];
}
