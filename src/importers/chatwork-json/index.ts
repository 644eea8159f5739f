/**
 * Chatwork API v2 `GET /rooms/{room_id}/messages` bodies (docs/design/formats.md §2.2–2.3). See FORMAT.md.
 */
import { InputError } from '../../core/errors.js';
import {
  collect,
  SIGNATURE_CONFIDENCE,
  textHead,
  type DecodedInput,
  type Importer,
  type ParseOptions,
  type ParseOutcome,
  type Sniff,
  type Refusal,
  type StreamOutcome,
} from '../importer.js';
import { type JsonNode, locator, readJson } from './json-text.js';
import { MessageReader } from './messages.js';
import { msg, type Phrase } from '../../i18n/message.js';

/** `…room-123456…`, `rooms_123456`: the room id is not in the body (§2.2), only in a name we chose. */
const ROOM_IN_NAME = /rooms?[-_](\d+)/i;

export function roomIdFromFileName(name: string | null): string | null {
  const base = name?.split(/[\\/]/).pop() ?? '';
  return ROOM_IN_NAME.exec(base)?.[1] ?? null;
}

/** Enough of the start to see whether a JSON list or object begins there. */
const SNIFF_CHARS = 4096;

/**
 * What a JSON list or object can start with: `{`, or `[` then a value or `]` (or the end of what
 * was looked at). A LINE export starts with "[LINE]", which is none of these: told without making
 * its whole text, which every import sniffs (docs/performance.md).
 */
