/**
 * What the archive already knows of a Chatwork room, to decide whether a sync has anything new
 * to record: the latest capture (its Merkle root commits to the exact message list) and its
 * meta, and whether the room's last known state is "unreachable".
 */
import type { Archive } from '../store/archive.js';
import type { EntryRecord } from '../store/records.js';
import { type ChatworkFile, filesFromMeta } from '../sync/file-list.js';
import { readCapture } from '../core/entries/capture.js';
import { readObservation, ROOM_UNREACHABLE } from '../core/entries/observation.js';

export interface PreviousState {
  readonly merkleRoot: string | null;
  /** The latest capture's file list, null if it kept none (a file import, or an older capture). */
  readonly files: readonly ChatworkFile[] | null;
  /** The latest capture's `meta.messageLimitation` (null: the header was absent). */
  readonly messageLimitation: unknown;
  /** Set when the room's latest capture-or-unreachable event is an unreachable observation. */
  readonly unreachable: { readonly status: number; readonly entry: EntryRecord } | null;
}

export const NOTHING_KNOWN: PreviousState = { merkleRoot: null, files: null, messageLimitation: null, unreachable: null };

export function previousState(archive: Archive, roomId: string): PreviousState {
  const captures = archive.captures(roomId);
  const latest = captures[captures.length - 1];
  const captureEntry = latest === undefined ? undefined : archive.entry(latest.entrySeq);
  const read = captureEntry === undefined ? null : readCapture(captureEntry.payload);
  const meta = read?.ok ? read.value.meta : undefined;
  return {
    merkleRoot: latest?.merkleRoot ?? null,
    files: filesFromMeta(meta),
    messageLimitation: meta?.['messageLimitation'] ?? null,
    unreachable: lastUnreachable(archive.entries(roomId)),
  };
}

function lastUnreachable(entries: readonly EntryRecord[]): PreviousState['unreachable'] {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === 'capture') return null;
    const obs = e.kind === 'observation' ? readObservation(e.payload) : null;
    if (obs?.ok && obs.value.what === ROOM_UNREACHABLE && obs.value.status !== null) return { status: obs.value.status, entry: e };
  }
  return null;
}
