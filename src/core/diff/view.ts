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
  const messages = outcomes.map((o) => nextState(view, capture, o));
  const order = inTimeOrder(messages);
  return {
    view: { captures: [...view.captures, capture.id], messages: order.map((i) => messages[i]!), roomObservations: view.roomObservations },
    from: order.map((i) => outcomes[i]!.before),
    changes,
  };
}

function nextState(view: ArchiveView, capture: CaptureView, o: Outcome): ViewMessage {
  switch (o.type) {
    case 'added':
      return firstSighting(capture.messages[o.after]!, capture.id);
    case 'unchanged':
    case 'edited':
    case 'unsent':
      return sighting(view.messages[o.before]!, capture.messages[o.after]!, capture.id);
    case 'deleted': {
      const old = view.messages[o.before]!;
      if (o.after !== null) return sighting(old, capture.messages[o.after]!, capture.id);
      return viewMessage(old, { ...old, status: 'deleted', statusAsOf: capture.id });
    }
    case 'notCovered': // keeps the status it had (docs/design/cli-contract.md, `show`)
    case 'stillGone':
      return view.messages[o.before]!;
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
 * The order of `messages` stably sorted by sending time (as indices), so messages of one minute
 * keep the order the captures showed them in. A time that cannot be read sorts with the message
 * before it. Indices and one array of times, not an object per message: a 200k room is sorted on
 * every capture folded, and the objects outlived the young generation (docs/performance.md).
 */
function inTimeOrder(messages: readonly ViewMessage[]): number[] {
  const t = new Float64Array(messages.length);
  let previous = Number.NEGATIVE_INFINITY;
  messages.forEach((m, i) => {
    const at = instantOf(m.sentAt);
    if (!Number.isNaN(at)) previous = at;
    t[i] = previous;
  });
  const order = Array.from(messages, (_, i) => i);
  return order.sort((x, y) => t[x]! - t[y]! || x - y);
}
