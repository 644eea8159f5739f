/**
 * The least a LINE parser must do: split lines and group them into messages. A line that starts
 * with `H:MM<TAB>` or `HH:MM<TAB>` opens a message, a date line is skipped, any other line
 * (quoted-body lines, the blank lines between days) belongs to the message before it. Used by
 * the machine's-limit scripts, which measure the floor under `import`, not a correct parse.
 */
function startsMessage(line: string): boolean {
  const c = line.charCodeAt(1) === 0x3a ? 1 : line.charCodeAt(2) === 0x3a ? 2 : -1;
  return c > 0 && line.charCodeAt(c + 3) === 0x09;
}

function isDate(line: string): boolean {
  return line.length >= 10 && line.charCodeAt(4) === 0x2f && line.charCodeAt(0) >= 0x30 && line.charCodeAt(0) <= 0x39;
}

/** Calls `each` with every message's text (its lines joined by LF). */
export function forEachMessage(text: string, each: (message: string) => void): number {
  let count = 0;
  let current: string | null = null;
  let start = 0;
  while (start < text.length) {
    let lf = text.indexOf('\n', start);
    if (lf === -1) lf = text.length;
    const end = lf > start && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    const line = text.slice(start, end);
    start = lf + 1;
    if (startsMessage(line)) {
      if (current !== null) {
        each(current);
        count++;
      }
      current = line;
    } else if (current !== null && !isDate(line)) {
      current += '\n' + line;
    }
  }
  if (current !== null) {
    each(current);
    count++;
  }
  return count;
}
