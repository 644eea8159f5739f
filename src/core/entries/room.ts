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
  if (r === null || id === null || source === null || title === null || (externalId !== null && typeof externalId !== 'string')) return problem('a room entry without id, source, externalId and title');
  return value({ id, source: source as Source, externalId, title });
}
