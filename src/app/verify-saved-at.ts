import { checkSaveTime, statedSaveTime, type OriginalSaveTime } from '../core/entries/saved-at.js';
import { msg } from '../i18n/message.js';
import type { EntryRecord } from '../store/records.js';
import type { Problem } from '../store/verify-types.js';

/**
 * Every capture's stated save time (`sourceSavedAt`: its place in the room's history) against
 * what `verify`'s re-parse of its original says (src/core/entries/saved-at.ts): an entry rewritten
 * with the whole chain after it to make an old export look newest still contradicts the
 * original. A capture not re-parsed (another parser version, an unreadable original: reported
 * as such) is held only to the server's `Date` it kept, where it kept one.
 */
export function saveTimeProblems(entries: readonly EntryRecord[], originals: ReadonlyMap<number, OriginalSaveTime>): Problem[] {
  const problems: Problem[] = [];
  for (const e of entries) {
    const c = e.kind === 'capture' ? e.payload['capture'] : undefined;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) continue; // the store's checks report it
    const capture = c as Record<string, unknown>;
    const check = checkSaveTime(statedSaveTime(capture), originals.get(e.seq) ?? null);
    const where = msg('asof.where', { id: String(capture['id']), seq: e.seq });
    for (const f of check?.findings ?? []) problems.push({ kind: f.kind, where, expected: f.expected, actual: f.actual });
  }
  return problems;
}
