/**
 * Reading the non-message answers of the API (docs/design/formats.md §2.4): the rooms list, a room's file list
 * and a file's download link. Ids are read digit by digit from the JSON text (json-text.ts), never
 * through a JS number. Message lists are read by the chatwork-json importer instead, so that a
 * sync and an import of the same body give the same messages.
 */
import { ServiceError } from '../core/errors.js';
import { epochToIso } from '../core/time.js';
import { type JsonNode, readJson } from '../importers/chatwork-json/json-text.js';
import type { ChatworkFile } from './file-list.js';
import { msg, type Phrase } from '../i18n/message.js';

export interface ListedRoom {
  readonly roomId: string;
  readonly name: string;
}

/** GET /rooms → the rooms the token's account is in. */
export function readRoomList(body: Uint8Array): ListedRoom[] {
  return items(body, 'GET /rooms').map((node, i) => {
    const f = fields(node, `room ${i + 1} of GET /rooms`);
    return { roomId: digits(f.get('room_id'), `room ${i + 1}: room_id`), name: text(f.get('name'), `room ${i + 1}: name`) };
  });
}

/** GET /rooms/{id}/files → the file list (empty body: 204, no files). */
export function readFileList(body: Uint8Array, tz: string): ChatworkFile[] {
  return items(body, 'GET /rooms/{id}/files').map((node, i) => {
    const label = `file ${i + 1} of the file list`;
    const f = fields(node, label);
    const account = f.get('account');
    const accountId = account?.type === 'object' ? account.members.get('account_id') : undefined;
    const messageId = f.get('message_id');
    return {
      fileId: digits(f.get('file_id'), `${label}: file_id`),
      name: text(f.get('filename'), `${label}: filename`),
      size: Number(digits(f.get('filesize'), `${label}: filesize`)),
      uploadedAt: epochToIso(Number(digits(f.get('upload_time'), `${label}: upload_time`)), tz),
      messageId: messageId === undefined || messageId.type === 'null' ? null : digits(messageId, `${label}: message_id`),
      accountId: accountId === undefined ? null : digits(accountId, `${label}: account_id`),
      sha256: null,
    };
  });
}

/** GET /rooms/{id}/files/{file_id}?create_download_url=1 → the link (valid about 30 s). */
export function readDownloadUrl(body: Uint8Array): string {
  const root = parse(body, 'GET /rooms/{id}/files/{file_id}');
  return text(root === null ? undefined : fields(root, 'the file answer').get('download_url'), 'download_url');
}

function parse(body: Uint8Array, what: string): JsonNode | null {
  const read = readJson(Buffer.from(body).toString('utf8'));
  if (!read.ok || read.cutOff !== null) throw unreadable(what, read.ok ? msg('json.cut-off') : read.problem);
  return read.root;
}

function items(body: Uint8Array, what: string): readonly JsonNode[] {
  const root = parse(body, what);
  if (root === null) return [];
  if (root.type !== 'array') throw unreadable(what, 'expected a list [...]');
  return root.items;
}

function fields(node: JsonNode, label: string): ReadonlyMap<string, JsonNode> {
  if (node.type !== 'object') throw unreadable(label, 'expected an object {...}');
  return node.members;
}

function digits(node: JsonNode | undefined, label: string): string {
  if (node?.type === 'number' && /^\d+$/.test(node.raw)) return node.raw;
  if (node?.type === 'string' && /^\d+$/.test(node.value)) return node.value;
  throw unreadable(label, 'expected a whole number');
}

function text(node: JsonNode | undefined, label: string): string {
  if (node?.type === 'string') return node.value;
  throw unreadable(label, 'expected text');
}

function unreadable(what: string, problem: string | Phrase): ServiceError {
  return new ServiceError(msg('service.unreadable', { what, problem }), { hint: msg('service.unreadable.hint') });
}
