import fc from 'fast-check';
import type { HashedMessage } from '../../../src/core/types.js';
import type { CaptureView, Change } from '../../../src/core/diff/index.js';
import { captureOf, msg } from './builders.js';

/**
 * A conversation, a script of what happened to it between two captures, and the two captures
 * (full or windowed). The model knows which message is which, so it can say what an exact diff is.
 */
export type Mode =
  | 'ids' //        Chatwork-like: every message has a source id; times in seconds
  | 'distinct' //   LINE-like, no ids, every message in a minute of its own: keys are distinct
  | 'bursts' //     LINE-like, one sender often sends several messages in one minute
  | 'chaos'; //     anything: few minutes, few senders, colliding keys and texts

export type Op =
  | { readonly kind: 'keep' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'edit'; readonly body: string }
  | { readonly kind: 'unsend'; readonly named: boolean };

export interface Original {
  readonly sender: string;
  readonly body: string;
  /** Messages with the same slot share a sending minute. */
  readonly slot: number;
  readonly op: Op;
}

export interface Addition {
  readonly sender: string;
  readonly body: string;
  readonly slot: number;
}

export interface Script {
  readonly originals: readonly Original[];
  readonly additions: readonly Addition[];
  /** null: a full capture; else [start, end] positions into the message list, taken modulo its length. */
  readonly beforeWindow: readonly [number, number] | null;
  readonly afterWindow: readonly [number, number] | null;
}

const SENDERS = ['佐藤花子', '山田太郎', 'Alice'];
const LETTERS = [...'あいうえおかきくけこさしすせそ見積納期請求修正料金確認了解ABCDE0123'];
const text = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...LETTERS), minLength: min, maxLength: max });
const window = fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null });

/** A small edit: a few characters inserted, replaced or removed, as people fix a message. */
const smallEdit = (body: string) =>
  fc
    .tuple(fc.nat(body.length), fc.nat(3), text(1, 3))
    .map(([at, cut, insert]) => body.slice(0, at) + insert + body.slice(at + cut))
    .filter((b) => b !== body);

function opArb(mode: Mode, body: string): fc.Arbitrary<Op> {
  const edit = (mode === 'bursts' ? smallEdit(body) : text(0, 20).filter((b) => b !== body)).map((b): Op => ({ kind: 'edit', body: b }));
  const ops: fc.Arbitrary<Op>[] = [fc.constant<Op>({ kind: 'keep' }), fc.constant<Op>({ kind: 'delete' }), edit];
  if (mode !== 'ids') ops.push(fc.boolean().map((named): Op => ({ kind: 'unsend', named: named || mode === 'bursts' })));
  return fc.oneof(...ops);
}

export function scriptArb(mode: Mode): fc.Arbitrary<Script> {
  const slotCount = mode === 'chaos' ? 4 : mode === 'bursts' ? 12 : 40;
  const original = fc
    .record({ sender: fc.constantFrom(...SENDERS), body: mode === 'bursts' ? text(10, 30) : text(0, 20), slot: fc.nat(slotCount - 1) })
    .chain((o) => opArb(mode, o.body).map((op): Original => ({ ...o, op })));
  const addition = fc.record({ sender: fc.constantFrom(...SENDERS), body: text(0, 20), slot: fc.nat(slotCount) });
  return fc.record({
    originals: fc.array(original, { minLength: 1, maxLength: 30 }).map((os) => shapeSlots(mode, os)),
    additions: fc.array(addition, { maxLength: 8 }),
    beforeWindow: window,
    afterWindow: window,
  });
}

/** Orders originals by slot, and gives each its own slot where the mode says keys are distinct. */
function shapeSlots(mode: Mode, originals: readonly Original[]): Original[] {
  if (mode === 'distinct' || mode === 'ids') return originals.map((o, i) => ({ ...o, slot: i }));
  const sorted = [...originals].sort((x, y) => x.slot - y.slot);
  // A burst is one sender's: the sender of a slot's first message sends the whole slot.
  return mode === 'bursts' ? sorted.map((o) => ({ ...o, sender: sorted.find((f) => f.slot === o.slot)!.sender })) : sorted;
}

export interface Scenario {
  readonly before: CaptureView;
  readonly after: CaptureView;
  /** `type|before label|after label`, sorted: the exact diff. */
  readonly expected: readonly string[];
  readonly label: (change: Change) => string;
  /** Labels (`o<index>` for originals) of the messages each capture shows. */
  readonly shownBefore: ReadonlySet<string>;
  readonly shownAfter: ReadonlySet<string>;
}

interface Placed {
  readonly message: HashedMessage;
  readonly label: string;
}

