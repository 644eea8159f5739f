import { joined, msg } from '../i18n/message.js';
import { readTimestamp, stampedBytesText } from '../core/entries/timestamp.js';
import type { Archive } from '../store/archive.js';
import { reparseProblems } from './verify-reparse.js';
import { saveTimeProblems } from './verify-saved-at.js';
import { coverageProblems } from './verify-coverage.js';
import type { EntryRecord } from '../store/records.js';
import type { Problem, VerifyProgress, VerifyReport } from '../store/verify-types.js';
import { OriginalsReparse, type Reparsed, type ReparseTuning } from './reparse-originals.js';
import { verifyRoomStates } from '../store/verify-state.js';

/**
 * What `verify` can vouch for with time: the newest timestamp that holds, and how many entries
 * follow it. Those entries could be rolled back or rewritten consistently without any check
 * noticing: only a timestamp (`stamp`, `--stamp`) over a later head closes that window.
 */
export interface StampWindow {
  /** The newest timestamp entry whose token holds, the log entry it vouches for, and when. */
  readonly newest: { readonly entrySeq: number; readonly stampedSeq: number; readonly genTime: string } | null;
  /** Entries after the stamped one: what no check can tell from a consistent rewrite. */
  readonly unstamped: number;
  /** The captures among them, oldest first: stored, and waiting for the next stamp (`import --stamp`, `stamp`). */
  readonly notYetStamped: readonly { readonly seq: number; readonly roomId: string | null; readonly at: string }[];
}

export interface FullVerification extends VerifyReport, Reparsed {
  /** Timestamp entries checked. */
  readonly timestamps: number;
  readonly window: StampWindow;
}

/** Token checks a token must pass to vouch for anything; trust in its issuer is `verify-report`'s (and `stamp`'s) question. */
const ESSENTIAL = new Set(['token', 'imprint', 'cms-signature', 'signing-certificate']);

/**
 * `chatproof verify`: the archive's own consistency (src/store/verify.ts), and then what a
 * consistent rewrite cannot fake: every timestamp token still signs the entry it names, as the
 * chain now holds it, and every stored original, parsed again with its recorded parser, gives the
 * Merkle root its capture entry states. A message rewritten together with its list, root, entry
 * and the whole chain after it is found by both: the original still says what it said, and the
 * TSA signed the old entry hash.
 */
export async function verifyArchiveFully(archive: Archive, progress?: VerifyProgress, tuning: ReparseTuning = {}): Promise<FullVerification> {
  const entries = archive.entries();
  const reparse = new OriginalsReparse(archive, entries);
  await reparse.inThread(tuning, progress);
  const checks = archive.checkStore(progress);
  const problems: Problem[] = [];
  let stamps: Awaited<ReturnType<typeof checkTimestamps>>;
  let reparsedCounts: ReturnType<OriginalsReparse['finish']>;
  try {
    await reparse.collect();
    stamps = await checkTimestamps(archive, entries, problems);
    reparsedCounts = reparse.finish(problems, progress);
  } catch (e) {
    // The checks' read transaction ends with them, whatever ends the wait for the re-parse.
    checks.abandon();
    throw e;
  }
  const { reparsed, notReparsed } = reparsedCounts;
  // A stored list that hashes as a parsed one has its root: the Merkle tree is built once, not twice.
  const base = checks.finish(reparse.knownRoots());
  problems.push(...reparseProblems(entries));
  problems.push(...saveTimeProblems(entries, reparse.originalFacts()), ...coverageProblems(entries, reparse.originalFacts()));
  problems.push(...(await verifyRoomStates(archive, undefined, checks.sightings, progress)));
  const head = entries.at(-1)?.seq ?? 0;
  const newest = stamps.at(-1) ?? null;
  return {
    ...base,
    ok: base.ok && problems.length === 0,
    problems: [...base.problems, ...problems],
    timestamps: entries.filter((e) => e.kind === 'timestamp').length,
    reparsed,
    notReparsed,
    window: {
      newest,
      unstamped: head - (newest?.stampedSeq ?? 0),
      notYetStamped: entries.filter((e) => e.kind === 'capture' && e.seq > (newest?.stampedSeq ?? 0)).map((e) => ({ seq: e.seq, roomId: e.roomId, at: e.at })),
    },
  };
}

