/** English: what the commands print for a person — headings, summaries, legends, confirmations. */
export const outEn = {
  'show.heading': (p: { title: string; id: string; source: string; captures: number }) =>
    `${p.title} (${p.id}, ${p.source}) — ${p.captures} ${p.captures === 1 ? 'capture' : 'captures'}`,
  'show.legend': 'Marks: (blank) still there · M edited · × unsent · - deleted; [hash] with --verbose',
  'show.before': 'before',
  'show.note': 'note',
  'show.observation': 'observation',
  'diff.heading': (p: { title: string; from: string; fromAt: string; to: string; toAt: string }) =>
    `${p.title}: capture ${p.from} (${p.fromAt}) → ${p.to} (${p.toAt})`,
  'diff.none': 'No changes.',
  'diff.legend': 'Marks: + added · - deleted · M edited (before → after) · × unsent',
  'lines.deleted': (p: { before: string }) => `${p.before}  →  (deleted)`,
  'lines.deleted.unknown': '(what it said before is in no capture: the first one already showed it deleted)',
  'rooms.none': 'No rooms yet. Import a chat with: chatproof import FILE',
  'rooms.line': (p: { captures: number; messages: number; last: string }) =>
    `${String(p.captures).padStart(3)} ${p.captures === 1 ? 'capture ' : 'captures'}  ${String(p.messages).padStart(6)} msgs  last ${p.last}`,
  'captures.line': (p: { messages: number; full: boolean }) => `${String(p.messages).padStart(6)} msgs  ${p.full ? 'full  ' : 'window'}`,
  'note.done': (p: { seq: number; hash: string }) => `Noted as entry #${p.seq} ${p.hash}`,
  'verify.counted': (p: { entries: number; captures: number; messages: number; blobs: number }) =>
    `Checked ${p.entries} log entries, ${p.captures} captures, ${p.messages} messages, ${p.blobs} stored files.`,
  'verify.problem': (p: { kind: string; where: string; expected: string; actual: string }) =>
    `✗ ${p.kind}: ${p.where}\n    expected ${p.expected}\n    actual   ${p.actual}`,
  'verify.ok':
    '✓ No problems: every hash and log link matches the stored bytes, every timestamp still signs the entry it names, and every original parsed again gives the messages of its capture.',
  'verify.rechecked': (p: { timestamps: number; reparsed: number }) =>
    `Checked ${p.timestamps} timestamp token(s) against the entries they name, and parsed ${p.reparsed} stored original(s) again.`,
  'verify.not-reparsed': (p: { capture: string; parserVersion: string; current: string }) =>
    `Capture ${p.capture} was made with ${p.parserVersion}; this chatproof has ${p.current}, which may read it differently, so neither its messages, its save time (its place in the room's history) nor its coverage were compared with its original.`,
  'verify.window.none': (p: { unstamped: number }) =>
    `No timestamp vouches for this log: all ${p.unstamped} entries could be rewritten consistently, and no check here would notice. Only a log head you gave someone earlier, or a timestamp (chatproof stamp --tsa …), can show that they were not.`,
  'verify.window.stamped': (p: { stampedSeq: number; genTime: string; unstamped: number }) =>
    `A TSA vouches that entries #1–#${p.stampedSeq} existed at ${p.genTime}: a rewrite of any of them is found. ${p.unstamped === 0 ? 'No entry comes after them.' : `The ${p.unstamped} entries after #${p.stampedSeq} could be rolled back or rewritten consistently without any check noticing; stamp again (chatproof stamp) to close that window.`}`,
  'verify.failed': (p: { problems: number }) => `✗ ${p.problems} problem(s): the archive was changed outside chatproof.`,
  'backup.done': (p: { file: string }) => `Backup written to ${p.file} (check it with: chatproof verify --db ${p.file})`,
  'progress.import': 'import',
  'progress.verify': 'verify',
  'progress.report': 'report',
  'progress.phase.parse': 'parse',
  'progress.phase.store': 'store',
  'progress.phase.compare': 'compare',
  'progress.phase.messages': 'messages',
  'progress.phase.layout': 'layout',
  'progress.phase.pages': 'pages',
  'progress.phase.originals': 'originals',
  'progress.phase.states': 'room states',
  'import.format-chosen': 'chosen with --format',
  'import.format': (p: { format: string; reason: string }) => `Format: ${p.format} (${p.reason})`,
  'import.warning': (p: { text: string }) => `warning: ${p.text}`,
  'import.warn.saved-after-import': (p: { savedAt: string; now: string; tz: string }) =>
    `the export says it was saved ${p.savedAt}, which is after now (${p.now}). Its time was read in the zone ${p.tz}: if the export was made on a device set to another zone, import it again with --tz ZONE (for the web app, start it with chatproof ui --tz ZONE). Stored as it is, it is placed in the room's history by that time, so it stays the room's newest state until an export saved later.`,
  'import.new-room': (p: { title: string; messages: number }) => `New room "${p.title}": ${p.messages} ${p.messages === 1 ? 'message' : 'messages'} recorded.`,
  'import.no-change': (p: { title: string }) => `No change in "${p.title}" since the last capture.`,
  'import.changed': (p: { title: string; changes: string }) => `Since the last capture of "${p.title}": ${p.changes}`,
  'import.count.added': (p: { n: number }) => `${p.n} added`,
  'import.count.edited': (p: { n: number }) => `${p.n} edited`,
  'import.count.unsent': (p: { n: number }) => `${p.n} unsent`,
  'import.count.deleted': (p: { n: number }) => `${p.n} deleted`,
  'import.count.sep': ' · ',
  'import.stored': (p: { messages: number; unchanged: number; notCovered: number; room: string }) =>
    `  ${p.messages} messages in this capture (${p.unchanged} unchanged, ${p.notCovered} outside its span) · room ${p.room}`,
  'import.capture': (p: { id: string; full: boolean; span: string }) => `  capture ${p.id}  ${p.full ? 'the whole room' : 'a span'}: ${p.span}`,
  'import.entry': (p: { seq: number }) => `log #${p.seq}`,
  'import.older': (p: { asOf: string; newestAsOf: string; newer: number }) =>
    `This export was saved ${p.asOf}, before the room's newest capture (as of ${p.newestAsOf}). It is placed where it belongs in the room's history, before ${p.newer} later ${p.newer === 1 ? 'capture' : 'captures'}, and the changes reported are those since the capture saved before it; the room's current state is still that of the newest capture.`,
  'import.confirm': 'Store this as a capture?',
  'import.summary.system': '(system)',
  'import.summary.sender': (p: { name: string; n: number }) => `${p.name}: ${p.n}`,
  'import.summary': (p: { layout: string; messages: number; first: string; last: string; senders: string }) =>
    `What was read (${p.layout}):\n  ${p.messages} messages, first ${p.first}, last ${p.last}\n  senders:\n${p.senders}`,
  'attach.unknown-format': 'no known image format',
  'attach.not-an-image': (p: { file: string; what: string }) =>
    `warning: ${p.file} is not an image by its bytes (${p.what}), so it is kept as "other", not "screenshot".`,
  'attach.done': (p: { title: string; n: number }) => `Attached ${p.n} ${p.n === 1 ? 'file' : 'files'} to room "${p.title}".`,
  'attach.for': (p: { said: string }) => `  for the message: ${p.said}`,
  'attach.file': (p: { kind: string; mime: string; size: string }) => `(${p.kind}, ${p.mime}, ${p.size})`,
  'attach.kind.deliverable': 'deliverable',
  'attach.kind.screenshot': 'screenshot',
  'attach.kind.other': 'other',
  'attach.hash-only': '    hash only: the bytes were not kept. Keep the file itself safe; its SHA-256 proves it is the same file.',
  'report.doc-stamped': (p: { tsa: string; at: string }) =>
    `The whole PDF carries a document timestamp (PAdES) by ${p.tsa} at ${p.at}: pdfsig and Adobe Acrobat show it`,
  'report.done': (p: { file: string; pages: number; sha256: string; seq: number; output: string }) =>
    `Report written: ${p.file} (${p.pages} pages)\n  sha256 ${p.sha256}\n  logged as entry #${p.seq}. Check it with: chatproof verify-report ${p.output}`,
  'stamp.done': (p: { seq: number; tsa: string; at: string }) => `Timestamp logged as entry #${p.seq} (${p.tsa}, ${p.at})`,
  'stamp.anchor': (p: { anchor: string }) => `  trust anchor: ${p.anchor}`,
  'stamp.trust': (p: { detail: string }) => `trust: ${p.detail}`,
  'stamp.untrusted': '  The token is properly signed, but this anchor does not vouch for the TSA. Give its CA certificate to verify-report with --tsa-cert.',
  'sync.waiting': (p: { seconds: number; why: string }) => `Waiting ${p.seconds} s: ${p.why} (Ctrl-C stops)`,
  'sync.pass-failed': (p: { why: string }) => `This sync failed: ${p.why} Trying again next time.`,
  'sync.next': (p: { at: string }) => `Next sync at ${p.at} (Ctrl-C stops)`,
  'sync.stopped': 'Stopped. Every room recorded so far stays recorded.',
  'sync.no-rooms': 'No rooms to sync.',
  'sync.none': 'none',
  'sync.partial': (p: { done: string; notDone: string }) => `The sync stopped part-way. Rooms done (and recorded): ${p.done}. Not synced: ${p.notDone}.`,
  'sync.recorded': (p: { name: string; n: number; reasons: string; counts: string }) =>
    `recorded ${p.name}: ${p.n} message${p.n === 1 ? '' : 's'} (${p.reasons})${p.counts ? ` ${p.counts}` : ''}`,
  'sync.files-gone': (p: { names: string }) => ` — files gone: ${p.names}`,
  'sync.unchanged': (p: { name: string }) => `no change: ${p.name}`,
  'sync.not-logged': 'not in the archive, nothing recorded',
  'sync.logged': (p: { seq: number }) => `logged as entry #${p.seq}`,
  'sync.unreachable': (p: { name: string; why: string; logged: string }) => `unreachable: ${p.name} — ${p.why} (${p.logged})`,
  'demo.intro': (p: { db: string }) => `Demo: two exports of one LINE chat, a week apart, go into a throw-away archive (${p.db}).`,
  'demo.step.import-1': 'Import the first export',
  'demo.step.import-2': 'Import the second export (one unsent, one deleted, two added)',
  'demo.step.diff': 'What changed between the two captures',
  'demo.step.show': 'Every message ever seen, with its status',
  'demo.step.verify': 'Verify the whole archive',
  'demo.step.report': 'Write the evidence report (PDF, in Japanese unless --lang en)',
  'demo.step.verify-report': 'Check the report on its own, without the archive',
  'demo.done': (p: { db: string; report: string }) => `Done. Archive: ${p.db}\nReport: ${p.report}`,
  'verify-report.ok': (p: { n: number }) => `✓ All ${p.n} checks hold; each line above says what was compared and what it rests on.`,
  'verify-report.failed': (p: { n: number }) => `✗ ${p.n} check(s) failed: this report was changed after it was made, or is damaged.`,
  'sync.warn.room': (p: { room: string; text: string }) => `room ${p.room}: ${p.text}`,
  'sync.warn.too-large': (p: { room: string; name: string; mb: number }) =>
    `room ${p.room}: "${p.name}" is larger than ${p.mb} MB and was not downloaded; its listing is kept`,
  'sync.warn.not-downloaded': (p: { room: string; name: string; status: number }) =>
    `room ${p.room}: "${p.name}" could not be downloaded (Chatwork answered ${p.status}); its listing is kept`,
  'sync.warn.size': (p: { room: string; name: string; listed: number; arrived: number }) =>
    `room ${p.room}: "${p.name}" is listed as ${p.listed} bytes but ${p.arrived} bytes arrived; the bytes that arrived are kept`,
  'stamp.queued': (p: { tsa: string; why: string; waiting: number }) =>
    `Stored, but not yet stamped: ${p.tsa} could not be reached (${p.why}). ${p.waiting === 1 ? 'This capture waits' : `${p.waiting} captures wait`} for a timestamp.`,
  'stamp.queued.hint': '  Nothing is lost: the next import or sync that reaches the TSA stamps them, or run chatproof stamp when you are online.',
  'stamp.queue-done': (p: { captures: number }) => `  This timestamp covers the ${p.captures} captures that were waiting for one.`,
  'config.tsa-cert-dropped': (p: { file: string; before: string; tsa: string }) =>
    `The certificate ${p.file} was set for the previous timestamp authority (${p.before}), so it is no longer used: ${p.tsa}'s tokens are checked against Node's bundled Mozilla roots. If ${p.tsa} needs a root of its own, set it: chatproof config set tsa-cert FILE.`,
  'config.show': (p: { file: string; tsa: string | null; tsaCert: string | null }) =>
    `Settings (${p.file}):\n  tsa       ${p.tsa ?? '(not set: no timestamp after captures unless --stamp)'}\n  tsa-cert  ${p.tsaCert ?? "(not set: Node's bundled Mozilla roots)"}`,
  'verify.not-yet-stamped': (p: { seq: number; room: string; at: string }) => `  not yet stamped: capture entry #${p.seq} ("${p.room}", ${p.at})`,
  'verify.not-yet-stamped.more': (p: { n: number }) => `  … and ${p.n} more captures not yet stamped`,
};
