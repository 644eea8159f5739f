/**
 * English: the lines of `verify-report` — each check's name, what it compared, what it rests on,
 * and what it found wrong. `--json` keeps these English texts as the checks' names and details.
 */
/** The part of a font a difference is in (src/report/verify/fonts.ts names them by the PDF object). */
function fontPart(part: string): string {
  if (part === 'descriptor') return 'its glyph programs and metrics';
  if (part === 'Type0') return 'its character map: what copied text says';
  if (part === 'CIDFontType2') return 'its glyph widths';
  return part;
}

export const verifyEn = {
  'vr.holds': (p: { said: string; rests: string }) => `${p.said} (rests on: ${p.rests})`,
  'vr.list': (p: { first: string; rest: string }) => `${p.first}; ${p.rest}`,
  'vr.more': (p: { n: number }) => `and ${p.n} more`,
  'vr.name.manifest': 'manifest',
  'vr.name.file': (p: { name: string }) => `file ${p.name}`,
  'vr.name.files-listed': 'files listed',
  'vr.name.log': 'log chain',
  'vr.name.room': 'room',
  'vr.name.capture': (p: { id: string }) => `capture ${p.id}`,
  'vr.name.capture-original': (p: { id: string }) => `capture ${p.id} original`,
  'vr.name.capture-merkle': (p: { id: string }) => `capture ${p.id} merkle`,
  'vr.name.capture-messages': (p: { id: string }) => `capture ${p.id} messages`,
  'vr.name.capture-proofs': (p: { id: string }) => `capture ${p.id} inclusion proofs`,
  'vr.name.capture-reparse-of': (p: { id: string }) => `capture ${p.id} read again from`,
  'vr.reparse-of.ok': (p: { of: string; seq: number; raw: string }) =>
    `it reads again capture ${p.of} (log entry ${p.seq}), kept with import --raw before it, of the same room and original ${p.raw}; its place in the history is that capture's`,
  'vr.name.messages': 'message hashes',
  'vr.name.shown': 'shown messages',
  'vr.name.statuses': 'statuses',
  'vr.name.timestamp': 'timestamp',
  'vr.name.doc-timestamp': 'document timestamp',
  'vr.name.timestamp-entry': (p: { seq: number }) => `timestamp #${p.seq}`,
  'vr.name.attachment': (p: { seq: number }) => `attachment #${p.seq}`,
  'vr.rests.rfc8785': 'RFC 8785',
  'vr.rests.sha256-manifest': (p: { manifest: string }) => `SHA-256; ${p.manifest} is itself bound by the checks below`,
  'vr.rests.sha256-chain': 'SHA-256 and the log chain',
  'vr.rests.entry-form': 'SHA-256 over the tagged canonical form chatproof/entry/1, docs/hashing.md §4',
  'vr.rests.chain': 'the log chain',
  'vr.rests.merkle': 'RFC 6962 §2.1 and the log chain',
  'vr.rests.importer': "chatproof's importer and the canonical message form v1, docs/hashing.md §2",
  'vr.rests.proofs': 'RFC 9162 §2.1.3.2 inclusion verification and the log chain',
  'vr.rests.message-form': 'SHA-256 over the canonical message form v1, docs/hashing.md §2',
  'vr.rests.capture-checks': 'the capture checks above',
  'vr.rests.proofs-above': 'the inclusion proofs above',
  'vr.rests.diff': "chatproof's change detection (src/core/diff, docs/diff.md) run on the verified captures",
  'vr.manifest.ok': (p: { manifest: string; mode: string; generator: string }) =>
    `${p.manifest} is a ${p.mode} chatproof report manifest v1 in canonical JSON, made by ${p.generator}`,
  'vr.manifest.not-canonical': (p: { manifest: string }) => `${p.manifest} is not in canonical JSON (RFC 8785): it was rewritten after the report was made`,
  'vr.manifest.damaged': (p: { manifest: string; problems: string }) => `${p.manifest} is damaged: ${p.problems}`,
  'vr.file.ok': (p: { sha256: string; size: number; manifest: string; role: string }) =>
    `SHA-256 ${p.sha256}, ${p.size} bytes, as ${p.manifest} lists it (${p.role})`,
  'vr.file.unlisted': (p: { name: string; manifest: string }) => `${p.name} is embedded but not listed in ${p.manifest}: nothing vouches for it`,
  'vr.file.changed': (p: { name: string; sha256: string; size: number; manifest: string; listed: string; listedSize: number }) =>
    `${p.name} has SHA-256 ${p.sha256} (${p.size} bytes), but ${p.manifest} lists ${p.listed} (${p.listedSize} bytes): the file was changed`,
  'vr.file.missing': (p: { manifest: string; names: string }) => `${p.manifest} lists files the PDF does not carry: ${p.names}`,
  'vr.log.ok': (p: { n: number; from: number; to: number; head: string; log: string }) =>
    `recomputed ${p.n} entry hashes #${p.from}–#${p.to}; every prev matches the entry before; the last is the head ${p.head} printed on every page; ${p.log} holds the same hashed forms`,
  'vr.log.ok-partial': (p: { said: string; first: number; prev: string }) =>
    `${p.said}; entries before #${p.first} concern other rooms and are not included, so #${p.first}'s link to them (${p.prev}) is taken as stated`,
  'vr.log.seq': (p: { i: number; seq: number; expected: number }) =>
    `entry ${p.i} of the list has seq ${p.seq}, expected #${p.expected} (entries missing or reordered)`,
  'vr.log.hash': (p: { seq: number; kind: string; actual: string; stated: string }) =>
    `entry #${p.seq} (${p.kind}) hashes to ${p.actual}, but ${p.stated} is stated: its content was changed`,
  'vr.log.prev': (p: { seq: number; named: string; before: number; actual: string }) =>
    `entry #${p.seq} names ${p.named} as the entry before, but #${p.before} is ${p.actual}`,
  'vr.log.none': 'the manifest includes no log entry',
  'vr.log.head': (p: { seq: number; hash: string; headSeq: number; head: string }) =>
    `the last entry is #${p.seq} ${p.hash}, but the report's head is #${p.headSeq} ${p.head}`,
  'vr.log.first-prev': 'entry #1 names an entry before it',
  'vr.log.jsonl-missing': (p: { log: string }) => `${p.log} is not embedded`,
  'vr.log.jsonl-differs': (p: { log: string }) => `${p.log} differs from the manifest's entries`,
  'vr.room.ok': (p: { id: string; title: string; seq: number }) => `room ${p.id} "${p.title}" was created by log entry #${p.seq}`,
  'vr.room.missing': (p: { seq: number }) => `the room's entry #${p.seq} is not in the included log`,
  'vr.room.other': (p: { seq: number; id: string }) => `entry #${p.seq} does not create room ${p.id}`,
  'vr.capture.entry-missing': (p: { seq: number }) => `its log entry #${p.seq} is not in the included log`,
  'vr.capture.entry-other': (p: { seq: number; id: string }) => `log entry #${p.seq} is not the capture ${p.id} of this room`,
  'vr.capture.entry-hashes': (p: { seq: number }) => `log entry #${p.seq} lacks the capture's hashes`,
  'vr.original.ok': (p: { file: string; seq: number; sha256: string; extras: number }) =>
    `${p.file} is byte for byte the original recorded by log entry #${p.seq}: SHA-256 ${p.sha256}${p.extras > 0 ? `, with ${p.extras} further original(s) the entry lists` : ''}`,
  'vr.original.missing': (p: { file: string }) => `the original ${p.file} is not embedded`,
  'vr.original.changed': (p: { file: string; sha256: string; size: number; seq: number; recorded: string; recordedSize: number }) =>
    `${p.file} has SHA-256 ${p.sha256} (${p.size} bytes), but log entry #${p.seq} recorded ${p.recorded} (${p.recordedSize} bytes): the original was changed`,
  'vr.original.extra': (p: { file: string; seq: number }) => `${p.file} is not one of the files log entry #${p.seq} lists`,
  'vr.merkle.ok': (p: { n: number; root: string; seq: number }) => `its ${p.n} message hashes give the Merkle root ${p.root} recorded by log entry #${p.seq}`,
  'vr.merkle.differs': (p: { n: number; root: string; seq: number; count: number; recorded: string }) =>
    `the manifest's ${p.n} message hashes give Merkle root ${p.root}, but log entry #${p.seq} recorded ${p.count} messages with root ${p.recorded}`,
  'vr.reparse.ok': (p: { file: string; parser: string; tz: string; n: number }) =>
    `parsing ${p.file} again with ${p.parser} (times read in ${p.tz}) gives exactly these ${p.n} messages, hash for hash`,
  'vr.reparse.differs': (p: { file: string; parser: string; got: number; n: number; at: number }) =>
    `parsing ${p.file} again with ${p.parser} gives ${p.got} messages whose hashes differ from the ${p.n} recorded (first difference at message ${p.at})`,
  'vr.reparse.parser': (p: { version: string }) => `parser ${p.version}`,
  'vr.reparse.parser-older': (p: { version: string; made: string }) => `parser ${p.version} (the capture was made with ${p.made})`,
  'vr.reparse.no-importer': (p: { format: string; file: string }) => `this chatproof has no importer for the format "${p.format}" of ${p.file}`,
  'vr.reparse.refused': (p: { file: string; format: string; why: string }) => `${p.file} no longer parses as ${p.format}: ${p.why}`,
  'vr.reparse.failed': (p: { file: string; format: string; why: string }) => `${p.file} cannot be read as ${p.format}: ${p.why}`,
  'vr.proofs.ok': (p: { n: number; root: string; count: number; seq: number }) =>
    `${p.n} inclusion proof(s) lead to the Merkle root ${p.root} of ${p.count} messages recorded by log entry #${p.seq}; the other messages stay undisclosed`,
  'vr.proofs.bad': (p: { hash: string; at: number; count: number; root: string }) =>
    `message ${p.hash} is not at position ${p.at} of ${p.count} under root ${p.root}`,
  'vr.messages.ok': (p: { n: number }) => `${p.n} messages re-hashed from their fields, each equal to the hash it is listed under`,
  'vr.messages.changed': (p: { hash: string; at: string; sender: string; actual: string }) =>
    `message ${p.hash} (${p.at} ${p.sender}) hashes to ${p.actual}: its text or fields were changed`,
  'vr.shown.ok-full': (p: { n: number; sightings: number }) => `${p.n} shown messages: each of their ${p.sightings} sightings is in its capture's message list`,
  'vr.shown.ok-private': (p: { n: number; sightings: number }) =>
    `${p.n} shown messages: each of their ${p.sightings} sightings is covered by an inclusion proof of its capture`,
  'vr.shown.unknown': (p: { hash: string }) => `shown message ${p.hash} is not among the manifest's messages`,
  'vr.shown.version-unknown': (p: { hash: string }) => `version ${p.hash} is not among the manifest's messages`,
  'vr.shown.no-capture': (p: { hash: string; capture: string }) => `message ${p.hash} is attributed to capture ${p.capture}, which the report does not include`,
  'vr.shown.not-in-capture': (p: { hash: string; capture: string }) => `message ${p.hash} is not in capture ${p.capture}`,
  'vr.statuses.ok': (p: { captures: number; edited: number; unsent: number; deleted: number; present: number }) =>
    `comparing the ${p.captures} captures again gives exactly the statuses shown: ${p.edited} edited, ${p.unsent} unsent, ${p.deleted} deleted, ${p.present} unchanged`,
  'vr.statuses.unstated': (p: { hash: string; capture: string }) => `message ${p.hash} of capture ${p.capture} is not stated`,
  'vr.statuses.count': (p: { derived: number; shown: number }) => `the captures give ${p.derived} messages, the report shows ${p.shown}`,
  'vr.statuses.differs': (p: { hash: string; status: string; shownStatus: string; shown: string }) =>
    `message ${p.hash} is ${p.status} by the captures, but shown as ${p.shownStatus} (${p.shown})`,
  'vr.attachment.other': (p: { seq: number }) => `log entry #${p.seq} is not an attachment of this room`,
  'vr.attachment.hash-only': (p: { name: string; sha256: string }) => `"${p.name}" is listed by its SHA-256 ${p.sha256} only; its bytes are not in this report`,
  'vr.attachment.ok': (p: { file: string; name: string; kind: string; seq: number; sha256: string }) =>
    `${p.file} is "${p.name}" (${p.kind}) as log entry #${p.seq} recorded it: SHA-256 ${p.sha256}`,
  'vr.attachment.missing': (p: { file: string }) => `${p.file} is not embedded`,
  'vr.attachment.changed': (p: { file: string; sha256: string; seq: number; recorded: string }) =>
    `${p.file} has SHA-256 ${p.sha256}, but log entry #${p.seq} recorded ${p.recorded}`,
  'vr.timestamp.none': "the report carries no RFC 3161 token: its times come from the author's computer clock, and nothing outside the report vouches for them",
  'vr.timestamp.nothing': 'nothing',
  'vr.timestamp.not-entry': (p: { seq: number }) => `log entry #${p.seq} is not a timestamp entry of the included log`,
  'vr.timestamp.unstated': (p: { seq: number }) => `log entry #${p.seq} does not say what it stamped`,
  'vr.timestamp.missing': (p: { token: string; data: string }) => `${p.token} or ${p.data} is not embedded`,
  'vr.timestamp.data': (p: { data: string; seq: number }) => `${p.data} is not the canonical {"hash","seq","v":1} of entry #${p.seq}`,
  'vr.timestamp.head': (p: { seq: number; hash: string }) => `the stamped head #${p.seq} ${p.hash} is not entry #${p.seq} of the included log`,
  'vr.timestamp.token': (p: { token: string; sha256: string; seq: number; recorded: string }) =>
    `${p.token} has SHA-256 ${p.sha256}, but log entry #${p.seq} recorded ${p.recorded}`,
  'vr.timestamp.token-check': (p: { name: string; detail: string }) => `${p.name}: ${p.detail}`,
  'vr.timestamp.give-cert': 'if this TSA is not in the Mozilla root store, give its CA certificate with --tsa-cert FILE',
  'vr.timestamp.failed': (p: { problems: string; anchor: string }) => `${p.problems} (anchor: ${p.anchor})`,
  'vr.timestamp.the-tsa': 'the TSA',
  'vr.timestamp.ok': (p: { tsa: string; seq: number; hash: string; at: string; trust: string }) =>
    `${p.tsa} vouches that log head #${p.seq} ${p.hash} existed at ${p.at}: imprint, CMS signature, ESS signing certificate and timeStamping EKU hold; ${p.trust}`,
  'vr.timestamp.rests': (p: { anchor: string }) => `RFC 3161 and the anchor ${p.anchor}`,
  'vr.doc-ts.none': 'the file carries no PDF document timestamp (made only by report --tsa)',
  'vr.doc-ts.none-rests': 'nothing',
  'vr.doc-ts.failed': (p: { problems: string; anchor: string }) =>
    `the PDF document timestamp does not hold over the file's /ByteRange: ${p.problems} (anchor: ${p.anchor})`,
  'vr.doc-ts.ok': (p: { tsa: string; at: string; bytes: number; trust: string }) =>
    `${p.tsa} vouches that this whole file (${p.bytes} bytes of its /ByteRange, all but the token itself) existed at ${p.at}: PDF document timestamp (PAdES, ETSI.RFC3161), imprint, CMS signature, ESS signing certificate and timeStamping EKU hold; ${p.trust}`,
  'vr.pages.doc-timestamp': (p: { end: number; bytes: number }) =>
    `the rendered report ends at %%EOF at byte ${p.end}, and the ${p.bytes}-byte update after it is exactly the document timestamp chatproof appends for that revision and its token: nothing else changes what a reader sees`,
  'vr.name.revisions': 'revisions',
  'vr.name.pages': 'pages',
  'vr.rests.iso32000': 'ISO 32000-1 §7.5.6',
  'vr.rests.pages': 'the checks above, which bind that data to the log chain',
  'vr.pages.one-revision': (p: { end: number }) =>
    `the file is one revision: nothing follows its end (%%EOF at byte ${p.end}), so no later update changes what a reader sees`,
  'vr.pages.appended': (p: { bytes: number; end: number; what: string }) =>
    `${p.bytes} bytes follow the report's end at byte ${p.end}: ${p.what}. A PDF reader shows the file as that update left it`,
  'vr.pages.same-text': (p: { how: string; made: string; mine: string; pages: number; fonts: string }) =>
    `${p.how}. The report says ${p.made} made it, not ${p.mine}, and only the version that made a report lays it out object for object; so it was compared as far as a report of another version can be: the file has the same ${p.pages} pages, each reading exactly the same text in the same order, each text run drawn at the same place and size; each page paints exactly what this rendering paints (text, lines, boxes, shading, images), with the same resources and the same links leading to the same places; its fonts (${p.fonts}) are the ones this chatproof embeds, glyph programs, widths and character maps byte for byte; and it carries no annotation but the cover's links to the transcript, no JavaScript and no opening action. Not compared: how the file is put together (object numbers and order, compression, the document information, the XMP metadata, the bookmarks): ${p.made} compares those too`,
  'vr.pages.other-differs': (p: { made: string; mine: string; problems: string }) =>
    `the report says ${p.made} made it; ${p.mine} compared as much as a report of another version allows (each page's text in order and where it is drawn, what each page paints, the page count, the fonts, the links) with its own rendering of the report's data: ${p.problems}`,
  'vr.pages.draws-otherwise': (p: { page: number; part: string }) =>
    `page ${p.page} ${
      p.part === 'content'
        ? 'paints something else than chatproof paints there (its content: text, lines, boxes, shading)'
        : p.part === 'resources'
          ? 'uses other resources than chatproof gives it (images, transparency, fonts)'
          : p.part === 'links'
            ? 'has other links than chatproof puts there'
            : 'has another size, rotation or page box than chatproof gives it'
    }`,
  'vr.pages.link-targets': 'its links lead elsewhere than chatproof’s: the places its link names stand for differ',
  'vr.pages.unreadable': (p: { why: string }) => `its pages cannot be read for comparison: ${p.why}`,
  'vr.fonts.differs': (p: { font: string; part: string }) => `the font ${p.font} (${fontPart(p.part)}) differs from the one chatproof embeds`,
  'vr.fonts.extra': (p: { font: string; part: string }) => `it has a font chatproof does not draw with: ${p.font} (${fontPart(p.part)})`,
  'vr.fonts.missing': (p: { font: string; part: string }) => `it lacks the font ${p.font} (${fontPart(p.part)}) that chatproof draws with`,
  'vr.pages.cannot-render': (p: { why: string }) => `it cannot be rendered again from its own data: ${p.why}`,
  'vr.pages.how-full': (p: { made: string }) => `${p.made} rendered the report again from its embedded originals, manifest and log`,
  'vr.pages.how-private': (p: { made: string }) => `${p.made} rendered the report again from its embedded messages, audit paths, manifest and log`,
  'vr.pages.first-is': 'its first revision is that rendering, but a reader sees it only as the later update leaves it',
  'vr.pages.first-is-not': 'its first revision is not that rendering, but a reader sees it only as the later update leaves it',
  'vr.pages.same-bytes': (p: { how: string; size: number }) =>
    `${p.how}: the file (before any document timestamp) is that rendering byte for byte (${p.size} bytes, every page, font and embedded file)`,
  'vr.pages.same-objects': (p: { how: string; objects: number }) =>
    `${p.how}: the file (before any document timestamp) is that rendering object for object (${p.objects} objects), every stream compared decoded: only the compression bytes differ, as they do between zlib releases`,
  'vr.pages.structure': (p: { why: string }) => `its structure is not what chatproof writes: ${p.why}`,
  'vr.reparse.raw': 'no parser (kept with import --raw: no messages are read from it)',
};
