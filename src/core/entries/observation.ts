/**
 * The `observation` entry: a fact the tool saw about a room, such as Chatwork answering 403 for a
 * room that was archived. Chatwork's answer and the rooms list of that run are kept as blobs.
 */
import { num, obj, problem, str, value, type Read } from './read.js';

/** The `what` of the observation a sync writes when an archived room answers 403/404. */
export const ROOM_UNREACHABLE = 'room-unreachable';

export interface ObservationFacts {
  readonly what: string;
  readonly source: string;
  readonly request: string;
  readonly status: number;
  readonly detail: string;
  readonly at: string;
  readonly listedInRooms: boolean;
  readonly bodyBlob: string;
  readonly roomsBlob: string;
}

export type ObservationPayload = {
  readonly observation: ObservationFacts;
  readonly blobs: readonly string[];
};

export function observationPayload(o: ObservationFacts): ObservationPayload {
  return { observation: { ...o }, blobs: [o.bodyBlob, o.roomsBlob] };
}

/** What any observation says, for a person: its `what`, and the status and detail when it has them. */
export interface ObservationSummary {
  readonly what: string;
  readonly status: number | null;
  readonly detail: string | null;
}

export function readObservation(payload: Readonly<Record<string, unknown>>): Read<ObservationSummary> {
  const o = obj(payload['observation']);
  const what = str(o?.['what']);
  if (o === null || what === null) return problem('an observation entry without its what');
  return value({ what, status: num(o['status']), detail: str(o['detail']) });
}
