/**
 * Quoted multi-line bodies (docs/design/formats.md §1.3 "Quoted multi-line bodies", §1.8 E2/E3, §5 item 1;
 * FORMAT.md "Quoted bodies"). A body that spans lines is written `"first … last"`; a literal `"`
 * inside it is probably doubled (`""`, CSV style, [uncertain]). A quote closes on a line that
 * ends with an unpaired `"` and is followed by the start of a record (a message or date line,
 * after any blank lines) or the end of the file. When a file has CRLF record ends and bare LFs,
 * only a CRLF line can close (E3). If the quotes turn out not to be doubled, any line ending in
 * `"` can close, and the text is kept as written.
 */
import { msg } from '../../i18n/message.js';
import type { LineTerminator, Lines, SourceLine } from '../lines.js';
import type { Warning } from '../../core/types.js';

export interface QuoteContext {
  readonly lines: Lines;
  /** CRLF ends records and bare LF occurs too: a bare-LF line is inside a quoted body (E3). */
  readonly mixedTerminators: boolean;
  /** Does the line have the shape of a record start (a message or date line)? */
  startsRecord(text: string): boolean;
  /** Does the line have the shape of a message line (for the E2 warning)? */
  looksLikeMessage(text: string): boolean;
}

export type QuotedBody =
  | { readonly kind: 'closed'; readonly lastIndex: number; readonly asWritten: boolean; readonly body: string; readonly warnings: readonly Warning[] }
  /** No closing quote: `messageFollows` tells a one-line message that starts with `"` from a cut-off file. */
  | { readonly kind: 'unclosed'; readonly messageFollows: boolean };

/** How the reader asks about quoted bodies (records.ts): by scanning ahead, or from an earlier pass's answers. */
export interface Quotes {
  /** `strays`: the first line already has unpaired quotes, so the body is kept as written. */
  read(openIndex: number, firstBody: string, strays: boolean): QuotedBody;
  /** Whether the next non-blank line after index `j` starts a record, or the file ends. */
  nextStartsRecord(j: number): boolean;
}

/** A scan's own outcome: `stray-record` is a stop at a message line with an unpaired quote. */
type Scanned = QuotedBody | { readonly kind: 'stray-record' };

/**
 * How a body (the text after the second tab) starts: `none` (no quoted body); `clean` (an opening
 * `"` whose line pairs its quotes as CSV would, so the body goes on); `unless-record-follows`:
 * an opening `"` but the line also closes it (`"hi"`) or has an unpaired `"` (`"Webサイト"の件`).
 * That is text the user typed, whose quotes are never stripped, unless the next line cannot start a
 * record: then the line was the first of a quoted body whose quotes LINE did not double. And
 * `clean-unless-record-follows`: a clean opener ending in CRLF in a file whose bodies hold bare LFs
 * (E3), where LINE opens bodies on LF lines; it opens one only when the next non-blank line cannot
 * start a record, as in a body made of blank lines alone (`"`, an empty line, `"`; src/importers/line/FORMAT.md).
 */
export type QuoteOpening = 'none' | 'clean' | 'unless-record-follows' | 'clean-unless-record-follows';

export function quoteOpening(body: string, terminator: LineTerminator, mixedTerminators: boolean): QuoteOpening {
  if (body.charCodeAt(0) !== 0x22) return 'none';
  const scan = scanLine(body, 1);
  if (scan.closesAtEnd || scan.stray) return 'unless-record-follows';
  return mixedTerminators && terminator === '\r\n' ? 'clean-unless-record-follows' : 'clean';
}

/**
 * Reads quoted bodies, in linear time overall. A scan from opener i that fails (end of file, or a
 * message line with an unpaired quote at line L) fails the same way from any later opener before
 * that point, because a later start only makes closing harder; both failures are remembered, so
 * no line is scanned twice for them. If the terminator rule (E3) leaves a quote unclosed at the
 * end of the file, the line endings were probably edited: the rule is dropped for the rest of the
 * file and the quote is read again (once).
 */
