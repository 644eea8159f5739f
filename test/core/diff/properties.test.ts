import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildArchiveView, compareCaptures, compareWithView, type Change } from '../../../src/core/diff/index.js';
import { burstsAreRecoverable } from './recoverable.js';
import { buildScenario, scriptArb, type Mode } from './scripts.js';

const RUNS = { numRuns: 300 };

/** The diff names every message of both captures once, with the model's type and partner. */
function recovers(mode: Mode) {
  return fc.property(scriptArb(mode), (script) => {
    const s = buildScenario(mode, script);
    if (mode === 'bursts') fc.pre(burstsAreRecoverable(script, s));
    expect(compareCaptures(s.before, s.after).map(s.label).sort()).toEqual(s.expected);
  });
}

describe('the diff recovers the script', () => {
  it('always, where source ids decide (Chatwork-like, full and windowed)', () => {
    fc.assert(recovers('ids'), RUNS);
  });

  it('by alignment, when every message has a key (sender, minute) of its own, whatever the edits', () => {
    fc.assert(recovers('distinct'), RUNS);
  });

  it('by alignment inside bursts of one sender and minute, when edits keep their texts similar (burstsAreRecoverable)', () => {
    fc.assert(recovers('bursts'), RUNS);
  });
});

describe('whatever happened (colliding keys and texts)', () => {
  const chaos = scriptArb('chaos').map((script) => buildScenario('chaos', script));

  it('names each message of both captures exactly once', () => {
    fc.assert(
      fc.property(chaos, ({ before, after }) => {
        const changes = compareCaptures(before, after);
        expect(sidesOf(changes, 'before')).toEqual([...before.messages].sort(byHash));
        expect(sidesOf(changes, 'after')).toEqual([...after.messages].sort(byHash));
      }),
      RUNS,
    );
  });

  it("never reports a deletion outside the later capture's coverage, nor of a message it still shows", () => {
    fc.assert(
      fc.property(chaos, ({ before, after }) => {
        const from = after.coverage.from === null ? Number.NaN : Date.parse(after.coverage.from);
        const to = after.coverage.to === null ? Number.NaN : Date.parse(after.coverage.to);
        const count = (list: readonly { hash: string }[], hash: string) => list.filter((m) => m.hash === hash).length;
        for (const change of compareCaptures(before, after).filter((c) => c.type === 'deleted')) {
          const t = Date.parse(change.before!.sentAt);
          expect(t <= to && (after.coverage.kind === 'full' || t >= from)).toBe(true);
          expect(count(after.messages, change.before!.hash)).toBeLessThan(count(before.messages, change.before!.hash));
        }
      }),
      RUNS,
    );
  });

  it('compares with an archive view of one capture as with that capture', () => {
    fc.assert(
      fc.property(chaos, ({ before, after }) => {
        expect(compareWithView(buildArchiveView([before]), after)).toEqual(compareCaptures(before, after));
      }),
      RUNS,
    );
  });
});

describe('the archive view of two captures', () => {
  it('gives each message the status its change implies, and keeps the earlier texts', () => {
    const modes = fc.constantFrom<Mode>('ids', 'distinct', 'chaos');
    fc.assert(
      fc.property(
        modes.chain((mode) => scriptArb(mode).map((script) => buildScenario(mode, script))),
        ({ before, after }) => {
          const view = buildArchiveView([before, after]);
          for (const change of compareCaptures(before, after)) {
            // A message kept as it was is one object in both captures: find the view message by the side that decided it.
            const shown = view.messages.filter((m) =>
              change.after === null ? m.current === change.before && m.lastSeen === 'before' : m.current === change.after && m.lastSeen === 'after',
            );
            expect(shown).toHaveLength(1);
            const m = shown[0]!;
            if (change.type === 'deleted') expect(m).toMatchObject({ status: 'deleted', lastSeen: 'before', statusAsOf: 'after' });
            if (change.type === 'notCovered') expect(m).toMatchObject({ lastSeen: 'before', statusAsOf: 'before' });
            if (change.type === 'edited') expect(m.history.map((h) => h.body)).toEqual([change.before!.body, change.after!.body]);
            if (change.type === 'edited') expect(m.status).toBe('edited');
            if (change.type === 'unsent') expect(m).toMatchObject({ status: 'unsent', body: change.before!.body, hash: change.before!.hash });
          }
          expect(view.messages.length).toBe(compareCaptures(before, after).length);
        },
      ),
      RUNS,
    );
  });
});

function sidesOf(changes: readonly Change[], side: 'before' | 'after') {
  return changes.flatMap((c) => (c[side] === null ? [] : [c[side]])).sort(byHash);
}

function byHash(x: { hash: string }, y: { hash: string }): number {
  return x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0;
}
