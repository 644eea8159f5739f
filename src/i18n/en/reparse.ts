/** English: `reparse CAPTURE`, which reads a capture kept with `import --raw` again once a parser reads its layout. */
export const reparseEn = {
  'help.reparse':
    'read a capture kept with import --raw again, now that chatproof reads its layout: its messages become a new capture of the same original, as of the time it was kept',
  'help.reparse.tz': 'Times the original writes without an offset are read in the zone the capture was kept in, unless --tz names another.',
  'help.reparse.format': (p: { formats: string }) => `input format: ${p.formats} (auto: detect)`,
  'help.reparse.member': 'a room member, to split sender names from LINE desktop lines',
  'help.reparse.yes': 'answer yes to the confirmation an inferred paste or a truncated input asks for',
  'usage.reparse-not-raw': (p: { capture: string; format: string }) =>
    `Capture ${p.capture} was read when it was imported (as ${p.format}): only a capture kept with import --raw is read again.`,
  'usage.reparse-not-raw.hint': 'Run chatproof captures ROOM: a capture kept with import --raw is marked "kept as it is, not read".',
  'hint.reparse-still-raw': (p: { hint: string; capture: string }) =>
    `${p.hint} Capture ${p.capture} stays kept as it is (hashed, logged and in the report): nothing was stored. Try another --format, or run chatproof reparse ${p.capture} again after updating chatproof.`,
  'usage.reparse-other-source': (p: { capture: string; format: string; title: string; source: string }) =>
    `Capture ${p.capture} was kept in "${p.title}", a ${p.source} room: read as ${p.format}, its messages could not go into that room. Nothing was read or stored.`,
  'usage.reparse-other-source.hint': "Pass --format with a format of the room's service (chatwork-json or chatwork-text for Chatwork).",
  'usage.reparse-done': (p: { capture: string; reparse: string }) =>
    `Capture ${p.capture} was already read with this parser, in this time zone: its messages are capture ${p.reparse}. Reading it again would record the same messages.`,
  'usage.reparse-done.hint': 'See them with chatproof show ROOM --capture ID.',
  'reparse.read': (p: { capture: string; format: string; messages: number; at: string }) =>
    `Read capture ${p.capture} again as ${p.format}: ${p.messages} messages, as of ${p.at} (when it was kept, or the save time its text states), not as of now.`,
  'captures.reparse-of': (p: { capture: string }) => `(reads ${p.capture} again: as of its time)`,
  'integrity.reparse-of-wrong': (p: { where: string; expected: string; actual: string }) =>
    `A capture claims to read another capture's original again, but that capture is not what it names (${p.where}): expected ${p.expected}; found ${p.actual}. Its messages would be dated by the wrong capture. Nothing was written.`,
  'captures.raw': '(kept as it is, not read: chatproof reparse ID reads it once chatproof reads its layout)',
};
