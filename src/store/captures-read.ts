/**
 * Captures as records: their rows, the facts their entries state, and their "as of" times
 * (src/core/entries/capture.ts `captureAsOf`), in the order a room's history follows.
 */
import type Database from 'better-sqlite3';
import { captureAsOf, inAsOfOrder } from '../core/entries/capture.js';
import type { CaptureRecord } from './records.js';
import { CAPTURE_COLUMNS, CAPTURE_STATED, CAPTURE_STATED_FROM, captureRow, type CaptureRow, type StatedCapture } from './rows.js';

function stated(sqlite: Database.Database, where: string, ...params: unknown[]): StatedCapture[] {
  return (
    sqlite
      .prepare(`SELECT ${CAPTURE_COLUMNS}, ${CAPTURE_STATED} FROM ${CAPTURE_STATED_FROM} WHERE ${where} ORDER BY c.entry_seq`)
      .all(...params) as CaptureRow[]
  ).map(captureRow);
}

/** The capture a re-parse names, wherever it is: looked up only for the rare capture that names one. */
function lookupIn(sqlite: Database.Database, known: ReadonlyMap<string, StatedCapture>): (id: string) => StatedCapture | undefined {
  return (id) => known.get(id) ?? stated(sqlite, 'c.id = ?', id)[0];
}

export function withAsOf(sqlite: Database.Database, c: StatedCapture, known: ReadonlyMap<string, StatedCapture> = new Map()): CaptureRecord {
  return { ...c, asOf: captureAsOf(c, lookupIn(sqlite, known)) };
}

/** A room's captures in "as of" order, ties in log order (docs/design/evidence-model.md P12). */
export function roomCaptures(sqlite: Database.Database, roomId: string): CaptureRecord[] {
  const rows = stated(sqlite, 'c.room_id = ?', roomId);
  const known = new Map(rows.map((r) => [r.id, r]));
  return inAsOfOrder(rows.map((r) => withAsOf(sqlite, r, known)));
}

/** Captures whose id is `id` or starts with it, in log order. */
export function capturesById(sqlite: Database.Database, id: string): CaptureRecord[] {
  return stated(sqlite, 'c.id = ? OR c.id LIKE ?', id, `${id}%`).map((r) => withAsOf(sqlite, r));
}
