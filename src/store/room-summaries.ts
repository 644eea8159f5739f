/** Each room with its number of captures and its newest one, as the rooms list shows them. */
import type Database from 'better-sqlite3';
import { roomCaptures } from './captures-read.js';
import type { RoomSummary } from './records.js';
import { ROOM_COLUMNS, roomRow } from './rows.js';

export function roomSummaries(sqlite: Database.Database): RoomSummary[] {
  const stats = sqlite
    .prepare(
      `SELECT room_id AS roomId, COUNT(*) AS n, MAX(captured_at) AS last
       FROM captures c GROUP BY room_id`,
    )
    .all() as { roomId: string; n: number; last: string }[];
  const byRoom = new Map(stats.map((s) => [s.roomId, s]));
  const rooms = sqlite.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms ORDER BY created_seq`).all().map(roomRow);
  return rooms.map((r) => {
    const s = byRoom.get(r.id);
    // The newest in "as of" order: an older export imported last does not speak for the room.
    const latest = s === undefined ? undefined : roomCaptures(sqlite, r.id).at(-1);
    return { ...r, captures: s?.n ?? 0, lastCapturedAt: s?.last ?? null, lastAsOf: latest?.asOf ?? null, lastCaptureMessages: latest?.messageCount ?? 0 };
  });
}
