import type { HashedMessage } from '../types.js';
import { classify, type Outcome } from './classify.js';
import { viewItems } from './compare.js';
import { instantOf } from './instant.js';
import { firstSightingStatus } from './removal.js';
import type { ArchiveView, CaptureView, ChangeCounts, HistoryEntry, MessageStatus, ViewMessage } from './types.js';

export const EMPTY_ARCHIVE_VIEW: ArchiveView = { captures: [], messages: [], roomObservations: [] };

/**
 * The archive view of a room (`chatproof show`): its captures folded in log order, each compared
 * with the view before it exactly as `import` reports it (`compareWithView`).
 */
export function buildArchiveView(captures: readonly CaptureView[]): ArchiveView {
  return captures.reduce(extendArchiveView, EMPTY_ARCHIVE_VIEW);
}

/** The view after one more capture; `buildArchiveView` is this, folded. */
export function extendArchiveView(view: ArchiveView, capture: CaptureView): ArchiveView {
  return stepArchiveView(view, capture).view;
}

/**
 * One step of the fold, with what a kept room state needs besides the view: for each message of
 * the new view, the index of the message of `view` it continues (null: first seen in `capture`),
 * and the changes `import` reports (`compareWithView`), from the same one comparison.
 */
export interface ViewStep {
  readonly view: ArchiveView;
  readonly from: readonly (number | null)[];
  readonly changes: ChangeCounts;
}

export function stepArchiveView(view: ArchiveView, capture: CaptureView): ViewStep {
  const items = viewItems(view);
  const outcomes = classify(items, capture);
  const changes = { added: 0, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 };
  for (const o of outcomes) if (o.type !== 'stillGone') changes[o.type]++;
  const messages = outcomes.map((o) =>
    nextState(
      o,
      (b) => view.messages[b]!,
      (a) => capture.messages[a]!,
      capture.id,
    ),
  );
  const order = timeOrder(Float64Array.from(messages, (m) => instantOf(m.sentAt)));
  return {
    view: { captures: [...view.captures, capture.id], messages: Array.from(order, (i) => messages[i]!), roomObservations: view.roomObservations },
    from: Array.from(order, (i) => outcomes[i]!.before),
    changes,
  };
}

/**
 * The message of the next view an outcome gives: `old` is the earlier view's message by index,
 * `seen` the capture's (`capture` its id).
 */
export function nextState(o: Outcome, old: (b: number) => ViewMessage, seen: (a: number) => HashedMessage, capture: string): ViewMessage {
  switch (o.type) {
    case 'added':
      return firstSighting(seen(o.after), capture);
    case 'unchanged':
    case 'edited':
    case 'unsent':
      return sighting(old(o.before), seen(o.after), capture);
    case 'deleted': {
      const was = old(o.before);
      if (o.after !== null) return sighting(was, seen(o.after), capture);
      return viewMessage(was, { ...was, status: 'deleted', statusAsOf: capture });
    }
    case 'notCovered': // keeps the status it had (docs/design/cli-contract.md, `show`)
    case 'stillGone':
      return old(o.before);
  }
}

function firstSighting(m: HashedMessage, capture: string): ViewMessage {
  const history = [versionOf(m, capture)];
  return viewMessage(m, { status: statusOf(m, history), firstSeen: capture, lastSeen: capture, statusAsOf: capture, history, current: m });
}

function sighting(old: ViewMessage, m: HashedMessage, capture: string): ViewMessage {
  const last = old.history[old.history.length - 1];
  const history = last !== undefined && last.body === m.body && last.kind === m.kind ? old.history : [...old.history, versionOf(m, capture)];
  // An unsend line or a deletion mark is not content: the view goes on showing what the message said before it.
  const content = m.kind === 'unsent' && old.kind !== 'unsent' ? old : m;
  return viewMessage(content, { status: statusOf(m, history), firstSeen: old.firstSeen, lastSeen: capture, statusAsOf: capture, history, current: m });
}

type ViewState = Pick<ViewMessage, 'status' | 'firstSeen' | 'lastSeen' | 'statusAsOf' | 'history' | 'current'>;

/** One literal with every field, not spreads: a view of 200k messages is rebuilt per capture (and read back from the kept room state). */
export function viewMessage(content: HashedMessage, state: ViewState): ViewMessage {
  return {
    hash: content.hash,
    kind: content.kind,
    sender: content.sender,
    senderId: content.senderId,
    sentAt: content.sentAt,
    body: content.body,
    externalId: content.externalId,
    editedAt: content.editedAt,
    status: state.status,
    firstSeen: state.firstSeen,
    lastSeen: state.lastSeen,
    statusAsOf: state.statusAsOf,
    history: state.history,
    current: state.current,
  };
}

/**
 * The status of a message the latest covering capture shows: signals from the source itself
 * count (an unsend line, Chatwork's deletion mark and edit time), as do texts that changed between captures (docs/design/evidence-model.md P6).
 */
function statusOf(current: HashedMessage, history: readonly HistoryEntry[]): MessageStatus {
  if (history.length > 1 && current.kind !== 'unsent') return 'edited';
  return firstSightingStatus(current);
}

function versionOf(m: HashedMessage, capture: string): HistoryEntry {
  return { capture, body: m.body, kind: m.kind, hash: m.hash };
}

/**
 * The order of the next view's messages, given their sending times (`instantOf`, in outcome
 * order): indices stably sorted by time, so messages of one minute keep the order the captures
 * showed them in. A time that cannot be read sorts with the message before it. Indices and one
 * array of times, not an object per message: a 200k room is sorted on every capture folded, and
 * the objects outlived the young generation (docs/performance.md). `t` is overwritten.
 */
export function timeOrder(t: Float64Array): Int32Array {
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < t.length; i++) {
    if (Number.isNaN(t[i]!)) t[i] = previous;
    else previous = t[i]!;
  }
  const order = new Int32Array(t.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((x, y) => t[x]! - t[y]! || x - y);
}