export class QuotedBodies implements Quotes {
  /** Each answer given, in order, as `ReplayedQuotes` reads them (docs/performance.md). */
  readonly log: number[] = [];
  private unclosedFrom = Number.POSITIVE_INFINITY;
  private lastMessageIndex = -1;
  private strayStop = { from: -1, at: -1 };
  private terminatorRule: boolean;

  constructor(private readonly ctx: QuoteContext) {
    this.terminatorRule = ctx.mixedTerminators;
  }

  /** `strays`: the first line already has unpaired quotes, so the body is kept as written. */
  read(openIndex: number, firstBody: string, strays: boolean): QuotedBody {
    const body = this.readOnce(openIndex, firstBody, strays);
    this.log.push(body.kind === 'closed' ? body.lastIndex * 2 + (body.asWritten ? 1 : 0) : body.messageFollows ? UNCLOSED_MESSAGE_FOLLOWS : UNCLOSED);
    return body;
  }

  nextStartsRecord(j: number): boolean {
    const { lines } = this.ctx;
    let k = j + 1;
    while (k < lines.length && lines.at(k)!.text === '') k++;
    const starts = k === lines.length || this.ctx.startsRecord(lines.at(k)!.text);
    this.log.push(starts ? 1 : 0);
    return starts;
  }

  private readOnce(openIndex: number, firstBody: string, strays: boolean): QuotedBody {
    if (openIndex > this.strayStop.from && openIndex < this.strayStop.at) return { kind: 'unclosed', messageFollows: true };
    if (openIndex > this.unclosedFrom) return { kind: 'unclosed', messageFollows: this.lastMessageIndex > openIndex };
    const body = this.scan(openIndex, firstBody, strays);
    if (body.kind === 'closed' || body.kind === 'stray-record' || !this.terminatorRule) return this.outcome(body);
    this.terminatorRule = false;
    this.unclosedFrom = Number.POSITIVE_INFINITY;
    this.strayStop = { from: -1, at: -1 };
    return this.outcome(this.scan(openIndex, firstBody, strays));
  }

  /** Whether the next non-blank line after index `j` starts a record, or the file ends (without logging the answer). */
  private startsRecordAfter(j: number): boolean {
    const { lines } = this.ctx;
    let k = j + 1;
    while (k < lines.length && lines.at(k)!.text === '') k++;
    return k === lines.length || this.ctx.startsRecord(lines.at(k)!.text);
  }

  private outcome(scanned: Scanned): QuotedBody {
    return scanned.kind === 'stray-record' ? { kind: 'unclosed', messageFollows: true } : scanned;
  }

  private scan(openIndex: number, firstBody: string, strays: boolean): Scanned {
    const { lines } = this.ctx;
    let stray = strays;
    let weakClose = -1;
    let pasted: number | null = null;
    let pastedBeforeWeakClose: number | null = null;
    for (let j = openIndex + 1; j < lines.length; j++) {
      const line = lines.at(j)!;
      const quotes = scanLine(line.text, 0);
      const looksLikeMessage = this.ctx.looksLikeMessage(line.text);
      // An unpaired quote in what looks like a message line: were it quoted text, LINE would have
      // doubled it; a new record is the likelier reading, so the opening quote was typed text.
      if (quotes.stray && looksLikeMessage) {
        this.strayStop = { from: openIndex, at: j };
        return { kind: 'stray-record' };
      }
      stray ||= quotes.stray;
      const endsWithQuote = line.text.endsWith('"');
      if (endsWithQuote && this.canEndRecord(line) && this.startsRecordAfter(j)) {
        if (stray || quotes.closesAtEnd) return this.closed(openIndex, j, firstBody, stray, pasted);
        if (weakClose === -1) {
          weakClose = j;
          pastedBeforeWeakClose = pasted;
        }
      }
      // A lone `"` that ends a line without closing the body is text: quotes are not doubled here.
      if (quotes.closesAtEnd) stray = true;
      if (looksLikeMessage) {
        pasted ??= line.number;
        this.lastMessageIndex = j;
      }
    }
    // Quotes doubled everywhere but no line closes as CSV would: fall back on the first line
    // that ends in `"` before a record start (the quotes were probably not doubled at the end).
    if (weakClose !== -1) return this.closed(openIndex, weakClose, firstBody, true, pastedBeforeWeakClose);
    this.unclosedFrom = openIndex;
    return { kind: 'unclosed', messageFollows: this.lastMessageIndex > openIndex };
  }

