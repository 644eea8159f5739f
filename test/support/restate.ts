/**
 * A consistent rewrite of capture entries, as the archive's owner could make one: the triggers
 * dropped, each capture's payload changed by `change`, and every entry hash after it recomputed.
 * The kept room state is dropped too (derived data: chatproof builds it again from the captures).
 * Nothing but what a re-derivation from the originals finds can tell it from a genuine archive.
 */
import Database from 'better-sqlite3';
import { canonicalJson } from '../../src/core/canonical.js';
import { entryHash } from '../../src/store/entry-hash.js';
import { T } from '../../src/store/room-state/tables.js';

type Row = { seq: number; kind: string; at: string; roomId: string | null; payload: string };

export function restateCaptures(db: string, change: (capture: Record<string, unknown>, n: number) => void): void {
  const sqlite = new Database(db);
  try {
    for (const name of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) sqlite.exec(`DROP TRIGGER ${name}`);
    for (const table of Object.values(T)) sqlite.exec(`DROP TABLE IF EXISTS ${table}`);
    const log = sqlite.prepare('SELECT seq, kind, at, room_id AS roomId, payload FROM log ORDER BY seq').all() as Row[];
    let prev: string | null = null;
    let n = 0;
    for (const e of log) {
      const payload = JSON.parse(e.payload) as Record<string, Record<string, unknown>>;
      if (e.kind === 'capture') change(payload['capture']!, ++n);
      if (e.kind === 'capture') mirrorCoverage(sqlite, payload['capture']!);
      const hash = entryHash({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prevHash: prev, payload });
      sqlite.prepare('UPDATE log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(canonicalJson(payload), prev, hash, e.seq);
      prev = hash;
    }
  } finally {
    sqlite.close();
  }
}

/** The captures row keeps the entry's window in its own columns, checked against the entry: the rewrite keeps them equal. */
function mirrorCoverage(sqlite: Database.Database, capture: Record<string, unknown>): void {
  const { kind, from, to } = capture['coverage'] as Record<string, unknown>;
  sqlite.prepare('UPDATE captures SET coverage_kind = ?, coverage_from = ?, coverage_to = ? WHERE id = ?').run(kind, from, to, capture['id']);
}
