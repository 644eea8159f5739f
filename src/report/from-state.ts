import type { HashedMessage } from '../core/types.js';
import type { ViewMessage } from '../core/diff/index.js';
import type { Archive } from '../store/archive.js';
import { IntegrityError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { listPieces } from '../store/lists/hash-lists.js';
import { listTrees, listTreesInThread, treePaths, TREES_THREAD_FROM, type ListTree, type TreeJob } from '../store/list-trees.js';
import type { CaptureRecord, RoomRecord } from '../store/records.js';
import { stateMessagesAt, stateOrdsSent } from '../store/room-state/read.js';
import type { ProofsByCapture } from './assemble.js';
import { ordinalsOf } from './build.js';
import { collectReportSource } from './collect.js';
import type { ManifestProof } from './manifest.js';
import type { BuildOptions } from './options.js';
import { rangeMillis, rangeMillisTest } from './range.js';
import { selectShown, type ShownSet } from './shown.js';
import type { ReportSource } from './source.js';
import { StateCheck } from './state-check.js';

/** A private report's parts as composeReport takes them: the source without messages, the shown set and its audit paths. */
export interface FromState {
  readonly src: ReportSource;
  readonly set: ShownSet;
  readonly proofs: ProofsByCapture;
}

/**
 * A private report (a date range, or `--private`) read from the room's kept state rather than by
 * folding every capture (issue 21 item 3): only the range's messages are read, each checked
 * against its hash, and each capture's stored list once, checked against its Merkle root, for the
 * audit paths the report carries. The state is derived data (docs/design/evidence-model.md, "The
 * kept room state"): what the report takes from it (which messages, their statuses, sightings and
 * versions) is checked against those lists before anything is written (state-check.ts), and a
 * disagreement is an IntegrityError. Null when the state cannot be kept (an archive on read-only
 * media) or does not hold exactly the report's captures: the caller folds them, as before.
 */
export async function reportFromState(archive: Archive, room: RoomRecord, opts: BuildOptions): Promise<FromState | null> {
  const inside = rangeMillisTest(opts.range);
  const { from, to } = rangeMillis(opts.range);
  const picked = stateOrdsSent(archive, room.id, from, to);
  if (picked === null) return null;
  const src = collectReportSource(archive, room, { withOriginals: false, withMessages: false });
  const ids = src.captures.map((c) => c.record.id);
  if (ids.length !== picked.captures.length || ids.some((id, i) => picked.captures[i] !== id)) return null;

  const versions = new Map<string, HashedMessage>();
  const read = archive.messageReader(versions, room.id);
  const kept = stateMessagesAt(archive, room.id, picked.captures, picked.ords, read);
  const set = selectShown({ captures: picked.captures, messages: kept, roomObservations: [] }, () => true, ordinalsOf(src), byHashOf(kept, read), room.source);

  const records = src.captures.map((c) => c.record);
  const check = new StateCheck(room.id, records, kept, inside, archive.messageReader());
  const wanted = sightingsByCapture(set);
  const scans = records.map((record, n) => {
    try {
      return check.scan(n, listPieces(archive.sqlite, record.id), wanted.get(record.id) ?? new Set());
    } catch (e) {
      return e;
    }
  });
  const jobs = records.map((record, n) => {
    const s = scans[n];
    return { captureId: record.id, leaves: record.messageCount, indices: s instanceof Error ? [] : [...(s as Scanned).found.values()] };
  });
  const trees = await treesOf(archive, jobs);
  // Each list is checked against its capture's root first: a changed list is damage, not a stale state.
  records.forEach((record, n) => checkList(record, trees[n]!));
  const disagreement = scans.find((s) => s instanceof Error);
  if (disagreement !== undefined) throw disagreement;
  const last = scans[scans.length - 1] as Scanned | undefined;
  if (last !== undefined && last.low !== -1)
    check.leftOut(records.length - 1, listPieces(archive.sqlite, records[records.length - 1]!.id), last.low, last.high);
  check.finish();

  const proofs = new Map<string, Record<string, ManifestProof>>();
  records.forEach((record, n) => {
    const found = (scans[n] as Scanned).found;
    if (found.size === 0) return;
    const paths = treePaths(trees[n]!);
    const out: Record<string, ManifestProof> = {};
    for (const [hash, index] of found) out[hash] = paths.get(index)!;
    proofs.set(record.id, out);
  });
  return { src, set, proofs };
}

type Scanned = ReturnType<StateCheck['scan']>;

/** The lists' trees, in a second thread when they are large (src/store/list-trees.ts). */
async function treesOf(archive: Archive, jobs: readonly TreeJob[]): Promise<ListTree[]> {
  const large = jobs.reduce((n, j) => n + j.leaves, 0) >= TREES_THREAD_FROM;
  return (large ? await listTreesInThread(archive.path, jobs) : null) ?? listTrees(archive.sqlite, jobs);
}

/** The stored list must give the root and count its capture states (as `Archive.checkedCaptureMessages` holds it). */
function checkList(record: CaptureRecord, tree: ListTree): void {
  if (tree.root === record.merkleRoot && tree.bytes === record.messageCount * 32) return;
  throw new IntegrityError(
    msg('integrity.list-changed', {
      capture: record.id,
      expected: `root ${record.merkleRoot} over ${record.messageCount} messages`,
      actual: `root ${tree.root} over ${tree.bytes / 32} messages`,
    }),
    { where: `captures row ${record.id}, its message list (its capture_list_roots row and the list_nodes under it)`, hint: msg('hint.run-verify') },
  );
}

/** Every version a shown message refers to, by hash (read, and so checked, once). */
function byHashOf(kept: readonly ViewMessage[], read: (hash: string) => HashedMessage): Map<string, HashedMessage> {
  const out = new Map<string, HashedMessage>();
  for (const m of kept) for (const hash of [...m.history.map((v) => v.hash), m.current.hash]) out.set(hash, read(hash));
  return out;
}

/** Capture id → the message hashes (hex) the report says it listed. */
function sightingsByCapture(set: ShownSet): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of set.sightings) {
    const here = out.get(s.capture);
    if (here === undefined) out.set(s.capture, new Set([s.hash]));
    else here.add(s.hash);
  }
  return out;
}
