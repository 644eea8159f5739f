import { checkCoverage, type OriginalSpan } from '../core/entries/coverage.js';
import { serverTime, statedSaveTime } from '../core/entries/saved-at.js';
import { msg } from '../i18n/message.js';
import type { EntryRecord } from '../store/records.js';
import type { Problem } from '../store/verify-types.js';

/**
 * Every re-parsed capture's stated window (`coverage.from`/`coverage.to`) against the one its
 * original gives by the import's rule (src/core/entries/coverage.ts): an earlier `to` makes a
 * deletion read "not covered", a moved `from` invents one or hides one. A capture not re-parsed
 * (another parser version, an unreadable original: reported as such) is not checked here.
 */
export function coverageProblems(entries: readonly EntryRecord[], originals: ReadonlyMap<number, OriginalSpan>): Problem[] {
  const problems: Problem[] = [];
  for (const e of entries) {
    const original = originals.get(e.seq);
    const c = e.kind === 'capture' ? e.payload['capture'] : undefined;
    if (original === undefined || typeof c !== 'object' || c === null || Array.isArray(c)) continue; // the store's checks report it
    const capture = c as Record<string, unknown>;
    const serverAt = serverTime(statedSaveTime(capture))?.at ?? null;
    for (const f of checkCoverage(capture['coverage'], original, serverAt)) {
      const where = msg(f.side === 'from' ? 'cov.where.from' : 'cov.where.to', { id: String(capture['id']), seq: e.seq });
      problems.push({ kind: f.kind, where, expected: f.expected, actual: f.actual });
    }
  }
  return problems;
}
