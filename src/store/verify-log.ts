import type Database from 'better-sqlite3';
import { msg } from '../i18n/message.js';
import { canonicalJson } from '../core/canonical.js';
import { entryHash } from './entry-hash.js';
import type { Problem } from './verify-types.js';
import { ENTRY_COLUMNS } from './rows.js';

interface Row {
  seq: number;
  kind: string;
  at: string;
  roomId: string | null;
  payload: string;
  prevHash: string | null;
  hash: string;
}

export interface CheckedEntry {
  readonly seq: number;
  readonly kind: string;
  readonly roomId: string | null;
  readonly payload: Record<string, unknown> | null;
  /** A finding was already made about this entry: rows that restate it are not blamed again. */
  readonly damaged: boolean;
}

/**
 * Recomputes every entry hash and link (docs/design/evidence-model.md P4). Attribution is careful so that one changed column
 * gives one finding: a link is accepted if it matches either the stored or the recomputed hash of
 * the entry before (so a changed `hash` column blames only its own row), and an entry whose `seq`
 * was moved is recognised by re-hashing it at the seq that went missing.
 */
export function verifyLog(sqlite: Database.Database, problems: Problem[]): CheckedEntry[] {
  const rows = sqlite.prepare(`SELECT ${ENTRY_COLUMNS} FROM log ORDER BY seq`).all() as Row[];
  const parsed = rows.map((r) => ({ row: r, payload: parsePayload(r.payload), seq: r.seq }));
  const recompute = (r: Row, payload: unknown, seq = r.seq): string =>
    entryHash({ seq, kind: r.kind, at: r.at, roomId: r.roomId, prevHash: r.prevHash, payload });

  // A moved entry's true seq is at most the row count, so only gaps up to there are candidates.
  const present = new Set(rows.map((r) => r.seq));
  const candidates: number[] = [];
  for (let s = 1; s <= rows.length; s++) if (!present.has(s)) candidates.push(s);

  const results = parsed.map((p) => {
    const actual = p.payload === undefined ? null : recompute(p.row, p.payload);
    let seq = p.seq;
    if (actual !== p.row.hash && p.payload !== undefined) {
      const moved = candidates.find((g) => recompute(p.row, p.payload, g) === p.row.hash);
      if (moved !== undefined) {
        problems.push({ kind: 'entry-seq-changed', where: msg('vp.log-entry.stored-as', { seq: p.seq }), expected: `seq ${moved}`, actual: `seq ${p.seq}` });
        seq = moved;
        candidates.splice(candidates.indexOf(moved), 1);
        return { ...p, seq, recomputed: p.row.hash, explained: true };
      }
    }
    return { ...p, seq, recomputed: actual, explained: false };
  });
  results.sort((a, b) => a.seq - b.seq);
  const seen = new Set(results.map((r) => r.seq));
  const last = results.length > 0 ? results[results.length - 1]!.seq : 0;
  if (last - results.length > 100) {
    problems.push({
      kind: 'entry-missing',
      where: msg('vp.log-entries', { last }),
      expected: msg('vp.entries', { n: last }),
      actual: msg('vp.entries', { n: results.length }),
    });
  } else {
    for (let g = 1; g < last; g++)
      if (!seen.has(g))
        problems.push({ kind: 'entry-missing', where: msg('vp.log-entry.plain', { seq: g }), expected: msg('vp.an-entry'), actual: msg('vp.removed') });
  }

  const damaged = new Set<number>();
  results.forEach((cur, i) => {
    if (cur.explained) return;
    const before = problems.length;
    check(cur, i);
    if (problems.length > before) damaged.add(cur.seq);
  });
  function check(cur: (typeof results)[number], i: number): void {
    const where = msg('vp.log-entry', { seq: cur.seq, kind: cur.row.kind });
    if (cur.payload === undefined) {
      problems.push({ kind: 'entry-unreadable', where, expected: msg('vp.json-payload'), actual: cur.row.payload.slice(0, 80) });
      return;
    }
    const prev = i > 0 ? results[i - 1]! : null;
    const gapBefore = prev !== null && prev.seq !== cur.seq - 1;
    const linkOk = prev === null ? cur.row.prevHash === null : gapBefore || cur.row.prevHash === prev.row.hash || cur.row.prevHash === prev.recomputed;
    const contentOk = cur.recomputed === cur.row.hash;
    if (!contentOk && !linkOk) {
      problems.push({ kind: 'entry-prev-changed', where, expected: prev?.row.hash ?? 'null', actual: cur.row.prevHash ?? 'null' });
    } else if (!contentOk) {
      problems.push({ kind: 'entry-hash-mismatch', where, expected: cur.recomputed ?? '', actual: cur.row.hash });
    } else if (!linkOk) {
      problems.push({ kind: 'chain-broken', where, expected: `prev = ${prev?.row.hash ?? 'null'}`, actual: `prev = ${cur.row.prevHash ?? 'null'}` });
    } else if (canonicalJson(cur.payload) !== cur.row.payload) {
      problems.push({ kind: 'entry-not-canonical', where, expected: canonicalJson(cur.payload), actual: cur.row.payload });
    }
  }
  return results.map((r) => ({
    seq: r.seq,
    kind: r.row.kind,
    roomId: r.row.roomId,
    payload: (r.payload ?? null) as Record<string, unknown> | null,
    damaged: r.explained || damaged.has(r.seq),
  }));
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