export function buildScenario(mode: Mode, script: Script): Scenario {
  const ids = mode === 'ids';
  // Originals sit at minute 10·slot (+30 s for Chatwork-like seconds), additions one to nine minutes after slots.
  const timeOf = (slot: number, offsetMinutes: number) =>
    new Date(Date.UTC(2024, 2, 1, 0, 10 * slot + offsetMinutes, ids ? 30 : 0)).toISOString().replace('.000Z', '+00:00');
  const originals = script.originals.map((o, i): Placed => ({
    label: `o${i}`,
    message: msg({ sender: o.sender, sentAt: timeOf(o.slot, 0), body: o.body, externalId: ids ? `m${i}` : null }),
  }));
  const afterOriginals = script.originals.flatMap((o, i): Placed[] => {
    const { message, label } = originals[i]!;
    switch (o.op.kind) {
      case 'keep':
        return [{ message, label }];
      case 'delete':
        return [];
      case 'edit':
        return [{ label, message: msg({ ...message, body: o.op.body, editedAt: ids ? timeOf(script.originals.length + 10, 0) : null }) }];
      case 'unsend': {
        const sender = o.op.named ? o.sender : null;
        const body = sender === null ? 'メッセージの送信を取り消しました' : `${sender}がメッセージの送信を取り消しました`;
        return [{ label, message: msg({ kind: 'unsent', sender, sentAt: message.sentAt, body }) }];
      }
    }
  });
  const lastSlot = Math.max(...script.originals.map((o) => o.slot));
  const additions = script.additions.map((a, k): Placed => {
    // Chatwork-like additions are new messages, so they come after everything else.
    const slot = ids ? lastSlot + 1 + k : a.slot;
    const offset = ids || mode === 'chaos' ? 0 : 1 + (k % 9);
    return { label: `a${k}`, message: msg({ sender: a.sender, sentAt: timeOf(slot, offset), body: a.body, externalId: ids ? `n${k}` : null }) };
  });
  const afterAll = [...afterOriginals, ...additions].sort((x, y) => Date.parse(x.message.sentAt) - Date.parse(y.message.sentAt));

  const beforeShown = cut(originals, script.beforeWindow);
  const afterShown = cut(afterAll, script.afterWindow);
  const before = captureOf(
    'before',
    script.beforeWindow === null ? 'full' : 'window',
    beforeShown.map((p) => p.message),
  );
  const after = captureOf(
    'after',
    script.afterWindow === null ? 'full' : 'window',
    afterShown.map((p) => p.message),
  );
  const beforeLabels = new Map(beforeShown.map((p) => [p.message, p.label]));
  const afterLabels = new Map(afterShown.map((p) => [p.message, p.label]));
  const label = (c: Change) => `${c.type}|${c.before === null ? '-' : beforeLabels.get(c.before)}|${c.after === null ? '-' : afterLabels.get(c.after)}`;
  return {
    before,
    after,
    expected: expectedChanges(script, beforeShown, afterShown, after),
    label,
    shownBefore: new Set(beforeLabels.values()),
    shownAfter: new Set(afterLabels.values()),
  };
}

function cut<T>(list: readonly T[], window: readonly [number, number] | null): T[] {
  if (window === null || list.length === 0) return [...list];
  const [x, y] = [window[0] % list.length, window[1] % list.length];
  return list.slice(Math.min(x, y), Math.max(x, y) + 1);
}

/**
 * The exact diff, from the model. A message missing from `after` is deleted when its place lies
 * inside `after`'s coverage: strictly inside its time span, or in a boundary minute with a
 * message that both captures show on the inner side of it (nothing else can place it).
 */
function expectedChanges(script: Script, beforeShown: readonly Placed[], afterShown: readonly Placed[], after: CaptureView): string[] {
  const inAfter = new Set(afterShown.map((p) => p.label));
  const inBefore = new Set(beforeShown.map((p) => p.label));
  const from = after.coverage.from === null ? Number.NaN : Date.parse(after.coverage.from);
  const to = after.coverage.to === null ? Number.NaN : Date.parse(after.coverage.to);
  const sharedPositions = beforeShown.flatMap((p, i) => (inAfter.has(p.label) ? [i] : []));
  const expected: string[] = [];
  beforeShown.forEach((p, i) => {
    if (inAfter.has(p.label)) {
      const op = script.originals[Number(p.label.slice(1))]!.op.kind;
      expected.push(`${op === 'keep' ? 'unchanged' : op === 'edit' ? 'edited' : 'unsent'}|${p.label}|${p.label}`);
      return;
    }
    const t = Date.parse(p.message.sentAt);
    const afterStart = after.coverage.kind === 'full' || t > from || (t === from && sharedPositions.some((s) => s < i));
    const beforeEnd = t < to || (t === to && sharedPositions.some((s) => s > i));
    expected.push(`${afterStart && beforeEnd ? 'deleted' : 'notCovered'}|${p.label}|-`);
  });
  for (const p of afterShown) if (!inBefore.has(p.label)) expected.push(`added|-|${p.label}`);
  return expected.sort();
}
