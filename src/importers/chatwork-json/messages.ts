/**
 * API message objects (docs/design/formats.md §2.3) → canonical messages. Unknown extra fields are ignored
 * (the API may add some); a missing or mistyped required field refuses the whole input, because
 * a half-read capture would look like deletions later.
 */
import type { Message, MessageKind, Warning } from '../../core/types.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { DELETION_MARKS } from '../../core/diff/removal.js';
import { epochToIso } from '../../core/time.js';
import type { JsonNode } from './json-text.js';

/** The largest epoch second luxon can show (year 9999); anything beyond is not a send time. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

class FieldProblem {
  constructor(
    readonly offset: number,
    readonly problem: Phrase,
  ) {}
}

/**
 * Reads message objects one at a time, as the JSON reader hands them over, so that no tree of the
 * whole list is kept (docs/performance.md): each is checked and made into a message, its warnings
 * kept, and its bytes' place noted; the messages themselves are not kept (`again` makes them
 * again from those places, as they are stored). After a problem the rest is only counted: the
 * input is refused, and a syntax error further on is still the one reported, as when the whole
 * list was read first. `lineOf` turns a node offset into a 1-based line for warnings.
 */
export class MessageReader {
  readonly warnings: Warning[] = [];
  private readonly seenIds = new Set<string>();
  private problem: FieldProblem | null = null;
  /** Where each message's object starts and ends in the bytes, two numbers a message. */
  private places = new Uint32Array(1024);
  /** Items handed over, read or not. */
  count = 0;

  constructor(
    private readonly tz: string,
    private readonly lineOf: (offset: number) => number,
  ) {}

  add(node: JsonNode, end: number): void {
    const n = ++this.count;
    if (this.problem !== null) return;
    try {
      const m = readMessage(node, n, this.tz, (message) => this.warnings.push({ line: this.lineOf(node.offset), message }));
      if (m.externalId !== null && this.seenIds.has(m.externalId)) {
        this.warnings.push({ line: this.lineOf(node.offset), message: msg('chatwork.duplicate-id', { n, id: m.externalId }) });
      }
      if (m.externalId !== null) this.seenIds.add(m.externalId);
      if (2 * n > this.places.length) {
        const more = new Uint32Array(this.places.length * 2);
        more.set(this.places);
        this.places = more;
      }
      this.places.set([node.offset, end], 2 * (n - 1));
    } catch (e) {
      if (!(e instanceof FieldProblem)) throw e;
      this.problem = e;
    }
  }

  /** The refusal, if a message could not be read. */
  refusal(): { readonly offset: number; readonly problem: Phrase } | null {
    return this.problem === null ? null : { offset: this.problem.offset, problem: this.problem.problem };
  }

  /**
   * The messages again, in order, each read anew from its bytes in `source` (the bytes `add` was
   * handed the items of, checked there: reading them again cannot fail).
   */
  *again(source: Uint8Array, read: (bytes: Uint8Array) => JsonNode): Generator<Message> {
    for (let i = 0; i < this.count; i++) {
      const node = read(source.subarray(this.places[2 * i]!, this.places[2 * i + 1]!));
      yield readMessage(node, i + 1, this.tz, () => {});
    }
  }
}

