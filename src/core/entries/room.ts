/** The `room` entry: a room comes into the archive (its first capture, or a sync that found it). */
import type { Source } from '../types.js';
import { obj, problem, str, value, type Read } from './read.js';

export interface RoomFacts {
  readonly id: string;
  readonly source: Source;
  readonly externalId: string | null;
  readonly title: string;
}

export type RoomPayload = {
  readonly room: RoomFacts;
};

export function roomPayload(room: RoomFacts): RoomPayload {
  return { room: { id: room.id, source: room.source, externalId: room.externalId, title: room.title } };
}

export function readRoom(payload: Readonly<Record<string, unknown>>): Read<RoomFacts> {
  const r = obj(payload['room']);
  const id = str(r?.['id']);
  const source = str(r?.['source']);
  const title = str(r?.['title']);
  const externalId = r?.['externalId'];
  if (r === null || id === null || source === null || title === null || (externalId !== null && typeof externalId !== 'string'))
    return problem('a room entry without id, source, externalId and title');
  return value({ id, source: source as Source, externalId, title });
}

/** Each fact of a room entry exactly as the payload states it, checked for nothing. */
export type RoomStatement = { readonly [K in keyof RoomFacts]: unknown };

/**
 * The tolerant reader, for `verify`: it compares every stated fact with its `rooms` column, so a
 * wrong fact must reach it to be blamed on that one column, not make the whole entry unreadable
 * (test/store/tamper.test.ts). A problem only when the payload holds no room at all.
 */
export function readRoomStatement(payload: Readonly<Record<string, unknown>>): Read<RoomStatement> {
  const r = obj(payload['room']);
  if (r === null) return problem('an entry without a room');
  return value({ id: r['id'], source: r['source'], externalId: r['externalId'], title: r['title'] });
}
