/**
 * A line of the input as an error or warning quotes it: shortened, with
 * control and invisible format characters made visible, so a person can find it in the file and
 * see what the reader saw (a tab where a space was expected, a stray zero-width character).
 */

const LIMIT = 60;
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

export function shownLine(text: string): string {
  const chars = [...text];
  const cut = chars.length > LIMIT ? `${chars.slice(0, LIMIT).join('')}…` : text;
  const visible = cut.replace(INVISIBLE, (c) => (c === '\t' ? '<TAB>' : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`));
  return `"${visible}"`;
}
