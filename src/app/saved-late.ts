import type { Warning } from '../core/types.js';
import { ZoneTime } from '../core/zone-time.js';
import { msg } from '../i18n/message.js';

/** A warning's code in `--json`: the input says it was saved after the moment it was read. */
export const SAVED_AFTER_IMPORT = 'saved-after-import';

/**
 * How far a stated save time may run ahead of this machine's clock before it is told: two clocks
 * a few minutes apart are ordinary; beyond that the save time was read in the wrong zone (LINE
 * writes 保存日時 in the phone's local time, with no zone) or the file does not say what it seems to.
 */
const CLOCK_SLACK_MS = 10 * 60_000;

/**
 * An export cannot have been saved after it was read. Its stated save time places the capture in
 * its room's history (docs/design/evidence-model.md P12), so one in the future would stand as the
 * room's newest state until a later export states a later time: the person is told before it is
 * stored, with the zone the time was read in and how to choose another.
 */
export function savedAfterReading(savedAt: string | null | undefined, line: number | null | undefined, tz: string, now: number = Date.now()): Warning | null {
  if (savedAt === null || savedAt === undefined) return null;
  const saved = Date.parse(savedAt);
  if (Number.isNaN(saved) || saved - now <= CLOCK_SLACK_MS) return null;
  const times = new ZoneTime(tz);
  return {
    line: line ?? null,
    code: SAVED_AFTER_IMPORT,
    message: msg('import.warn.saved-after-import', { savedAt: times.write(savedAt), now: times.write(new Date(now).toISOString()), tz }),
  };
}
