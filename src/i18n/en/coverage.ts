/** English: a capture's stated window (coverage.from/to) against the one its original gives (src/core/entries/coverage.ts). */
export const coverageEn = {
  'cov.where.from': (p: { id: string; seq: number }) => `capture ${p.id} (log entry ${p.seq}): where its coverage starts (coverage.from)`,
  'cov.where.to': (p: { id: string; seq: number }) => `capture ${p.id} (log entry ${p.seq}): where its coverage ends (coverage.to)`,
  'cov.none': 'none: its original, parsed again, holds no message and states no end',
  'cov.from.first': (p: { at: string }) => `${p.at}, the earliest message of its original, parsed again`,
  'cov.to.newest': (p: { at: string }) => `${p.at}, the newest message of its original, parsed again`,
  'cov.to.saved': (p: { at: string }) => `${p.at}, the save time its original states (the export is complete up to it)`,
  'cov.to.server': (p: { at: string }) => `${p.at}, the server's Date kept with the capture (its window reaches up to it)`,
  'cov.entry.states': (p: { at: string }) => `the capture entry states ${p.at}`,
  'cov.entry.none': 'the capture entry states none',
  'integrity.coverage-disagrees': (p: { where: string; expected: string; actual: string }) =>
    `The coverage stated for a capture is not the one its original gives (${p.where}): expected ${p.expected}; found ${p.actual}. It decides whether a missing message was deleted or not covered. Nothing was written.`,
  'cov.name': (p: { id: string }) => `capture ${p.id} coverage`,
  'cov.ok': (p: { from: string; to: string }) => `it covers ${p.from} to ${p.to}, the window its original, parsed again, gives`,
  'cov.rests': "the importer reading the messages' times and the save time as chatproof does; a sync capture's end rests on the server's Date kept with it",
  'cov.finding.from': (p: { expected: string; actual: string }) => `its start (coverage.from): expected ${p.expected}, but ${p.actual}`,
  'cov.finding.to': (p: { expected: string; actual: string }) => `its end (coverage.to): expected ${p.expected}, but ${p.actual}`,
};
