import { UsageError } from '../core/errors.js';
import type { RoomRecord } from './records.js';

const MIN_PREFIX = 6;

/** cli-contract.md: ROOM is the room id, a unique prefix of it (≥ 6 chars), or its exact title. */
export function pickRoom(rooms: readonly RoomRecord[], arg: string): RoomRecord {
  const byId = rooms.find((r) => r.id === arg);
  if (byId) return byId;
  const byTitle = rooms.filter((r) => r.title === arg);
  const byPrefix = arg.length >= MIN_PREFIX ? rooms.filter((r) => r.id.startsWith(arg)) : [];
  const candidates = [...new Map([...byTitle, ...byPrefix].map((r) => [r.id, r])).values()];
  if (candidates.length === 1) return candidates[0]!;
  const list = (rs: readonly RoomRecord[]): string => rs.map((r) => `  ${r.id}  ${r.source}  ${r.title}`).join('\n');
  if (candidates.length > 1) {
    throw new UsageError(`"${arg}" matches more than one room:\n${list(candidates)}`, { hint: 'Name the room by its id (or a longer id prefix).' });
  }
  const known = rooms.length === 0 ? '  (the archive has no rooms yet)' : list(rooms);
  const short = arg.length < MIN_PREFIX && rooms.some((r) => r.id.startsWith(arg)) ? ` An id prefix needs at least ${MIN_PREFIX} characters.` : '';
  throw new UsageError(`No room "${arg}" in the archive.${short} Rooms:\n${known}`, { hint: 'Run `chatproof rooms` to list rooms.' });
}
