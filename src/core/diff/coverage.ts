import type { Coverage } from '../types.js';
import { instantOf, precisionOf } from './instant.js';

/**
 * docs/design/evidence-model.md P6: a message missing from a later capture is "deleted" only if that capture covered the place
 * where it was. Everything else is "not covered". This module decides which, for one message.
 *
 * `full` covers the room from its start up to the capture's last message; `window` covers from its
 * first to its last message. Times are stated at the source's precision (a LINE "10:07" is some
 * moment in that minute), so a message is inside when it is inside for every moment its time and
 * the bounds can stand for. When it shares the boundary's minute that cannot be decided by time; it
 * is then decided by position: a message that came after (before) a message the later capture
 * still shows lies after the window's start (before its end).
 */
export interface CoverageBounds {
  readonly full: boolean;
  /** Instants of the first and last message; NaN when unknown (then nothing is covered). */
  readonly from: number;
  readonly to: number;
}

export function coverageBounds(coverage: Coverage): CoverageBounds {
  return {
    full: coverage.kind === 'full',
    from: coverage.from === null ? Number.NaN : instantOf(coverage.from),
    to: coverage.to === null ? Number.NaN : instantOf(coverage.to),
  };
}

/** Where a message stands relative to the messages the later capture still shows. */
export interface Anchors {
  /** Some message before it (in the earlier state's order) is still shown. */
  readonly shownBefore: boolean;
  /** Some message after it is still shown. */
  readonly shownAfter: boolean;
}

/**
 * Whether the message sent at `sentAt` (ms) lies inside the coverage. NaN anywhere compares
 * false, so an unreadable time is never covered.
 */
export function isCovered(sentAt: number, bounds: CoverageBounds, anchors: Anchors): boolean {
  return afterStart(sentAt, bounds, anchors) && beforeEnd(sentAt, bounds, anchors);
}

function afterStart(t: number, b: CoverageBounds, anchors: Anchors): boolean {
  if (b.full) return true;
  const fromWidth = precisionOf(b.from);
  if (t >= b.from + fromWidth) return true;
  const mayBeAfterStart = t + precisionOf(t) > b.from;
  return mayBeAfterStart && anchors.shownBefore;
}

function beforeEnd(t: number, b: CoverageBounds, anchors: Anchors): boolean {
  if (t + precisionOf(t) <= b.to) return true;
  const mayBeBeforeEnd = t < b.to + precisionOf(b.to);
  return mayBeBeforeEnd && anchors.shownAfter;
}
