/**
 * Faults are facts (docs/sync.md): a room that answers 403 (deleted, or the user removed; docs/design/formats.md
 * §2.4) or 404 is recorded as an observation, and the room's archive stays as it was.
 */
import { sha256Hex } from '../core/hash.js';
import { nowIso } from '../core/time.js';
import type { ApiResponse } from '../sync/chatwork-client.js';
import { previousState } from './sync-room-state.js';
import type { RoomOutcome, RoomTarget, SyncContext } from './sync-types.js';
import { observationPayload, ROOM_UNREACHABLE } from '../core/entries/observation.js';

/**
 * The observation keeps Chatwork's answer and this run's rooms list as blobs. A room that keeps
 * giving the same answer adds nothing more; a room never archived has nothing to attach it to.
 */
export function unreachable(ctx: SyncContext, base: Omit<RoomOutcome, 'status'>, target: RoomTarget, res: ApiResponse): RoomOutcome {
  const detail = errorsOf(res.body);
  const outcome = { ...base, status: 'unreachable' as const, refusal: { status: res.status, detail } };
  if (base.room === null) return outcome;
  const before = previousState(ctx.archive, base.room.id).unreachable;
  if (before !== null && before.status === res.status) return { ...outcome, entry: before.entry };
  const blobs = [res.body, ctx.roomsBody];
  const entry = ctx.archive.append(
    'observation',
    base.room.id,
    observationPayload({
      what: ROOM_UNREACHABLE,
      source: 'chatwork-api',
      request: res.request,
      status: res.status,
      detail,
      at: nowIso(),
      listedInRooms: target.listedName !== null,
      bodyBlob: sha256Hex(res.body),
      roomsBlob: sha256Hex(ctx.roomsBody),
    }),
    blobs,
  );
  return { ...outcome, entry };
}

/** Chatwork's `{"errors": [...]}` as one line (the full body is kept as a blob). */
function errorsOf(body: Uint8Array): string {
  const text = Buffer.from(body).toString('utf8');
  try {
    const errors = (JSON.parse(text) as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return errors.map(String).join('; ');
  } catch {
    // Not JSON: the text itself says what happened.
  }
  return text.slice(0, 300);
}
