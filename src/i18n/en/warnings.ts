/** English: importer warnings about the bytes (decode.ts) and the LINE text (importers/line/), kept word for word as the goldens have them. */
export const warningsEn = {
  'decode.utf16-half': 'the file ends with half a character (UTF-16 needs two bytes for each); the last byte was ignored, so the file may be cut off.',
  'decode.surrogate': (p: { line: number }) =>
    `Line ${p.line} has half of a UTF-16 character pair, which is no character; it was replaced by � (the original bytes are kept as they are).`,
  'decode.surrogate.more': (p: { count: number; line: number }) =>
    `${p.count} more lines from line ${p.line} on have half of a UTF-16 character pair; it was replaced by �.`,
  'decode.bad-utf8': 'this line has bytes that are not valid UTF-8; they were replaced by � (the original bytes are kept as they are).',
  'decode.bad-utf8.more': (p: { more: number }) => `this line and ${p.more} more after it have bytes that are not valid UTF-8; they were replaced by �.`,
  'line.warn.group-title': (p: { header: string; senders: number; title: string }) =>
    `the header reads like a one-to-one chat with "${p.header}", but ${p.senders} people write in it, so the room was taken to be the group "${p.title}".`,
  'line.warn.no-such-time': (p: { tz: string }) => `the time of this message does not exist in the time zone ${p.tz}; the message was left out.`,
  'line.warn.undoubled-quotes': (p: { first: number; last: number }) =>
    `the message on lines ${p.first}–${p.last} has double quotes that LINE did not double; they were kept exactly as written.`,
  'line.warn.inside-quotes': (p: { first: number }) =>
    `this line looks like a separate message, but it is inside the quotes of the message that starts on line ${p.first}, so it was kept as part of that message's text (docs/design/formats.md E2). Check it if the file was edited.`,
  'line.warn.unclosed-quote': 'this message starts with a double quote (") that is never closed, so it was read as a one-line message.',
};
