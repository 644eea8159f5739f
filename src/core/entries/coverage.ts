/**
 * The window a capture covers (`coverage.from`/`coverage.to`): the rule that makes it, shared by
 * the import (src/store/message-rows.ts `MessageEncoder`) and by the checks that derive it again
 * from the original — `verify` on the archive (src/app/verify-coverage.ts) and `verify-report` on a
 * report's embedded originals (src/report/verify/coverage.ts). Coverage decides what a missing
 * message means (deleted, or not covered: src/core/diff/), so it is checked, never trusted.
 * `coverage.kind` is not derived: `import --coverage` may set it against what the parser says.
 */
import { msg, type Phrase } from '../../i18n/message.js';
import { isoBefore } from '../time.js';

/**
 * The earliest and the newest of the message times it is given, as written, compared as instants
 * (offsets differ across a DST change). Messages come mostly in order: one comparison each then.
 */
export class CoverageSpan {
  from: string | null = null;
  /** The newest message's time (the window before `end` widens it). */
  newest: string | null = null;

  add(at: string): void {
    if (this.newest === null) this.from = this.newest = at;
    else if (isoBefore(this.newest, at)) this.newest = at;
    else if (isoBefore(at, this.from!)) this.from = at;
  }

  window(end: string | null | undefined): { from: string | null; to: string | null } {
    return coverageWindow(this, end);
  }
}

/** The window of messages spanning `from`…`newest`: its end widened to the time up to which the source says it is complete (`end`), if that is later. */
export function coverageWindow(
  span: { readonly from: string | null; readonly newest: string | null },
  end: string | null | undefined,
): { from: string | null; to: string | null } {
  const to = end != null && (span.newest === null || isoBefore(span.newest, end)) ? end : span.newest;
  return { from: span.from, to };
}

/**
 * What an original, parsed again, says of its capture's window: its messages' earliest and newest
 * times, and the time up to which it says it is complete (`end`: LINE's 保存日時; null: none).
 */
export interface OriginalSpan {
  readonly from: string | null;
  readonly newest: string | null;
  readonly end: string | null;
}

export interface CoverageFinding {
  readonly kind: 'capture-coverage-differs';
  /** Which end of the window. */
  readonly side: 'from' | 'to';
  readonly expected: Phrase;
  readonly actual: Phrase;
}

/**
 * The window a capture entry states (`coverage`, as its payload holds it) against the one its
 * original gives by the import's rule. `serverAt` is the server's `Date` a sync capture kept (its
 * answer's body states no end: src/core/entries/saved-at.ts `serverTime`), checked there.
 */
export function checkCoverage(stated: unknown, original: OriginalSpan, serverAt: string | null): CoverageFinding[] {
  const cov = typeof stated === 'object' && stated !== null && !Array.isArray(stated) ? (stated as Record<string, unknown>) : {};
  const expected = coverageWindow(original, original.end ?? serverAt);
  const findings: CoverageFinding[] = [];
  if (!same(expected.from, cov['from']))
    findings.push({
      kind: 'capture-coverage-differs',
      side: 'from',
      expected: expected.from === null ? msg('cov.none') : msg('cov.from.first', { at: expected.from }),
      actual: stating(cov['from']),
    });
  if (!same(expected.to, cov['to'])) {
    const said =
      expected.to === null
        ? msg('cov.none')
        : expected.to !== original.newest
          ? original.end !== null
            ? msg('cov.to.saved', { at: expected.to })
            : msg('cov.to.server', { at: expected.to })
          : msg('cov.to.newest', { at: expected.to });
    findings.push({ kind: 'capture-coverage-differs', side: 'to', expected: said, actual: stating(cov['to']) });
  }
  return findings;
}

function stating(value: unknown): Phrase {
  if (value === null || value === undefined) return msg('cov.entry.none');
  return msg('cov.entry.states', { at: typeof value === 'string' ? value : JSON.stringify(value) });
}

/** The same time, in any offset (a rewrite to another offset changes nothing the window decides). */
function same(expected: string | null, stated: unknown): boolean {
  if (expected === null || stated == null) return expected === (stated ?? null);
  if (typeof stated !== 'string') return false;
  const x = Date.parse(expected);
  return expected === stated || (!Number.isNaN(x) && x === Date.parse(stated));
}