const JSON_START = /^(?:\{|\[\s*(?:[[{\]"\-\d]|true|false|null|$))/;

/** The input as the JSON reader reads it: its UTF-8 bytes, never a decoded copy of a large file. */
function utf8Of(input: DecodedInput): Uint8Array | string {
  return input.utf8 ?? input.text;
}

/** JSON whitespace. */
const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;

function sniff(input: DecodedInput): Sniff {
  const head = textHead(input, SNIFF_CHARS).trimStart();
  if (head !== '' && !JSON_START.test(head)) return { confidence: 0, reason: msg('sniff.json.not-json') };
  // Looked at as bytes: the whole text of a large list is never made to be sniffed (docs/performance.md).
  const source = utf8Of(input);
  const bytes = typeof source === 'string' ? Buffer.from(source.trim(), 'utf8') : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  let first = 0;
  let last = bytes.length - 1;
  while (first <= last && isSpace(bytes[first])) first++;
  while (last >= first && isSpace(bytes[last])) last--;
  if (first > last) {
    return /\.json$/i.test(input.name ?? '') ? { confidence: 0.3, reason: msg('sniff.json.empty-file') } : { confidence: 0, reason: msg('sniff.empty') };
  }
  if (bytes[first] !== 0x5b && bytes[first] !== 0x7b) return { confidence: 0, reason: msg('sniff.json.not-json') };
  if (bytes.includes('"message_id"') && bytes.includes('"send_time"')) {
    return { confidence: SIGNATURE_CONFIDENCE, reason: msg('sniff.json.chatwork') };
  }
  let inner = first + 1;
  while (inner < last && isSpace(bytes[inner])) inner++;
  if (bytes[first] === 0x5b && inner === last && bytes[last] === 0x5d) return { confidence: 0.5, reason: msg('sniff.json.empty-list') };
  if (/^\{\s*"errors"\s*:/.test(head)) return { confidence: 0.6, reason: msg('sniff.json.error-answer') };
  return { confidence: 0, reason: msg('sniff.json.other') };
}

function parse(input: DecodedInput, options: ParseOptions): ParseOutcome {
  const streamed = stream(input, options);
  return streamed.ok ? { ok: true, result: collect(streamed.result) } : streamed;
}

/**
 * The list is read once to check every message and gather the warnings, keeping only where each
 * message's bytes are; the messages are made again from there as they are stored. A 200k list
 * then never holds its 200k messages at once (docs/performance.md), for a second read of each.
 */
function stream(input: DecodedInput, options: ParseOptions): StreamOutcome {
  const source = bytesOf(utf8Of(input));
  const locate = locator(source);
  const where = (offset: number): string => {
    const { line, column } = locate(offset);
    // The line alone (with its column): the CLI puts the file name in front, as for every importer.
    return `${line}:${column}`;
  };
  const lineOf = (offset: number): number => locate(offset).line;
  // The items of a top-level list are checked as they are read; an object root is read whole.
  const items = new MessageReader(options.tz, lineOf);
  const json = readJson(source, (item, end) => items.add(item, end));
  if (!json.ok) {
    const { line, column } = locate(json.offset);
    return refuse(msg('chatwork.json-broken', { line, column, problem: json.problem }), where(json.offset), msg('chatwork.json-broken.hint'));
  }
  const list = messageNodes(json.root);
  if ('error' in list) return refuse(list.error, where(json.root?.offset ?? 0), list.hint);
  for (const node of list.nodes) items.add(node, source.length);
  const refusal = items.refusal();
  if (refusal !== null) {
    return refuse(
      msg('chatwork.message-unreadable', { line: lineOf(refusal.offset), problem: refusal.problem }),
      where(refusal.offset),
      msg('chatwork.message-unreadable.hint'),
    );
  }
  const cutOff = json.cutOff;
  const warnings = [...input.decodeWarnings, ...items.warnings];
  return {
    ok: true,
    result: {
      format: 'chatwork-json',
      source: 'chatwork',
      variant: list.variant,
      room: roomOf(input.name),
      coverage: 'window',
      messages: { max: items.count, each: () => items.again(source, itemAt) },
      warningsWith: () => warnings,
      inferred: null,
      truncated:
        cutOff === null
          ? null
          : {
              line: lineOf(cutOff.offset),
              reason: `the file ends in the middle of message ${items.count + 1}; the ${items.count} complete messages before it can be kept`,
            },
    },
  };
}

function bytesOf(source: Uint8Array | string): Buffer {
  if (typeof source === 'string') return Buffer.from(source, 'utf8');
  return Buffer.from(source.buffer, source.byteOffset, source.byteLength);
}

/** A message object the first read checked, read again from its bytes. */
function itemAt(bytes: Uint8Array): JsonNode {
  const read = readJson(bytes);
  if (!read.ok || read.root === null) throw new Error('a checked Chatwork message no longer reads');
  return read.root;
}

/**
 * The room a file name gives (`room-123456.json`): its id, and until the first sync or `--room`
 * names it, the title `chatproof sync` gives a room it has no name for (src/app/sync-room.ts).
 */
function roomOf(name: string | null): { readonly title: string | null; readonly externalId: string | null } {
  const id = roomIdFromFileName(name);
  return { title: id === null ? null : `Chatwork room ${id}`, externalId: id };
}

type MessageNodes = { readonly nodes: readonly JsonNode[]; readonly variant: string } | { readonly error: Phrase; readonly hint: Phrase };

function messageNodes(root: JsonNode | null): MessageNodes {
  if (root === null) return { nodes: [], variant: 'chatwork/api-v2-empty' };
  if (root.type === 'array') return { nodes: root.items, variant: 'chatwork/api-v2-messages' };
  if (root.type === 'object' && root.members.has('webhook_event')) {
    return { error: msg('chatwork.webhook'), hint: msg('chatwork.webhook.hint') };
  }
  if (root.type === 'object' && root.members.has('message_id')) return { nodes: [root], variant: 'chatwork/api-v2-message' };
  if (root.type === 'object' && root.members.get('errors')?.type === 'array') {
    const errors = root.members.get('errors');
    const texts = errors?.type === 'array' ? errors.items.flatMap((e) => (e.type === 'string' ? [e.value] : [])) : [];
    return { error: msg('chatwork.error-answer', { errors: texts.join('; ') }), hint: msg('chatwork.error-answer.hint') };
  }
  return { error: msg('chatwork.not-messages'), hint: msg('chatwork.not-messages.hint') };
}

function refuse(message: Phrase, where: string, hint: Phrase): Refusal {
  return { ok: false, error: new InputError(message, { where, hint }) };
}

export const chatworkJsonImporter: Importer = {
  format: 'chatwork-json',
  source: 'chatwork',
  parserVersion: 'chatwork-json@1',
  description: 'Chatwork API v2 message list (JSON body of GET /rooms/{room_id}/messages)',
  sniff,
  parse,
  stream,
};
