/**
 * The ROOM argument, one rule for every command (docs/design/cli-contract.md "ROOM"): the room's
 * id; else its exact title or a unique id prefix of at least MIN_PREFIX characters; else a unique
 * part of its title. Titles are compared after NFKC, so full- and half-width letters, digits and
 * spaces are alike (「株式会社ミライ」 finds 「株式会社ミライ　鈴木」). An argument that fits more
 * than one room at the first level that it fits is a usage error that lists them.
 */
import { UsageError } from '../core/errors.js';
import type { Archive } from '../store/archive.js';
import type { RoomRecord } from '../store/records.js';
import { msg } from '../i18n/message.js';

export const MIN_PREFIX = 6;

/** How far the rule reaches: `import --room` names a room it may create, so it never matches a part. */
export type RoomMatch = 'any' | 'whole';

/** A title as the rule compares it: NFKC, runs of white space as one space, no case. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/**
 * The room ROOM names among `rooms`, or null when it names none. Throws a UsageError listing the
 * candidates when it names more than one.
 */
export function matchRoom(rooms: readonly RoomRecord[], arg: string, reach: RoomMatch = 'any'): RoomRecord | null {
  const byId = rooms.find((r) => r.id === arg);
  if (byId) return byId;
  const key = titleKey(arg);
  const levels: ((r: RoomRecord) => boolean)[] = [(r) => r.title === arg || titleKey(r.title) === key || (arg.length >= MIN_PREFIX && r.id.startsWith(arg))];
  if (reach === 'any' && key !== '') levels.push((r) => titleKey(r.title).includes(key));
  for (const fits of levels) {
    const found = rooms.filter(fits);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) throw ambiguous(arg, found);
  }
  return null;
}

/** The room ROOM names in the archive; a UsageError that lists its rooms when it names none. */
export function findRoom(archive: Pick<Archive, 'rooms'>, arg: string): RoomRecord {
  return pickRoom(archive.rooms(), arg);
}

/** The room ROOM names among `rooms`; a UsageError that lists them when it names none. */
export function pickRoom(rooms: readonly RoomRecord[], arg: string): RoomRecord {
  const found = matchRoom(rooms, arg);
  if (found) return found;
  const hint = msg('usage.room-unknown.hint');
  if (rooms.length === 0) throw new UsageError(msg('usage.room-unknown.none', { arg }), { hint });
  const short = arg.length < MIN_PREFIX && rooms.some((r) => r.id.startsWith(arg));
  throw new UsageError(
    short ? msg('usage.room-unknown.short-prefix', { arg, min: MIN_PREFIX, rooms: list(rooms) }) : msg('usage.room-unknown', { arg, rooms: list(rooms) }),
    { hint },
  );
}

function ambiguous(arg: string, candidates: readonly RoomRecord[]): UsageError {
  return new UsageError(msg('usage.room-ambiguous', { arg, rooms: list(candidates) }), { hint: msg('usage.room-ambiguous.hint') });
}

function list(rooms: readonly RoomRecord[]): string {
  return rooms.map((r) => `  ${r.id}  ${r.source}  ${r.title}`).join('\n');
}
