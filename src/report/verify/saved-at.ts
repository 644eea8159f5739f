import { checkSaveTime, SERVER_CLOCK_TOLERANCE_HOURS, statedSaveTime, type OriginalSaveTime } from '../../core/entries/saved-at.js';
import { msg, type Phrase } from '../../i18n/message.js';
import type { ManifestCapture } from '../manifest.js';
import { check, field, type Check, type Evidence } from './check.js';

/**
 * The save time the report's log states for a capture — the one its pages print as the export's
 * own — against what its embedded original, parsed again, says (`original`; null where the report
 * carries none, as a private one): re-rendering the pages from a forged log would reproduce them
 * byte for byte, so this is compared on its own (src/core/entries/saved-at.ts). Nothing is said
 * where nothing can be derived (a private report of a capture without a server time).
 */
export function checkSaveTimeOf(ev: Evidence, c: ManifestCapture, original: OriginalSaveTime | null): Check[] {
  const capture = field(ev.entries.get(c.entrySeq)?.payload, 'capture');
  if (typeof capture !== 'object' || capture === null || Array.isArray(capture)) return []; // the capture's entry check says so
  const result = checkSaveTime(statedSaveTime(capture as Record<string, unknown>), original);
  if (result === null) return [];
  const hours = SERVER_CLOCK_TOLERANCE_HOURS;
  const at = result.expected ?? '';
  const said: Phrase =
    result.basis === 'original'
      ? msg('asof.ok.original', { at })
      : result.basis === 'none'
        ? msg('asof.ok.none')
        : original === null
          ? msg('asof.ok.server-private', { at, hours })
          : msg('asof.ok.server', { at, hours });
  return [
    check(
      msg('asof.name', { id: c.id }),
      result.findings.map((f) => msg('asof.finding', { expected: f.expected, actual: f.actual })),
      said,
      msg('asof.rests'),
    ),
  ];
}
