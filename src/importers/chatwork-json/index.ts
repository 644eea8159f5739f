/**
 * Chatwork API v2 `GET /rooms/{room_id}/messages` bodies (docs/design/formats.md §2.2–2.3). See FORMAT.md.
 */
import { InputError } from '../../core/errors.js';
import { SIGNATURE_CONFIDENCE, textHead, type DecodedInput, type Importer, type ParseOptions, type ParseOutcome, type Sniff } from '../importer.js';
import { type JsonNode, locator, readJson } from './json-text.js';
import { readMessages } from './messages.js';
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

function sniff(input: DecodedInput): Sniff {
  const head = textHead(input, SNIFF_CHARS).trimStart();
  if (head !== '' && !JSON_START.test(head)) return { confidence: 0, reason: msg('sniff.json.not-json') };
  const text = input.text.trim();
  if (text === '') {
    return /\.json$/i.test(input.name ?? '') ? { confidence: 0.3, reason: msg('sniff.json.empty-file') } : { confidence: 0, reason: msg('sniff.empty') };
  }
  if (!text.startsWith('[') && !text.startsWith('{')) return { confidence: 0, reason: msg('sniff.json.not-json') };
  if (text.includes('"message_id"') && text.includes('"send_time"')) {
    return { confidence: SIGNATURE_CONFIDENCE, reason: msg('sniff.json.chatwork') };
  }
  if (/^\[\s*\]$/.test(text)) return { confidence: 0.5, reason: msg('sniff.json.empty-list') };
  if (/^\{\s*"errors"\s*:/.test(text)) return { confidence: 0.6, reason: msg('sniff.json.error-answer') };
  return { confidence: 0, reason: msg('sniff.json.other') };
}

function parse(input: DecodedInput, options: ParseOptions): ParseOutcome {
  const locate = locator(input.text);
  const where = (offset: number): string => {
    const { line, column } = locate(offset);
    // The line alone (with its column): the CLI puts the file name in front, as for every importer.
    return `${line}:${column}`;
  };
  const lineOf = (offset: number): number => locate(offset).line;
  const json = readJson(input.text);
  if (!json.ok) {
    const { line, column } = locate(json.offset);
    return refuse(msg('chatwork.json-broken', { line, column, problem: json.problem }), where(json.offset), msg('chatwork.json-broken.hint'));
  }
  const list = messageNodes(json.root);
  if ('error' in list) return refuse(list.error, where(json.root?.offset ?? 0), list.hint);
  const read = readMessages(list.nodes, options.tz, lineOf);
  if (!read.ok) {
    return refuse(
      msg('chatwork.message-unreadable', { line: lineOf(read.offset), problem: read.problem }),
      where(read.offset),
      msg('chatwork.message-unreadable.hint'),
    );
  }
  const cutOff = json.cutOff;
  return {
    ok: true,
    result: {
      format: 'chatwork-json',
      source: 'chatwork',
      variant: list.variant,
      room: roomOf(input.name),
      coverage: 'window',
      messages: read.messages,
      warnings: [...input.decodeWarnings, ...read.warnings],
      inferred: null,
      truncated:
        cutOff === null
          ? null
          : {
              line: lineOf(cutOff.offset),
              reason: `the file ends in the middle of message ${list.nodes.length + 1}; the ${list.nodes.length} complete messages before it can be kept`,
            },
    },
  };
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

function refuse(message: Phrase, where: string, hint: Phrase): ParseOutcome {
  return { ok: false, error: new InputError(message, { where, hint }) };
}

export const chatworkJsonImporter: Importer = {
  format: 'chatwork-json',
  source: 'chatwork',
  parserVersion: 'chatwork-json@1',
  description: 'Chatwork API v2 message list (JSON body of GET /rooms/{room_id}/messages)',
  sniff,
  parse,
};
