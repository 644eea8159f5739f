/** English: what the use cases (src/app) say — the ROOM rule, import's refusals, notes. */
export const appEn = {
  'usage.room-unknown': (p: { arg: string; rooms: string }) => `No room "${p.arg}" in the archive. Rooms:\n${p.rooms}`,
  'usage.room-unknown.short-prefix': (p: { arg: string; min: number; rooms: string }) =>
    `No room "${p.arg}" in the archive. An id prefix needs at least ${p.min} characters. Rooms:\n${p.rooms}`,
  'usage.room-unknown.none': (p: { arg: string }) => `No room "${p.arg}" in the archive: it has no rooms yet.`,
  'usage.room-unknown.hint': 'Run `chatproof rooms` to list rooms.',
  'usage.room-ambiguous': (p: { arg: string; rooms: string }) => `"${p.arg}" matches more than one room:\n${p.rooms}`,
  'usage.room-ambiguous.hint': 'Name the room by its id (or a longer id prefix), or by its whole title.',
  'input.truncated-refused': (p: { line: number; reason: string; next: string }) =>
    `The input ends in the middle of a message (line ${p.line}: ${p.reason}). ${p.next}`,
  'usage.inferred-refused': (p: { next: string }) => `The structure of this paste was inferred. ${p.next}`,
  'import.not-stored.no-terminal': 'There is no terminal to confirm on, so nothing was stored. If the summary above is right, run again with --yes.',
  'import.not-stored': 'Nothing was stored.',
  'interrupted.import': 'Interrupted: nothing was stored.',
  'interrupted.attach': 'Interrupted; nothing was attached.',
  'interrupted.report': 'Report cancelled: nothing was written.',
  // Stored bytes that no longer match their hashes on read (src/store/archive.ts, src/report/collect.ts).
  'integrity.blob-changed': (p: { sha256: string; actual: string }) =>
    `The stored file ${p.sha256} has changed: its bytes now hash to ${p.actual}. Nothing was written.`,
  'integrity.message-changed': (p: { hash: string; capture: string; actual: string }) =>
    `Message ${p.hash} of capture ${p.capture} has changed: its stored form now hashes to ${p.actual}. Nothing was written.`,
  'integrity.list-changed': (p: { capture: string; expected: string; actual: string }) =>
    `The message list of capture ${p.capture} has changed: the capture states ${p.expected}, the stored list gives ${p.actual}. Nothing was written.`,
  'integrity.original-disagrees': (p: { where: string; expected: string; actual: string }) =>
    `The stored messages are not what their original says (${p.where}): expected ${p.expected}; found ${p.actual}. Nothing was written.`,
  'integrity.capture-row-changed': (p: { capture: string; expected: string; actual: string }) =>
    `Capture ${p.capture} no longer matches its log entry: the entry states root ${p.expected}, the capture row ${p.actual}. Nothing was written.`,
  'hint.run-verify': 'Run `chatproof verify` to see every problem in the archive; restore from a backup if it names damage.',
  // A report read from the room's kept state checks what it takes from it (src/report/state-check.ts).
  'integrity.state-message-changed': (p: { hash: string; room: string; actual: string }) =>
    `Message ${p.hash} of room ${p.room} has changed: its stored form now hashes to ${p.actual}. Nothing was written.`,
  'integrity.state-disagrees': (p: { room: string; hash: string; detail: string }) =>
    `The kept state of room ${p.room} disagrees with its captures at message ${p.hash}: ${p.detail}. Nothing was written.`,
  'hint.state-disagrees':
    'The kept state is derived from the captures, not evidence. Run `chatproof verify`: it compares the state with the captures and discards it when they differ; the next report builds it again from the captures.',
  'state-check.unlisted': (p: { capture: number }) => `the state names it as seen in capture #${p.capture}, whose message list does not hold it`,
  'state-check.left-out': (p: { capture: number; place: number }) =>
    `capture #${p.capture} lists a message of the range (place ${p.place} of its list) that the state leaves out`,
  'state-check.content': (p: { first: number; last: number }) => `no capture from #${p.first} to #${p.last} lists the text the state shows for it`,
  'state-check.earlier': (p: { capture: number; first: number }) => `capture #${p.capture} lists it before its first sighting in the state (#${p.first})`,
  'state-check.later': (p: { capture: number; last: number }) => `capture #${p.capture} lists it after its last sighting in the state (#${p.last})`,
  'state-check.status': (p: { status: string; asOf: number; expected: string; expectedAsOf: string }) =>
    `the state gives it ${p.status} as of capture #${p.asOf}; its captures give ${p.expected} as of ${p.expectedAsOf}`,
};
