/** English: a capture's stated save time ("as of", sourceSavedAt) against what it is derived from (src/core/entries/saved-at.ts). */
export const asofEn = {
  'asof.original.states': (p: { at: string }) => `the save time its original states: ${p.at}`,
  'asof.original.none': 'no save time: its original states none',
  'asof.server.states': (p: { date: string; at: string }) => `the server's Date kept with the capture (${p.date}), in its zone: ${p.at}`,
  'asof.entry.states': (p: { at: string }) => `the capture entry states ${p.at}`,
  'asof.entry.none': 'the capture entry states no save time',
  'asof.bound.by-import': (p: { capturedAt: string; hours: number }) =>
    `a server time no later than the capture's import time ${p.capturedAt} plus ${p.hours} hours for the two clocks`,
  'asof.bound.after-newest': (p: { newest: string }) => `a server time no earlier than the capture's newest message, ${p.newest}`,
  'asof.bound.server-says': (p: { at: string }) => `the server's Date kept with it says ${p.at}`,
  'asof.where': (p: { id: string; seq: number }) => `capture ${p.id} (log entry ${p.seq}): its save time (sourceSavedAt)`,
  'asof.ok.original': (p: { at: string }) => `it states ${p.at}, the save time its original states`,
  'asof.ok.none': 'it states no save time, as its original states none',
  'asof.ok.server': (p: { at: string; hours: number }) =>
    `it states ${p.at}, the server's Date kept with it, which is no later than its import time (plus ${p.hours} hours) and no earlier than its newest message`,
  'asof.ok.server-private': (p: { at: string; hours: number }) =>
    `it states ${p.at}, the server's Date kept with it, which is no later than its import time (plus ${p.hours} hours); its messages are not in this private report, so its newest message was not compared`,
  'asof.rests': 'the importer reading the save time as chatproof does; a server time rests on the server and the entry kept with it',
  'asof.finding': (p: { expected: string; actual: string }) => `expected ${p.expected}, but ${p.actual}`,
  'integrity.saved-at-disagrees': (p: { where: string; expected: string; actual: string }) =>
    `The save time stated for a capture is not what it is derived from (${p.where}): expected ${p.expected}; found ${p.actual}. Nothing was written.`,
  'asof.name': (p: { id: string }) => `capture ${p.id} save time`,
};