/** `n`: the message's place in the list, from 1. */
function readMessage(node: JsonNode, n: number, tz: string, warn: (message: Phrase) => void): Message {
  // The field a problem is in, by its JSON name (not translated: it is what the file says).
  const field = (path: string): Phrase => msg('chatwork.field', { n, path });
  const label = field('');
  const fields = objectFields(node, label);
  const id = required(fields, 'message_id', node, label);
  if (id.type === 'number') warn(msg('chatwork.id-is-number', { n }));
  const account = required(fields, 'account', node, label);
  const accountFields = objectFields(account, field('account'));
  const name = accountFields.get('name');
  if (name?.type !== 'string') warn(msg('chatwork.no-sender-name', { n }));
  const update = fields.get('update_time');
  if (update === undefined) warn(msg('chatwork.no-update-time', { n }));
  const updateTime = update === undefined ? 0 : epochSeconds(update, field('update_time'));
  const body = stringValue(required(fields, 'body', node, label), field('body'));
  const kind = kindOf(body);
  return {
    kind,
    // docs/design/cli-contract.md: a system message has no sender; the acting account stays in senderId.
    sender: kind !== 'system' && name?.type === 'string' ? name.value : null,
    senderId: digits(required(accountFields, 'account_id', account, field('account')), field('account_id')),
    sentAt: epochToIso(epochSeconds(required(fields, 'send_time', node, label), field('send_time')), tz),
    // docs/design/cli-contract.md: bodies are byte-exact but for line endings, which become \n.
    body: body.replace(/\r\n?/g, '\n'),
    externalId: digits(id, field('message_id')),
    editedAt: updateTime === 0 ? null : epochToIso(updateTime, tz),
  };
}

/**
 * A body that is wholly one `[info]…[/info]` block with a `[dtext:…]` key is a notice Chatwork
 * wrote itself (§2.7 "System messages"): a file upload is `media`, the rest `system`. Chatwork
 * attributes the notice to the acting account (§2.7), so its id is kept as `senderId`.
 */
export function kindOf(body: string): MessageKind {
  // A deleted message's mark is not what its author wrote: `unsent` (a line in its place), which the
  // change core counts as a deletion with the earlier text kept (src/core/diff/removal.ts).
  if (DELETION_MARKS.has(body)) return 'unsent';
  if (!isWhollyInfoBlock(body) || !body.includes('[dtext:')) return 'text';
  return body.startsWith('[info][title][dtext:file_uploaded][/title]') ? 'media' : 'system';
}

function isWhollyInfoBlock(body: string): boolean {
  if (!body.startsWith('[info]') || !body.endsWith('[/info]')) return false;
  let depth = 0;
  for (const m of body.matchAll(/\[(\/?)info\]/g)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length === body.length;
  }
  return false;
}

function objectFields(node: JsonNode, label: Phrase): ReadonlyMap<string, JsonNode> {
  if (node.type !== 'object') throw new FieldProblem(node.offset, msg('chatwork.field.not-object', { field: label, found: describe(node) }));
  return node.members;
}

function required(fields: ReadonlyMap<string, JsonNode>, key: string, owner: JsonNode, label: Phrase): JsonNode {
  const v = fields.get(key);
  if (v === undefined || v.type === 'null') throw new FieldProblem(owner.offset, msg('chatwork.field.missing', { field: label, key }));
  return v;
}

function stringValue(node: JsonNode, label: Phrase): string {
  if (node.type !== 'string') throw new FieldProblem(node.offset, msg('chatwork.field.not-text', { field: label, found: describe(node) }));
  return node.value;
}

/** An id as text, digit for digit from the source (never through a JS number). */
function digits(node: JsonNode, label: Phrase): string {
  if (node.type === 'string' && node.value !== '') return node.value;
  if (node.type === 'number' && /^\d+$/.test(node.raw)) return node.raw;
  throw new FieldProblem(node.offset, msg('chatwork.field.not-id', { field: label, found: describe(node) }));
}

/** Epoch seconds (§2.3): a whole number, as a JSON number or digits in quotes. */
function epochSeconds(node: JsonNode, label: Phrase): number {
  const raw = node.type === 'number' ? node.raw : node.type === 'string' ? node.value : '';
  const seconds = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(seconds <= MAX_EPOCH_SECONDS)) {
    throw new FieldProblem(node.offset, msg('chatwork.field.not-epoch', { field: label, found: describe(node) }));
  }
  return seconds;
}

/** What was found instead: the value as the file writes it (shortened), or the kind of a list or object. */
function describe(node: JsonNode): string | Phrase {
  switch (node.type) {
    case 'string':
      return `"${node.value.length > 30 ? `${node.value.slice(0, 30)}…` : node.value}"`;
    case 'number':
      return node.raw;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return msg('chatwork.found.list');
    case 'object':
      return msg('chatwork.found.object');
  }
}
