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

/** Lines by index (line `index` is line number `index + 1`) that can also be read in part. */
export interface IndexedLines extends Lines {
  terminatorAt(index: number): LineTerminator;
  /**
   * The start of line `index`: the whole line if it is short, else a prefix of about `size` units
   * (characters of a text, bytes of UTF-8, never half a character), and whether it is whole.
   */
  headAt(index: number, size: number): { readonly text: string; readonly whole: boolean };
}

/**
 * The lines of a text as `splitLines` reads them, kept as offsets: a line's string and object are
 * made when it is read and dropped right after. A whole export split up front was a string and an
 * object per line, held until the parse ended: ~19 MB of a 200k-message LINE import's peak
 * (docs/performance.md). Property-tested equal to `splitLines` (test/importers/decode.test.ts).
 */
export class LineIndex implements IndexedLines {
  readonly length: number;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly crlf: Uint8Array;

  static ofText(text: string): LineIndex {
    return new LineIndex(
      text.length,
      (from) => text.indexOf('\n', from),
      (at) => text.charCodeAt(at) === 0x0d,
      (start, end) => text.slice(start, end),
      (at) => (text.charCodeAt(at) & 0xfc00) === 0xdc00,
    );
  }

  /**
   * The lines of valid UTF-8 bytes, each decoded when it is read: the lines of the decoded text
   * (LF and CR bytes never occur inside a UTF-8 sequence, so a byte line is a text line), without
   * ever making that text, a 17 MB string at 200k LINE messages that lived through the import.
   */
  static ofUtf8(utf8: Uint8Array): LineIndex {
    const bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
    return new LineIndex(
      bytes.length,
      (from) => bytes.indexOf(0x0a, from),
      (at) => bytes[at] === 0x0d,
      (start, end) => bytes.toString('utf8', start, end),
      (at) => (bytes[at]! & 0xc0) === 0x80,
    );
  }

  /**
   * `size` units (UTF-16 units or bytes): line feeds and carriage returns found by the first two
   * functions, text made by `slice`, and `inCharacter` true where a unit continues a character (the
   * low half of a surrogate pair, a UTF-8 continuation byte).
   */
  private constructor(
    private readonly size: number,
    lfFrom: (from: number) => number,
    crAt: (at: number) => boolean,
    private readonly slice: (start: number, end: number) => string,
    private readonly inCharacter: (at: number) => boolean,
  ) {
    let length = 0;
    for (let lf = lfFrom(0); lf !== -1; lf = lfFrom(lf + 1)) length++;
    if (size > 0 && lfFrom(size - 1) !== size - 1) length++;
    this.length = length;
    this.starts = new Uint32Array(length);
    this.ends = new Uint32Array(length);
    this.crlf = new Uint8Array(length);
    let start = 0;
    for (let i = 0; i < length; i++) {
      const lf = lfFrom(start);
      this.starts[i] = start;
      if (lf === -1) {
        this.ends[i] = size;
        break;
      }
      const cr = lf > start && crAt(lf - 1);
      this.ends[i] = cr ? lf - 1 : lf;
      this.crlf[i] = cr ? 1 : 0;
      start = lf + 1;
    }
  }

  at(index: number): SourceLine | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    return { text: this.slice(this.starts[index]!, this.ends[index]!), number: index + 1, terminator: this.terminatorAt(index) };
  }

  terminatorAt(index: number): LineTerminator {
    if (this.crlf[index] === 1) return '\r\n';
    return this.ends[index] === this.size ? '' : '\n';
  }

  headAt(index: number, size: number): { readonly text: string; readonly whole: boolean } {
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    if (end - start <= size) return { text: this.slice(start, end), whole: true };
    let cut = start + size;
    while (cut > start && this.inCharacter(cut)) cut--;
    return { text: this.slice(start, cut), whole: false };
  }
}

/**
 * Splits on CRLF and LF (docs/design/formats.md §1.3), keeping which one ended each line: LINE writes CRLF
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