  private canEndRecord(line: SourceLine): boolean {
    return !this.terminatorRule || line.terminator !== '\n';
  }

  private closed(openIndex: number, lastIndex: number, firstBody: string, asWritten: boolean, pasted: number | null): QuotedBody {
    const { lines } = this.ctx;
    const joined = joinedBody(lines, openIndex, lastIndex, firstBody);
    const first = lines.at(openIndex)!.number;
    const warnings: Warning[] = [];
    if (asWritten && joined.includes('"')) {
      warnings.push({ line: first, message: msg('line.warn.undoubled-quotes', { first, last: lines.at(lastIndex)!.number }) });
    }
    if (pasted !== null) {
      warnings.push({ line: pasted, message: msg('line.warn.inside-quotes', { first }) });
    }
    return { kind: 'closed', lastIndex, asWritten, body: asWritten ? joined : joined.replaceAll('""', '"'), warnings };
  }
}

/** `QuotedBodies.log`: an unclosed body; one with a message line after it. A closed one is `lastIndex * 2 + asWritten`. */
const UNCLOSED = -1;
const UNCLOSED_MESSAGE_FOLLOWS = -2;

/**
 * The answers of an earlier pass's `QuotedBodies`, given again in the same order: a later pass of
 * the reader over the same lines asks the same questions, and gets the same bodies without the
 * scans ahead that found them (a pass more of those would read some inputs 8 times over,
 * test/importers/line/linear.test.ts). The warnings were the earlier pass's to give.
 */
export class ReplayedQuotes implements Quotes {
  private next = 0;

  constructor(
    private readonly lines: Lines,
    private readonly log: readonly number[],
  ) {}

  read(openIndex: number, firstBody: string): QuotedBody {
    const answer = this.answer();
    if (answer === UNCLOSED) return { kind: 'unclosed', messageFollows: false };
    if (answer === UNCLOSED_MESSAGE_FOLLOWS) return { kind: 'unclosed', messageFollows: true };
    const lastIndex = Math.floor(answer / 2);
    if (lastIndex < openIndex) throw new Error(`quoted body replayed out of step: it closes at line index ${lastIndex}, before it opens at ${openIndex}`);
    const asWritten = answer % 2 === 1;
    const joined = joinedBody(this.lines, openIndex, lastIndex, firstBody);
    return { kind: 'closed', lastIndex, asWritten, body: asWritten ? joined : joined.replaceAll('""', '"'), warnings: [] };
  }

  nextStartsRecord(): boolean {
    return this.answer() === 1;
  }

  /**
   * The next answer of the earlier pass. A pass that asked otherwise than the one it replays would
   * make other bodies than the parse found: an internal error, never a silently different message.
   */
  private answer(): number {
    const answer = this.log[this.next++];
    if (answer === undefined) throw new Error('quoted bodies replayed out of step: more questions than the first pass asked');
    return answer;
  }
}

/** The body from its opening `"` (in `firstBody`) to the closing one at the end of line `lastIndex`, lines joined with `\n`. */
function joinedBody(lines: Lines, openIndex: number, lastIndex: number, firstBody: string): string {
  const parts = [firstBody.slice(1)];
  for (let k = openIndex + 1; k < lastIndex; k++) parts.push(lines.at(k)!.text);
  parts.push(lines.at(lastIndex)!.text.slice(0, -1));
  return parts.join('\n');
}

/**
 * Scans a line inside quotes from `from`: `""` is a literal quote; a lone `"` at the end of the
 * line closes the body; a lone `"` anywhere else is a stray (the quotes are not CSV-doubled).
 */
function scanLine(text: string, from: number): { readonly closesAtEnd: boolean; readonly stray: boolean } {
  let stray = false;
  for (let i = text.indexOf('"', from); i !== -1; i = text.indexOf('"', i)) {
    if (text.charCodeAt(i + 1) === 0x22) {
      i += 2;
      continue;
    }
    if (i === text.length - 1) return { closesAtEnd: true, stray };
    stray = true;
    i += 1;
  }
  return { closesAtEnd: false, stray };
}
