import { checkCoverage, type OriginalSpan } from '../../core/entries/coverage.js';
import { serverTime, statedSaveTime } from '../../core/entries/saved-at.js';
import { msg } from '../../i18n/message.js';
import type { ManifestCapture } from '../manifest.js';
import { check, field, type Check, type Evidence } from './check.js';

/**
 * The window the report's log states for a capture (`coverage.from`/`coverage.to`: it decides
 * whether a missing message reads "deleted" or "not covered") against the one its embedded
 * original, parsed again, gives by the import's rule (src/core/entries/coverage.ts). Pages
 * re-rendered from a forged log reproduce byte for byte, so this is compared on its own; a
 * private report carries no original, so nothing is said there.
 */
export function checkCoverageOf(ev: Evidence, c: ManifestCapture, original: OriginalSpan): Check[] {
  const capture = field(ev.entries.get(c.entrySeq)?.payload, 'capture');
  if (typeof capture !== 'object' || capture === null || Array.isArray(capture)) return []; // the capture's entry check says so
  const stated = capture as Record<string, unknown>;
  const findings = checkCoverage(stated['coverage'], original, serverTime(statedSaveTime(stated))?.at ?? null);
  const shown = (side: 'from' | 'to'): string => {
    const at = field(stated, 'coverage', side);
    return typeof at === 'string' ? at : '—';
  };
  return [
    check(
      msg('cov.name', { id: c.id }),
      findings.map((f) => msg(f.side === 'from' ? 'cov.finding.from' : 'cov.finding.to', { expected: f.expected, actual: f.actual })),
      msg('cov.ok', { from: shown('from'), to: shown('to') }),
      msg('cov.rests'),
    ),
  ];
}
