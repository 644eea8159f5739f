/**
 * One pass of `sync chatwork` over the chosen rooms. Each room lands whole or not at all (its own
 * transaction), so when something fails half-way the rooms before it stay recorded; `progress`
 * says which were done and which were not.
 */
import type { Archive } from '../store/archive.js';
import { readRoomList } from '../sync/api-bodies.js';
import type { ChatworkClient } from '../sync/chatwork-client.js';
import { stopped } from '../sync/retry.js';
import { syncRoom } from './sync-room.js';
import type { RoomOutcome, RoomTarget } from './sync-types.js';

export interface SyncRequest {
  /** `--room` ids; empty: every room of GET /rooms, plus every archived Chatwork room missing from it. */
  readonly roomIds: readonly string[];
  readonly tz: string;
  readonly always: boolean;
  readonly downloadFiles: boolean;
}

/** Filled while the pass runs, so that a caller still knows what was done if it throws. */
export interface SyncProgress {
  planned: RoomTarget[];
  readonly done: RoomOutcome[];
  /** Called after each room, for progress lines. */
  readonly onRoom?: (outcome: RoomOutcome) => void;
}

export function newProgress(onRoom?: (outcome: RoomOutcome) => void): SyncProgress {
  return { planned: [], done: [], ...(onRoom ? { onRoom } : {}) };
}

export async function runSync(
  archive: Archive,
  client: ChatworkClient,
  request: SyncRequest,
  signal: AbortSignal,
  progress: SyncProgress,
): Promise<readonly RoomOutcome[]> {
  const rooms = await client.get('/rooms', [200, 204]);
  progress.planned = planRooms(archive, readRoomList(rooms.body), request.roomIds);
  const ctx = { archive, client, tz: request.tz, always: request.always, downloadFiles: request.downloadFiles, roomsBody: rooms.body };
  for (const target of progress.planned) {
    if (signal.aborted) throw stopped();
    const outcome = await syncRoom(ctx, target);
    progress.done.push(outcome);
    progress.onRoom?.(outcome);
  }
  return progress.done;
}

/**
 * Rooms to visit, in the order of GET /rooms. A deleted room, or one the user was removed from,
 * simply drops out of that list (docs/design/formats.md §2.4), so archived rooms missing from it are visited
 * too: their 403/404 is the fact worth recording.
 */
function planRooms(archive: Archive, listed: readonly { roomId: string; name: string }[], roomIds: readonly string[]): RoomTarget[] {
  const nameOf = new Map(listed.map((r) => [r.roomId, r.name]));
  const target = (externalId: string): RoomTarget => ({ externalId, listedName: nameOf.get(externalId) ?? null });
  if (roomIds.length > 0) return [...new Set(roomIds)].map(target);
  const archived = archive.rooms().flatMap((r) => (r.source === 'chatwork' && r.externalId !== null && !nameOf.has(r.externalId) ? [r.externalId] : []));
  return [...listed.map((r) => r.roomId), ...new Set(archived)].map(target);
}
