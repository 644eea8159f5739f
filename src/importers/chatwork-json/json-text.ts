/**
 * A small JSON reader that keeps every number as its source text, so a 64-bit `message_id` that
 * arrives as a number is never rounded (docs/design/formats.md §2.1, §5 item 6; Node 20's JSON.parse has no
 * access to the source text). It also reports where a syntax error is, and keeps the complete
 * items of a top-level array that was cut off (the file ends mid-record).
 *
 * It reads the UTF-8 bytes, not a decoded text: a 61 MB list of Japanese messages is a 98 MB
 * string (two bytes a character), which the import would otherwise hold beside the bytes
 * (docs/performance.md). Offsets are byte offsets; `locator` turns them into lines and columns
 * in characters. Every byte the reader stops at is ASCII, so an offset is always a character's start.
 */
import { msg, type Phrase } from '../../i18n/message.js';
import { replaceLoneSurrogates } from '../../core/unicode.js';

export type JsonNode = { readonly offset: number } & (
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly raw: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 'array'; readonly items: readonly JsonNode[] }
  | { readonly type: 'object'; readonly members: ReadonlyMap<string, JsonNode> }
);

export type JsonReadResult =
  | { readonly ok: true; readonly root: JsonNode | null; readonly cutOff: { readonly offset: number } | null }
  | { readonly ok: false; readonly offset: number; readonly problem: Phrase };

/** A message list is three levels deep; anything far deeper is not an API response, and recursion stays bounded. */
const MAX_DEPTH = 32;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
/** Longest number text looked at: far longer than any id or time. */
const NUMBER_WINDOW = 512;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly problem: Phrase,
    readonly atEnd: boolean,
  ) {}
}

/**
 * Parses `text` (empty or whitespace-only text gives `root: null`). Never throws but for what
 * `onItem` throws. With `onItem`, each complete item of a top-level list is handed to it as it is
 * read, with the offset just past it, and not kept (the root's `items` stay empty): a
 * 200k-message list never exists as one tree (docs/performance.md).
 */
export function readJson(input: string | Uint8Array, onItem?: (item: JsonNode, end: number) => void): JsonReadResult {
  const reader = new Reader(asBuffer(input), onItem);
  try {
    reader.skipSpace();
    if (reader.atEnd()) return { ok: true, root: null, cutOff: null };
    const root = reader.value(0);
    reader.skipSpace();
    if (!reader.atEnd()) reader.fail(msg('json.trailing'));
    return { ok: true, root, cutOff: reader.cutOff };
  } catch (e) {
    if (e instanceof SyntaxProblem) return { ok: false, offset: e.offset, problem: e.problem };
    throw e;
  }
}

/** The UTF-8 bytes to read, as a Buffer view (no copy of bytes already given). */
function asBuffer(input: string | Uint8Array): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

class Reader {
  private pos = 0;
  cutOff: { offset: number } | null = null;

  constructor(
    private readonly text: Buffer,
    private readonly onItem?: (item: JsonNode, end: number) => void,
  ) {}

  /** The character at the reader (its first byte's character for a structural ASCII one). */
  private char(at = this.pos): string | undefined {
    const b = this.text[at];
    return b === undefined ? undefined : String.fromCharCode(b);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    for (let b = this.text[this.pos]; b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a; b = this.text[++this.pos]);
  }

  /** `atEnd`: the input ran out before the value was complete (a cut-off file, not a typo). */
  fail(problem: Phrase, offset = this.pos, atEnd = offset >= this.text.length): never {
    throw new SyntaxProblem(offset, problem, atEnd);
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(msg('json.too-deep', { max: MAX_DEPTH }));
    const offset = this.pos;
    const c = this.char();
    if (c === '{') return { offset, type: 'object', members: this.object(depth) };
    if (c === '[') return { offset, type: 'array', items: this.array(depth) };
    if (c === '"') return { offset, type: 'string', value: this.string() };
    for (const [word, node] of LITERALS) {
      if (this.text.toString('latin1', this.pos, this.pos + word.length) === word) {
        this.pos += word.length;
        return { offset, ...node };
      }
    }
    const m = NUMBER.exec(this.text.toString('latin1', this.pos, Math.min(this.text.length, this.pos + NUMBER_WINDOW)));
    if (m === null) this.fail(msg('json.expected-value', { found: this.shown() }));
    this.pos += m[0].length;
    return { offset, type: 'number', raw: m[0] };
  }

