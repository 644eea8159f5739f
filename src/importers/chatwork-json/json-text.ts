/**
 * A small JSON reader that keeps every number as its source text, so a 64-bit `message_id` that
 * arrives as a number is never rounded (docs/design/formats.md §2.1, §5 item 6; Node 20's JSON.parse has no
 * access to the source text). It also reports where a syntax error is, and keeps the complete
 * items of a top-level array that was cut off (the file ends mid-record).
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
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\r\n]*/y;

class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly problem: Phrase,
    readonly atEnd: boolean,
  ) {}
}

/** Parses `text` (empty or whitespace-only text gives `root: null`). Never throws. */
export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text);
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

class Reader {
  private pos = 0;
  cutOff: { offset: number } | null = null;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  /** `atEnd`: the input ran out before the value was complete (a cut-off file, not a typo). */
  fail(problem: Phrase, offset = this.pos, atEnd = offset >= this.text.length): never {
    throw new SyntaxProblem(offset, problem, atEnd);
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(msg('json.too-deep', { max: MAX_DEPTH }));
    const offset = this.pos;
    const c = this.text[this.pos];
    if (c === '{') return { offset, type: 'object', members: this.object(depth) };
    if (c === '[') return { offset, type: 'array', items: this.array(depth) };
    if (c === '"') return { offset, type: 'string', value: this.string() };
    for (const [word, node] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { offset, ...node };
      }
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) this.fail(msg('json.expected-value', { found: this.shown() }));
    this.pos += m[0].length;
    return { offset, type: 'number', raw: m[0] };
  }

  private array(depth: number): JsonNode[] {
    const items: JsonNode[] = [];
    this.pos += 1;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return items;
    }
    for (;;) {
      const itemStart = this.pos;
      try {
        items.push(this.value(depth + 1));
        this.skipSpace();
        if (this.text[this.pos] === ']') break;
        if (this.text[this.pos] !== ',') this.fail(msg('json.expected-list-separator', { found: this.shown() }));
      } catch (e) {
        // A top-level list cut off mid-item: keep the complete items (ParseResult.truncated).
        if (depth === 0 && e instanceof SyntaxProblem && e.atEnd && items.length > 0) {
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
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return members;
    }
    for (;;) {
      const keyAt = this.pos;
      if (this.text[this.pos] !== '"') this.fail(msg('json.expected-key', { found: this.shown() }));
      const key = this.string();
      // JSON.parse would silently keep the last one; two values for one field is not a genuine response.
      if (members.has(key)) this.fail(msg('json.duplicate-key', { key }), keyAt);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(msg('json.expected-colon', { key, found: this.shown() }));
      this.pos += 1;
      this.skipSpace();
      members.set(key, this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.pos] === '}') break;
      if (this.text[this.pos] !== ',') this.fail(msg('json.expected-field-separator', { key, found: this.shown() }));
      this.pos += 1;
      this.skipSpace();
    }
    this.pos += 1;
    return members;
  }

  private string(): string {
    const start = this.pos;
    let i = start + 1;
    for (; i < this.text.length; i += 1) {
      const code = this.text.charCodeAt(i);
      if (code === 0x22) break;
      if (code === 0x5c) i += 1;
      else if (code < 0x20 && this.text.indexOf('"', i) === -1) break; // cut off inside the text: reported below
      else if (code < 0x20) this.fail(msg('json.control-character'), i);
    }
    if (this.text.charCodeAt(i) !== 0x22) this.fail(msg('json.unclosed'), start, true);
    this.pos = i + 1;
    try {
      // `\ud800` alone is valid JSON but no character: U+FFFD here, the escape stays in the stored bytes.
      return replaceLoneSurrogates(JSON.parse(this.text.slice(start, this.pos)) as string);
    } catch {
      return this.fail(msg('json.bad-escape'), start);
    }
  }

  private shown(): Phrase {
    const c = this.text.codePointAt(this.pos);
    if (c === undefined) return msg('json.found.end');
    return c === 0x22 ? msg('json.found.quote') : msg('json.found.character', { character: String.fromCodePoint(c) });
  }
}

const LITERALS: readonly (readonly [string, { type: 'boolean'; value: boolean } | { type: 'null' }])[] = [
  ['true', { type: 'boolean', value: true }],
  ['false', { type: 'boolean', value: false }],
  ['null', { type: 'null' }],
];

/** 1-based line and column (in characters) of offsets in `text`, for messages a person can follow. */
export function locator(text: string): (offset: number) => { readonly line: number; readonly column: number } {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = lineStarts[lo] ?? 0;
    return { line: lo + 1, column: [...text.slice(start, Math.min(offset, text.length))].length + 1 };
  };
}
