import type { HashedMessage } from '../core/types.js';
import type { ViewMessage } from '../core/diff/index.js';
import type { Archive } from '../store/archive.js';
import { IntegrityError } from '../core/errors.js';
import { leafHashInto } from '../core/merkle.js';
import { msg } from '../i18n/message.js';
import { listPieces } from '../store/lists/hash-lists.js';
import type { CaptureRecord, RoomRecord } from '../store/records.js';
import { stateMessagesAt, stateOrdsSent } from '../store/room-state/read.js';
import type { ProofsByCapture } from './assemble.js';
import { ordinalsOf } from './build.js';
import { collectReportSource } from './collect.js';
import type { ManifestProof } from './manifest.js';
import type { BuildOptions } from './options.js';
import { levelAuditPaths } from './proofs.js';
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
export function reportFromState(archive: Archive, room: RoomRecord, opts: BuildOptions): FromState | null {
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

  const check = new StateCheck(
    room.id,
    src.captures.map((c) => c.record),
    kept,
    inside,
    archive.messageReader(),
  );
  const wanted = sightingsByCapture(set);
  const proofs = new Map<string, Record<string, ManifestProof>>();
  // One buffer for every capture's tree, a level at a time (proofs.ts): 32 MB for a list of a million.
  const level = Buffer.allocUnsafe(Math.max(0, ...src.captures.map((c) => c.record.messageCount)) * 32);
  const newest = src.captures.length - 1;
  src.captures.forEach(({ record }, n) => {
    let scanned: ReturnType<StateCheck['scan']> | null = null;
    let disagreement: unknown = null;
    let leaves = 0;
    let bytes = 0;
    const fill = (piece: Buffer): void => {
      bytes += piece.length;
      for (let at = 0; at + 32 <= piece.length && leaves * 32 < level.length; at += 32) leafHashInto(piece, at, level, 32 * leaves++);
    };
    try {
      scanned = check.scan(n, listPieces(archive.sqlite, record.id), wanted.get(record.id) ?? new Set(), fill);
    } catch (e) {
      disagreement = e;
    }
    // The list is checked against its capture's root first: a changed list is damage, not a stale state.
    const whole = bytes % 32 === 0 && bytes / 32 === record.messageCount;
    const sighted = whole ? (scanned?.found ?? new Map<string, number>()) : new Map<string, number>();
    const { root, paths } = levelAuditPaths(level, leaves, sighted.values());
    checkList(record, whole ? leaves : bytes / 32, root);
    if (disagreement !== null) throw disagreement;
    if (n === newest && scanned !== null && scanned.low !== -1) check.leftOut(n, listPieces(archive.sqlite, record.id), scanned.low, scanned.high);
    if (sighted.size === 0) return;
    const out: Record<string, ManifestProof> = {};
    for (const [hash, index] of sighted) out[hash] = paths.get(index)!;
    proofs.set(record.id, out);
  });
  check.finish();
  return { src, set, proofs };
}

/** The stored list (`size` hashes, giving `root`) must give the root and count its capture states (as `Archive.checkedCaptureMessages` holds it). */
function checkList(record: CaptureRecord, size: number, root: string): void {
  if (root === record.merkleRoot && size === record.messageCount) return;
  throw new IntegrityError(
    msg('integrity.list-changed', {
      capture: record.id,
      expected: `root ${record.merkleRoot} over ${record.messageCount} messages`,
      actual: `root ${root} over ${size} messages`,
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
