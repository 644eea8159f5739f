/** English: `import --raw`, which keeps an input as evidence exactly as it is, without reading messages. */
export const rawEn = {
  'help.import.raw': 'keep the input as it is, as evidence, without reading its messages (for a layout chatproof cannot read yet; give --room)',
  'usage.raw-needs-room': 'import --raw keeps the input without reading it, so it cannot tell which room it belongs to. Name the room with --room "TITLE".',
  'usage.raw-needs-format': (p: { room: string }) =>
    `"${p.room}" is a new room, and chatproof cannot tell from the input which service it comes from. Pass --format (line, chatwork-json, chatwork-text, crowdworks, lancers) so the room is made for that service.`,
  'usage.raw-with-options': 'import --raw reads no messages, so --coverage, --member and --yes do not apply to it.',
  'hint.or-keep-raw': (p: { hint: string; where: string }) =>
    `${p.hint} To keep it as evidence anyway, exactly as it is (hashed, logged and in the report, with no messages read): chatproof import --raw "${p.where}" --room "ROOM".`,
  'import.raw-stored': (p: { title: string; size: number }) =>
    `Kept ${p.size} bytes as they are in "${p.title}" (a raw capture: no messages were read; the report shows its text verbatim).`,
};
