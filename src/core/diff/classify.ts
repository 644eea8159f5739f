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

/** Outcome types as `Outcomes.type` holds them. */
export const OUTCOME_TYPES = ['added', 'unchanged', 'edited', 'unsent', 'deleted', 'notCovered', 'stillGone'] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];
const CODE: Readonly<Record<OutcomeType, number>> = { added: 0, unchanged: 1, edited: 2, unsent: 3, deleted: 4, notCovered: 5, stillGone: 6 };

/**
 * The outcomes in order, as three numbers each (-1 for no index): a million of them as objects
 * were ~40 MB held through a comparison (docs/performance.md).
 */
export interface Outcomes {
  readonly length: number;
  readonly type: Uint8Array;
  readonly before: Int32Array;
  readonly after: Int32Array;
}

export function outcomeAt(o: Outcomes, k: number): Outcome {
  const b = o.before[k]!;
  const a = o.after[k]!;
  return { type: OUTCOME_TYPES[o.type[k]!]!, before: b === -1 ? null : b, after: a === -1 ? null : a } as Outcome;
}

/**
 * Aligns, classifies and orders: the later capture's order, with each message that has no partner
 * placed just after the message that preceded it in the earlier state.
 */
export function classify(before: readonly BeforeItem[], after: CaptureView): Outcome[] {
  const o = classifySides(itemsSide(before), messagesSide(after.messages), after.coverage);
  return Array.from({ length: o.length }, (_, k) => outcomeAt(o, k));
}

/** `classify` over sides that may hold little more than hashes: only messages whose hashes found no partner are read whole. */
export function classifySides(before: BeforeSide, after: CompareSide, coverage: Coverage): Outcomes {
  const { beforePartner, afterPartner } = align(before, after);
  const bounds = coverageBounds(coverage);
  let firstPaired = -1;
  let lastPaired = -1;
  let unpaired = 0;
  beforePartner.forEach((a, b) => {
    if (a === -1) return void unpaired++;
    if (firstPaired === -1) firstPaired = b;
    lastPaired = b;
  });

  // Each unpaired message of `before` goes right after after[slot - 1] (slot 0: first of all).
  // Slots only grow with b, so the unpaired come in slot order and merge in with one pointer.
  const slotOf = new Int32Array(unpaired);
  const lone = new Int32Array(unpaired);
  const loneType = new Uint8Array(unpaired);
  let slot = -1;
  let u = 0;
  for (let b = 0; b < before.length; b++) {
    const a = beforePartner[b]!;
    if (a !== -1) {
      slot = Math.max(slot, a);
      continue;
    }
    const anchors = { shownBefore: b > firstPaired && firstPaired !== -1, shownAfter: b < lastPaired };
    loneType[u] = before.gone(b) || before.deletionMark(b) ? CODE.stillGone : isCovered(before.instant(b), bounds, anchors) ? CODE.deleted : CODE.notCovered;
    lone[u] = b;
    slotOf[u++] = slot + 1;
  }

  const n = after.length + unpaired;
  const out: Outcomes = { length: n, type: new Uint8Array(n), before: new Int32Array(n), after: new Int32Array(n) };
  let k = 0;
  u = 0;
  const push = (type: number, b: number, a: number): void => {
    out.type[k] = type;
    out.before[k] = b;
    out.after[k++] = a;
  };
  const lonesAt = (at: number): void => {
    for (; u < unpaired && slotOf[u] === at; u++) push(loneType[u]!, lone[u]!, -1);
  };
  lonesAt(0);
  for (let a = 0; a < after.length; a++) {
    const b = afterPartner[a]!;
    if (b === -1) push(CODE.added, -1, a);
    // Equal hashes are the same canonical form: unchanged, without reading either message.
    else push(before.key(b) === after.key(a) ? CODE.unchanged : CODE[pairType(before.message(b), after.message(a))], b, a);
    lonesAt(a + 1);
  }
  return out;
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