/** The timestamps that hold, oldest first. */
async function checkTimestamps(
  archive: Archive,
  entries: readonly EntryRecord[],
  problems: Problem[],
): Promise<{ entrySeq: number; stampedSeq: number; genTime: string }[]> {
  if (!entries.some((e) => e.kind === 'timestamp')) return [];
  // The token checks (pkijs and its ~170 modules) are loaded only for an archive that has a token:
  // they were a third of a 20k verify's start-up (docs/performance.md).
  const { verifyTimestampToken } = await import('../timestamp/index.js');
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const held: { entrySeq: number; stampedSeq: number; genTime: string }[] = [];
  for (const e of entries) {
    if (e.kind !== 'timestamp') continue;
    const where = msg('vp.log-entry', { seq: e.seq, kind: 'timestamp' });
    const read = readTimestamp(e.payload);
    const t = read.ok ? read.value : null;
    if (t === null) {
      problems.push({
        kind: 'timestamp-unreadable',
        where,
        expected: msg('vp.ts.unreadable.expected'),
        actual: JSON.stringify(e.payload['timestamp'] ?? null).slice(0, 200),
      });
      continue;
    }
    const stamped = bySeq.get(t.seq);
    if (stamped === undefined || stamped.hash !== t.hash || t.seq >= e.seq) {
      problems.push({
        kind: 'timestamp-entry-changed',
        where: msg('vp.ts-vouches', { where, seq: t.seq }),
        expected: t.hash,
        actual: stamped?.hash ?? msg('vp.ts.no-entry-before'),
      });
    }
    if (!archive.hasBlob(t.tokenSha256)) continue; // already reported as blob-missing
    const token = archive.blob(t.tokenSha256);
    const result = await verifyTimestampToken(token, Buffer.from(stampedBytesText(t.seq, t.hash), 'utf8'));
    const broken = result.checks.filter((c) => ESSENTIAL.has(c.name) && !c.ok);
    if (broken.length > 0) {
      problems.push({
        kind: 'timestamp-token-broken',
        where: msg('vp.ts-token', { where, token: t.tokenSha256.slice(0, 12) }),
        expected: msg('vp.ts.token.expected', { bytes: stampedBytesText(t.seq, t.hash) }),
        actual: joined(
          'text.clauses',
          broken.map((c) => msg('ts.check', { name: c.name, detail: c.detail })),
        ),
      });
    } else if (stamped !== undefined && stamped.hash === t.hash && result.genTime !== null) {
      held.push({ entrySeq: e.seq, stampedSeq: t.seq, genTime: result.genTime });
    }
  }
  return held.sort((a, b) => a.stampedSeq - b.stampedSeq);
}

/**
 * `report` before it writes: the room's stored originals parsed again must give its captures'
 * messages and save times, or the report would show what its own embedded originals contradict.
 */
export async function originalsDisagreeing(archive: Archive, roomId: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const captures = archive.entries().filter((e) => e.kind === 'capture' && e.roomId === roomId);
  const reparse = new OriginalsReparse(archive, captures);
  // In verify's capped thread when the originals are large: what the parse held goes with the
  // thread, before the report reads anything (1M messages × 3 captures: 434 → 299 MiB at its peak).
  await reparse.inThread();
  await reparse.collect();
  reparse.finish(problems);
  // The report prints each capture's save time as the export's own: it must be what its original says.
  problems.push(...saveTimeProblems(captures, reparse.originalFacts()), ...coverageProblems(captures, reparse.originalFacts()));
  return problems;
}
