import type { HashedMessage } from '../core/types.js';
import type { ViewMessage } from '../core/diff/index.js';
import type { Archive } from '../store/archive.js';
import { IntegrityError } from '../core/errors.js';
import { listRootHex } from '../core/merkle.js';
import { msg } from '../i18n/message.js';
import { readList } from '../store/lists/hash-lists.js';
import type { CaptureRecord, RoomRecord } from '../store/records.js';
import { stateMessagesAt, stateOrdsSent } from '../store/room-state/read.js';
import type { ProofsByCapture } from './assemble.js';
import { ordinalsOf } from './build.js';
import { collectReportSource } from './collect.js';
import type { ManifestProof } from './manifest.js';
import type { BuildOptions } from './options.js';
import { listAuditPaths } from './proofs.js';
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
  src.captures.forEach(({ record }, n) => {
    const list = readList(archive.sqlite, record.id);
    let sighted = new Map<string, number>();
    let disagreement: unknown = null;
    try {
      sighted = check.scan(n, list, wanted.get(record.id) ?? new Set());
    } catch (e) {
      disagreement = e;
    }
    // The list is checked against its capture's root first: a changed list is damage, not a stale state.
    const { root, paths } = sighted.size > 0 ? listAuditPaths(list, sighted.values()) : { root: listRootHex(list), paths: new Map<number, ManifestProof>() };
    checkList(record, list, root);
    if (disagreement !== null) throw disagreement;
    if (sighted.size === 0) return;
    const out: Record<string, ManifestProof> = {};
    for (const [hash, index] of sighted) out[hash] = paths.get(index)!;
    proofs.set(record.id, out);
  });
  check.finish();
  return { src, set, proofs };
}

/** The stored list must give the root and count its capture states (as `Archive.checkedCaptureMessages` holds it). */
function checkList(record: CaptureRecord, list: Buffer, root: string): void {
  const size = list.length / 32;
  if (root === record.merkleRoot && size === record.messageCount) return;
  throw new IntegrityError(
    msg('integrity.list-changed', {
      capture: record.id,
      expected: `root ${record.merkleRoot} over ${record.messageCount} messages`,
      actual: Number.isInteger(size) ? `root ${root} over ${size} messages` : 'a list of whole 32-byte hashes',
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
