/**
 * The lines of a decoded text, as the LINE reader and the tests read them: CRLF and LF line
 * breaks, each line with the terminator that ended it.
 */

/** How a line ended in the decoded text; '' for a last line without a line break. */
export type LineTerminator = '\r\n' | '\n' | '';

export interface SourceLine {
  /** The line's text without its terminator. */
  readonly text: string;
  /** 1-based line number in the decoded text: the number warnings and errors name. */
  readonly number: number;
  readonly terminator: LineTerminator;
}

/** Lines read by index: a `SourceLine[]` is one, and so is a `LineIndex`. */
export interface Lines {
  readonly length: number;
  /** The line at a 0-based index (never negative), or undefined past the end. */
  at(index: number): SourceLine | undefined;
}

/**
 * The lines of a text as `splitLines` reads them, kept as offsets: a line's string and object are
 * made when it is read and dropped right after. A whole export split up front was a string and an
 * object per line, held until the parse ended: ~19 MB of a 200k-message LINE import's peak
 * (issue 8). Property-tested equal to `splitLines` (test/importers/decode.test.ts).
 */
export class LineIndex implements Lines {
  readonly length: number;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly crlf: Uint8Array;

  constructor(private readonly source: string) {
    let count = 0;
    for (let lf = source.indexOf('\n'); lf !== -1; lf = source.indexOf('\n', lf + 1)) count++;
    if (source.length > 0 && source.charCodeAt(source.length - 1) !== 0x0a) count++;
    this.length = count;
    this.starts = new Uint32Array(count);
    this.ends = new Uint32Array(count);
    this.crlf = new Uint8Array(count);
    let start = 0;
    for (let i = 0; i < count; i++) {
      const lf = source.indexOf('\n', start);
      this.starts[i] = start;
      if (lf === -1) {
        this.ends[i] = source.length;
        break;
      }
      const crlf = lf > start && source.charCodeAt(lf - 1) === 0x0d;
      this.ends[i] = crlf ? lf - 1 : lf;
      this.crlf[i] = crlf ? 1 : 0;
      start = lf + 1;
    }
  }

  at(index: number): SourceLine | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    return { text: this.source.slice(this.starts[index], this.ends[index]), number: index + 1, terminator: this.terminatorAt(index) };
  }

  private terminatorAt(index: number): LineTerminator {
    if (this.crlf[index] === 1) return '\r\n';
    return this.ends[index] === this.source.length ? '' : '\n';
  }
}

/**
 * Splits on CRLF and LF (formats.md §1.3), keeping which one ended each line: LINE writes CRLF
 * between records and bare LF inside quoted bodies in some files (§1.8 E3). A lone CR is content.
 * A final line break does not start an empty last line. Linear time (one indexOf pass).
 */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    if (lf === -1) {
      lines.push({ text: text.slice(start), number: lines.length + 1, terminator: '' });
      break;
    }
    const crlf = lf > start && text.charCodeAt(lf - 1) === 0x0d;
    lines.push({ text: text.slice(start, crlf ? lf - 1 : lf), number: lines.length + 1, terminator: crlf ? '\r\n' : '\n' });
    start = lf + 1;
  }
  return lines;
}
