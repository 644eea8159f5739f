import { EDIT_SIMILARITY_MIN, similarity } from '../../../src/core/diff/index.js';
import type { Original, Scenario, Script } from './scripts.js';

/**
 * When the messages of a burst (one sender, one minute) can be told apart at all: every edit keeps
 * its text similar, and no text is similar to another message's; an unsend line is not next to a
 * deletion in its burst (either could be the message it withdrew); and no capture starts or ends
 * inside a burst (a minute's messages carry no order of their own, so nothing could say which
 * of them the capture left out).
 */
export function burstsAreRecoverable(script: Script, scenario: Scenario): boolean {
  const bursts = new Map<number, { o: Original; label: string }[]>();
  script.originals.forEach((o, i) => bursts.set(o.slot, [...(bursts.get(o.slot) ?? []), { o, label: `o${i}` }]));
  for (const members of bursts.values()) {
    const burst = members.map((m) => m.o);
    const kinds = burst.map((o) => o.op.kind);
    if (kinds.includes('unsend') && kinds.includes('delete')) return false;
    const survivors = members.filter((m) => m.o.op.kind !== 'delete');
    if (!allOrNone(members, (m) => scenario.shownBefore.has(m.label))) return false;
    if (!allOrNone(survivors, (m) => scenario.shownAfter.has(m.label))) return false;
    for (const o of burst) if (o.op.kind === 'edit' && similarity(o.body, o.op.body) < EDIT_SIMILARITY_MIN) return false;
    for (const x of burst) {
      for (const y of burst) {
        const shown = y.op.kind === 'keep' ? y.body : y.op.kind === 'edit' ? y.op.body : null;
        if (x !== y && shown !== null && similarity(x.body, shown) >= EDIT_SIMILARITY_MIN) return false;
      }
    }
  }
  return true;
}

function allOrNone<T>(list: readonly T[], test: (item: T) => boolean): boolean {
  return list.every(test) || !list.some(test);
}