  private array(depth: number): JsonNode[] {
    const items: JsonNode[] = [];
    const handOver = depth === 0 ? this.onItem : undefined;
    let complete = 0;
    this.pos += 1;
    this.skipSpace();
    if (this.char() === ']') {
      this.pos += 1;
      return items;
    }
    for (;;) {
      const itemStart = this.pos;
      try {
        const item = this.value(depth + 1);
        if (handOver) handOver(item, this.pos);
        else items.push(item);
        complete++;
        this.skipSpace();
        if (this.char() === ']') break;
        if (this.char() !== ',') this.fail(msg('json.expected-list-separator', { found: this.shown() }));
      } catch (e) {
        // A top-level list cut off mid-item: keep the complete items (ParseResult.truncated).
        if (depth === 0 && e instanceof SyntaxProblem && e.atEnd && complete > 0) {
          this.cutOff = { offset: itemStart };
          this.pos = this.text.length;
          return items;
        }
        throw e;
      }
      this.pos += 1;
      this.skipSpace();
    }
    this.pos += 1;
    return items;
  }

  private object(depth: number): Map<string, JsonNode> {
    const members = new Map<string, JsonNode>();
    this.pos += 1;
    this.skipSpace();
    if (this.char() === '}') {
      this.pos += 1;
      return members;
    }
    for (;;) {
      const keyAt = this.pos;
      if (this.char() !== '"') this.fail(msg('json.expected-key', { found: this.shown() }));
      const key = this.string();
      // JSON.parse would silently keep the last one; two values for one field is not a genuine response.
      if (members.has(key)) this.fail(msg('json.duplicate-key', { key }), keyAt);
      this.skipSpace();
      if (this.char() !== ':') this.fail(msg('json.expected-colon', { key, found: this.shown() }));
      this.pos += 1;
      this.skipSpace();
      members.set(key, this.value(depth + 1));
      this.skipSpace();
      if (this.char() === '}') break;
      if (this.char() !== ',') this.fail(msg('json.expected-field-separator', { key, found: this.shown() }));
      this.pos += 1;
      this.skipSpace();
    }
    this.pos += 1;
    return members;
  }

  private string(): string {
    const start = this.pos;
    const text = this.text;
    let escaped = false;
    let i = start + 1;
    // Bytes of a multi-byte character are all 0x80 or more: none is taken for a quote, a backslash or a control character.
    for (; i < text.length; i += 1) {
      const code = text[i]!;
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        escaped = true;
        i += 1;
      } else if (code < 0x20 && text.indexOf(QUOTE, i) === -1) break; // cut off inside the text: reported below
      else if (code < 0x20) this.fail(msg('json.control-character'), i);
    }
    if (text[i] !== QUOTE) this.fail(msg('json.unclosed'), start, true);
    this.pos = i + 1;
    if (!escaped) return replaceLoneSurrogates(text.toString('utf8', start + 1, i));
    try {
      // `\ud800` alone is valid JSON but no character: U+FFFD here, the escape stays in the stored bytes.
      return replaceLoneSurrogates(JSON.parse(text.toString('utf8', start, this.pos)) as string);
    } catch {
      return this.fail(msg('json.bad-escape'), start);
    }
  }

  private shown(): Phrase {
    const c = this.text.toString('utf8', this.pos, Math.min(this.text.length, this.pos + 4)).codePointAt(0);
    if (c === undefined) return msg('json.found.end');
    return c === 0x22 ? msg('json.found.quote') : msg('json.found.character', { character: String.fromCodePoint(c) });
  }
}

const LITERALS: readonly (readonly [string, { type: 'boolean'; value: boolean } | { type: 'null' }])[] = [
  ['true', { type: 'boolean', value: true }],
  ['false', { type: 'boolean', value: false }],
  ['null', { type: 'null' }],
];

/** 1-based line and column (in characters) of byte offsets in the UTF-8 `input`, for messages a person can follow. */
export function locator(input: string | Uint8Array): (offset: number) => { readonly line: number; readonly column: number } {
  const text = asBuffer(input);
  const lineStarts = [0];
  for (let i = text.indexOf(0x0a); i !== -1; i = text.indexOf(0x0a, i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = lineStarts[lo] ?? 0;
    return { line: lo + 1, column: [...text.toString('utf8', start, Math.min(offset, text.length))].length + 1 };
  };
}
