import type { Coverage } from '../types.js';
import { classify, classifySides, OUTCOME_TYPES, type Outcome } from './classify.js';
import type { BeforeItem } from './pairs.js';
import { isDeletionMark } from './removal.js';
import type { BeforeSide, CompareSide } from './sides.js';
import type { ArchiveView, CaptureView, Change, ChangeCounts, ChangeType } from './types.js';

/**
 * What changed from one capture to a later one of the same room (`chatproof diff`). Every message
 * of both captures appears in exactly one change; a message of `before` missing from `after` is
 * `deleted` only where `after`'s coverage includes it, else `notCovered` (docs/design/evidence-model.md P6).
 */
export function compareCaptures(before: CaptureView, after: CaptureView): Change[] {
  const items = before.messages.map((message) => ({ message, gone: false }));
  return toChanges(items, after, classify(items, after));
}

/**
 * `compareCaptures` over sides (core/diff/sides.ts), keeping only the changes of the types
 * `wanted` names: `diff` reports neither `unchanged` nor `notCovered`, so of a million messages it
 * reads whole only those that changed.
 */
export function compareSides(before: BeforeSide, after: CompareSide, coverage: Coverage, wanted: (type: ChangeType) => boolean): Change[] {
  const changes: Change[] = [];
  const outcomes = classifySides(before, after, coverage);
  for (let k = 0; k < outcomes.length; k++) {
    const type = OUTCOME_TYPES[outcomes.type[k]!]!;
    if (type === 'stillGone' || !wanted(type)) continue;
    const b = outcomes.before[k]!;
    const a = outcomes.after[k]!;
    changes.push({ type, before: b === -1 ? null : before.message(b), after: a === -1 ? null : after.message(a) });
  }
  return changes;
}

/** The changes `diff` reports: what happened, not what stayed or was out of view. */
export function isReported(type: ChangeType): boolean {
  return type !== 'unchanged' && type !== 'notCovered';
}

/**
 * What a new capture changes in the archive view built from the room's earlier captures: this is
 * `import`'s `changes`. It compares with each message as last seen (`current`), so an edit or an
 * unsend already recorded is not reported again, and a message the view holds as deleted is not
 * reported again while it stays missing (it shows up as `unchanged` if it comes back).
 */
export function compareWithView(view: ArchiveView, after: CaptureView): Change[] {
  const items = viewItems(view);
  return toChanges(items, after, classify(items, after));
}

export function viewItems(view: ArchiveView): BeforeItem[] {
  // A message deleted by the source's mark is still listed: it must pair with the mark again.
  return view.messages.map((m) => ({ message: m.current, gone: m.status === 'deleted' && !isDeletionMark(m.current) }));
}

export function countChanges(changes: readonly Change[]): ChangeCounts {
  const counts = { added: 0, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 };
  for (const change of changes) counts[change.type]++;
  return counts;
}

function toChanges(items: readonly BeforeItem[], after: CaptureView, outcomes: readonly Outcome[]): Change[] {
  const changes: Change[] = [];
  for (const o of outcomes) {
    if (o.type === 'stillGone') continue;
    changes.push({ type: o.type, before: o.before === null ? null : items[o.before]!.message, after: o.after === null ? null : after.messages[o.after]! });
  }
  return changes;
}
