/**
 * Text from a chat, a file name or a PDF can carry what a terminal would obey rather than show:
 * escape sequences (ESC, CSI and the rest of C0 and C1: colours, cursor moves, window titles,
 * hyperlinks), carriage returns and backspaces that overwrite a line already printed, and the
 * Unicode controls that reorder or hide text (bidi embeddings, overrides, isolates and marks; line
 * and paragraph separators). Each is printed as a visible escape instead; everything else, kanji
 * and emoji included, stays as it is. Only what is printed for people changes: the archive,
 * --json and the report keep the exact text.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const CONTROLS_AND_LINES = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escapeOf(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16).toUpperCase()}}`;
}

/** The text with every terminal control shown as an escape; `keepLines` leaves newlines and tabs as they are. */
export function visible(text: string, options: { keepLines?: boolean } = {}): string {
  return text.replace(options.keepLines === true ? CONTROLS : CONTROLS_AND_LINES, escapeOf);
}
