/**
 * The "as of" time a capture states (`sourceSavedAt`, docs/design/evidence-model.md P12) held to
 * what it can be derived from. It decides which capture is a room's latest state, so it is checked,
 * never trusted: by `verify` on the archive (src/app/verify-saved-at.ts) and by `verify-report` on
 * a report's embedded originals and log (src/report/verify/saved-at.ts), the same way.
 */
import { msg, type Phrase } from '../../i18n/message.js';
import { epochToIso } from '../time.js';

/**
 * How much later than the capture's own import time (`capturedAt`, this computer's clock) a
 * server's `Date` may be. Generous on purpose: a computer whose clock is set hours wrong (a zone
 * set wrong under a hand-set clock) must not see its own genuine capture reported as changed, and
 * the bound is no stronger than `capturedAt`, which a consistent rewrite can change with it.
 * It catches a server time moved later without the import time. Stated in docs/hashing.md.
 */
export const SERVER_CLOCK_TOLERANCE_HOURS = 24;

/** What a capture entry states of its time, each fact as the payload holds it (the checked data). */
export interface StatedSaveTime {
  readonly sourceSavedAt: unknown;
  readonly capturedAt: unknown;
  readonly tz: unknown;
  /** The server's `Date` header `sync chatwork` keeps in the capture's meta (`meta.api.serverDate`). */
  readonly serverDate: unknown;
}

/** What the original, parsed again, says: the save time it states (null: none) and its newest message's time (null: none, or not asked). */
export interface OriginalSaveTime {
  readonly savedAt: string | null;
  readonly newest: string | null;
}

export interface SaveTimeFinding {
  readonly kind: 'capture-saved-at-differs' | 'capture-saved-at-after-capture' | 'capture-saved-at-before-messages';
  readonly expected: Phrase;
  readonly actual: Phrase;
}

/**
 * What the save time was derived from: the original's own words; the server's `Date` kept with a
 * sync capture (its body states none), held to the capture's import time and its newest message;
 * or nothing (the original states none, so the entry must state none).
 */
export type SaveTimeBasis = 'original' | 'server' | 'none';

export interface SaveTimeCheck {
  readonly basis: SaveTimeBasis;
  /** The save time the capture must state (null: none). */
  readonly expected: string | null;
  readonly findings: readonly SaveTimeFinding[];
}

/** The facts of a capture entry's payload (its `capture` object) this check reads. */
export function statedSaveTime(capture: Readonly<Record<string, unknown>>): StatedSaveTime {
  const meta = capture['meta'];
  const api = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['api'] : undefined;
  const serverDate = typeof api === 'object' && api !== null ? (api as Record<string, unknown>)['serverDate'] : undefined;
  return { sourceSavedAt: capture['sourceSavedAt'], capturedAt: capture['capturedAt'], tz: capture['tz'], serverDate };
}

/**
 * The capture's stated save time against its original's (`original`: null when the original is
 * not at hand, e.g. a private report). Where the original states one, the entry must state the
 * same instant; where it states none but the capture kept the server's `Date` of its answer, the
 * entry must state that, no later than its import time (+ the clock tolerance) and no earlier than
 * its newest message; otherwise the entry must state none. Null when nothing can be derived.
 */
export function checkSaveTime(stated: StatedSaveTime, original: OriginalSaveTime | null): SaveTimeCheck | null {
  const claimed =
    stated.sourceSavedAt === undefined ? null : typeof stated.sourceSavedAt === 'string' ? stated.sourceSavedAt : JSON.stringify(stated.sourceSavedAt);
  const server = serverTime(stated);
  if (original?.savedAt != null) return compared('original', original.savedAt, claimed, msg('asof.original.states', { at: original.savedAt }));
  if (server !== null) {
    const check = compared('server', server.at, claimed, msg('asof.server.states', { date: server.date, at: server.at }));
    return { ...check, findings: [...check.findings, ...serverBounds(server.at, stated.capturedAt, original?.newest ?? null)] };
  }
  if (original === null) return null;
  return compared('none', null, claimed, msg('asof.original.none'));
}

function compared(basis: SaveTimeBasis, expected: string | null, claimed: string | null, said: Phrase): SaveTimeCheck {
  const same = expected === claimed || (expected !== null && claimed !== null && sameInstant(expected, claimed));
  const actual = claimed === null ? msg('asof.entry.none') : msg('asof.entry.states', { at: claimed });
  return { basis, expected, findings: same ? [] : [{ kind: 'capture-saved-at-differs', expected: said, actual }] };
}

/** The server's `Date` kept with the capture, as the capture's zone writes it (src/app/sync-room.ts). */
export function serverTime(stated: StatedSaveTime): { date: string; at: string } | null {
  if (typeof stated.serverDate !== 'string' || typeof stated.tz !== 'string') return null;
  const ms = Date.parse(stated.serverDate);
  if (Number.isNaN(ms)) return null;
  try {
    return { date: stated.serverDate, at: epochToIso(Math.floor(ms / 1000), stated.tz) };
  } catch {
    return null; // a zone no one can read: the capture's zone is checked where it is used
  }
}

/** A server's word on its own clock is all a sync capture has: held to what the capture itself shows. */
function serverBounds(at: string, capturedAt: unknown, newest: string | null): SaveTimeFinding[] {
  const out: SaveTimeFinding[] = [];
  const t = Date.parse(at);
  const imported = typeof capturedAt === 'string' ? Date.parse(capturedAt) : Number.NaN;
  if (!Number.isNaN(imported) && t > imported + SERVER_CLOCK_TOLERANCE_HOURS * 3600_000)
    out.push({
      kind: 'capture-saved-at-after-capture',
      expected: msg('asof.bound.by-import', { capturedAt: String(capturedAt), hours: SERVER_CLOCK_TOLERANCE_HOURS }),
      actual: msg('asof.bound.server-says', { at }),
    });
  if (newest !== null && t < Date.parse(newest))
    out.push({
      kind: 'capture-saved-at-before-messages',
      expected: msg('asof.bound.after-newest', { newest }),
      actual: msg('asof.bound.server-says', { at }),
    });
  return out;
}

function sameInstant(a: string, b: string): boolean {
  const x = Date.parse(a);
  return !Number.isNaN(x) && x === Date.parse(b);
}
