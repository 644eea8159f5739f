import type { Coverage, HashedMessage } from '../types.js';
import { align } from './align.js';
import { coverageBounds, isCovered } from './coverage.js';
import type { BeforeItem } from './pairs.js';
import { removalStatus } from './removal.js';
import { itemsSide, messagesSide, type BeforeSide, type CompareSide } from './sides.js';
import type { CaptureView } from './types.js';

/**
 * The outcome for one message, by index into the earlier state (`before`) and the later capture
 * (`after`). `stillGone` is a message the view already held as deleted that is still missing: no
 * change to report, but the view keeps it; so is a message whose deletion mark (`[deleted]`) has
 * vanished too: its deletion was already seen. A `deleted` with an `after` is one the later
 * capture still lists, with the source's deletion mark in place of its text.
 */
export type Outcome =
  | { readonly type: 'added'; readonly before: null; readonly after: number }
  | { readonly type: 'unchanged' | 'edited' | 'unsent'; readonly before: number; readonly after: number }
  | { readonly type: 'deleted'; readonly before: number; readonly after: number | null }
  | { readonly type: 'notCovered' | 'stillGone'; readonly before: number; readonly after: null };

/**
 * Aligns, classifies and orders: the later capture's order, with each message that has no partner
 * placed just after the message that preceded it in the earlier state.
 */
export function classify(before: readonly BeforeItem[], after: CaptureView): Outcome[] {
  return classifySides(itemsSide(before), messagesSide(after.messages), after.coverage);
}

/** `classify` over sides that may hold little more than hashes: only messages whose hashes found no partner are read whole. */
export function classifySides(before: BeforeSide, after: CompareSide, coverage: Coverage): Outcome[] {
  const { beforePartner, afterPartner } = align(before, after);
  const bounds = coverageBounds(coverage);
  let firstPaired = -1;
  let lastPaired = -1;
  beforePartner.forEach((a, b) => {
    if (a === -1) return;
    if (firstPaired === -1) firstPaired = b;
    lastPaired = b;
  });

  // slots[k + 1]: the unpaired messages of `before` that go right after after.messages[k].
  const slots = new Map<number, Outcome[]>();
  let slot = -1;
  for (let b = 0; b < before.length; b++) {
    const a = beforePartner[b]!;
    if (a !== -1) {
      slot = Math.max(slot, a);
      continue;
    }
    const anchors = { shownBefore: b > firstPaired && firstPaired !== -1, shownAfter: b < lastPaired };
    const type = before.gone(b) || before.deletionMark(b) ? 'stillGone' : isCovered(before.instant(b), bounds, anchors) ? 'deleted' : 'notCovered';
    const list = slots.get(slot + 1);
    if (list === undefined) slots.set(slot + 1, [{ type, before: b, after: null }]);
    else list.push({ type, before: b, after: null });
  }

  const outcomes: Outcome[] = [...(slots.get(0) ?? [])];
  for (let a = 0; a < after.length; a++) {
    const b = afterPartner[a]!;
    if (b === -1) outcomes.push({ type: 'added', before: null, after: a });
    // Equal hashes are the same canonical form: unchanged, without reading either message.
    else outcomes.push({ type: before.key(b) === after.key(a) ? 'unchanged' : pairType(before.message(b), after.message(a)), before: b, after: a });
    const unpaired = slots.get(a + 1);
    if (unpaired !== undefined) for (const o of unpaired) outcomes.push(o);
  }
  return outcomes;
}

/**
 * What happened to a message that is in both states. Only what its author or the source changed
 * counts: the text, the kind, the source's own edit or deletion mark (Chatwork `update_time`, `[deleted]`). A sender's new
 * display name or another offset for the same time changes the hash but is not an edit.
 */
function pairType(b: HashedMessage, a: HashedMessage): 'unchanged' | 'edited' | 'unsent' | 'deleted' {
  if (a.kind === 'unsent') return b.kind === 'unsent' ? 'unchanged' : removalStatus(a);
  if (a.body === b.body && a.kind === b.kind && a.editedAt === b.editedAt) return 'unchanged';
  return 'edited';
}
