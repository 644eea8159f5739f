/**
 * One room of `sync chatwork`: fetch the latest window (force=1, docs/design/formats.md §2.2) and the file
 * list, compare with what the archive holds, and record a capture (one transaction, docs/design/evidence-model.md P8) only when
 * something changed — or hand a 403/404 to unreachable.ts.
 */
import { messageHash } from '../core/canonical.js';
import { InputError, ServiceError } from '../core/errors.js';
import { sha256Hex } from '../core/hash.js';
import { MerkleBuilder } from '../core/merkle.js';
import { epochToIso } from '../core/time.js';
import type { Message } from '../core/types.js';
import { chatworkJsonImporter } from '../importers/chatwork-json/index.js';
import { decodeInput } from '../importers/decode.js';
import type { DecodedInput } from '../importers/importer.js';
import { readFileList } from '../sync/api-bodies.js';
import type { ApiResponse } from '../sync/chatwork-client.js';
import { fetchMissingFiles, MAX_DOWNLOAD_BYTES } from '../sync/downloads.js';
import { type ChatworkFile, compareFileLists, type FileListChanges, hasFileChanges } from '../sync/file-list.js';
import { NOTHING_KNOWN, type PreviousState, previousState } from './sync-room-state.js';
import type { RoomOutcome, RoomTarget, SyncContext } from './sync-types.js';
import { unreachable } from './sync-unreachable.js';
import { msg, type Phrase } from '../i18n/message.js';

const ROOM_ANSWERS = [200, 204, 403, 404];

export async function syncRoom(ctx: SyncContext, target: RoomTarget): Promise<RoomOutcome> {
  const id = target.externalId;
  const known = ctx.archive.roomByExternalId('chatwork', id) ?? null;
  const title = known?.title ?? target.listedName ?? `Chatwork room ${id}`;
  const base = { externalId: id, title, room: known, capture: null, entry: null, reasons: [], files: null, refusal: null, warnings: [] };

  const messages = await ctx.client.get(`/rooms/${id}/messages?force=1`, ROOM_ANSWERS);
  if (messages.status === 403 || messages.status === 404) return unreachable(ctx, base, target, messages);
  const filesAnswer = await ctx.client.get(`/rooms/${id}/files`, ROOM_ANSWERS);
  if (filesAnswer.status === 403 || filesAnswer.status === 404) return unreachable(ctx, base, target, filesAnswer);

  const parsed = parseWindow(messages, id, ctx.tz);
  const before = known === null ? NOTHING_KNOWN : previousState(ctx.archive, known.id);
  const files = withKnownBytes(readFileList(filesAnswer.body, ctx.tz), before.files);
  const fileChanges = compareFileLists(before.files ?? [], files);
  const limitation =
    messages.headers.get('chatwork-message-limitation') === 'true'
      ? { limited: true, summary: messages.headers.get('chatwork-message-limitation-summary') }
      : null;
  const changed = changeReasons(before, { messages: parsed.messages, files, fileChanges, limitation }, ctx.downloadFiles);
  if (changed.length === 0 && !ctx.always) return { ...base, status: 'unchanged', files: fileChanges, warnings: parsed.warnings };
  const reasons = changed.length > 0 ? changed : ['--always'];

  const downloaded = ctx.downloadFiles ? await fetchMissingFiles(ctx.client, id, files) : { files, bytes: [], warnings: [] };
  const recorded = await ctx.archive.recordCaptureAsync({
    room: known !== null ? { id: known.id } : { source: 'chatwork', externalId: id, title },
    raw: messages.body,
    format: chatworkJsonImporter.format,
    variant: parsed.variant,
    parserVersion: chatworkJsonImporter.parserVersion,
    tz: ctx.tz,
    coverageKind: 'window',
    messages: parsed.messages,
    // force=1 answers "the latest 100" as of the request, so the window reaches up to then (docs/design/evidence-model.md P6).
    ...windowEnd(messages, ctx.tz),
    meta: {
      api: { messages: messages.request, status: messages.status, files: filesAnswer.request, serverDate: messages.headers.get('date') },
      roomName: target.listedName,
      roomsBlob: sha256Hex(ctx.roomsBody),
      files: downloaded.files,
      filesBlob: sha256Hex(filesAnswer.body),
      messageLimitation: limitation,
      reasons,
      warnings: parsed.warnings.length + downloaded.warnings.length,
    },
    extraBlobs: [ctx.roomsBody, filesAnswer.body, ...downloaded.bytes],
  });
  return {
    ...base,
    room: recorded.room,
    status: 'captured',
    capture: recorded.capture,
    entry: recorded.entry,
    reasons,
    files: fileChanges,
    warnings: [...parsed.warnings, ...downloaded.warnings],
  };
}

interface Fetched {
  readonly messages: readonly Message[];
  readonly files: readonly ChatworkFile[];
  readonly fileChanges: FileListChanges;
  readonly limitation: unknown;
}

/** Why the answers are worth a capture; empty when they show nothing the archive does not already hold. */
function changeReasons(before: PreviousState, now: Fetched, downloadFiles: boolean): string[] {
  if (before.merkleRoot === null) return ['first capture'];
  const reasons: string[] = [];
  if (before.merkleRoot !== merkleRootOf(now.messages)) reasons.push('messages changed');
  if (before.files === null && now.files.length > 0) reasons.push('file list first kept');
  if (before.files !== null && hasFileChanges(now.fileChanges)) reasons.push('files changed');
  if (JSON.stringify(now.limitation) !== JSON.stringify(before.messageLimitation)) reasons.push('message limitation changed');
  if (before.unreachable !== null) reasons.push('room answers again');
  if (downloadFiles && now.files.some((f) => f.sha256 === null && f.size <= MAX_DOWNLOAD_BYTES)) reasons.push('files to download');
  return reasons;
}

/** Bytes downloaded for an earlier capture still stand for the same file (same id and size): not fetched again. */
function withKnownBytes(files: readonly ChatworkFile[], known: readonly ChatworkFile[] | null): ChatworkFile[] {
  return files.map((f) => ({ ...f, sha256: known?.find((k) => k.fileId === f.fileId && k.size === f.size)?.sha256 ?? null }));
}

/** The messages body through the same importer as `import --format chatwork-json`, so both give identical messages. */
function parseWindow(res: ApiResponse, roomId: string, tz: string): { messages: readonly Message[]; variant: string; warnings: Phrase[] } {
  const unreadable = (why: string | Phrase): ServiceError =>
    new ServiceError(msg('service.unreadable-list', { room: roomId, why }), { hint: msg('service.unreadable-list.hint') });
  let decoded: DecodedInput;
  try {
    decoded = decodeInput(res.body, `room-${roomId}-messages.json`);
  } catch (e) {
    // The service sent junk (exit 6), not the user a bad file (exit 3).
    if (e instanceof InputError) throw unreadable(e.message);
    throw e;
  }
  const outcome = chatworkJsonImporter.parse(decoded, { tz, members: [], roomTitle: null });
  if (!outcome.ok) throw unreadable(outcome.error.message);
  if (outcome.result.truncated !== null) throw unreadable('the answer is cut off.');
  const r = outcome.result;
  return { messages: r.messages, variant: r.variant, warnings: r.warnings.map((w) => msg('sync.warn.room', { room: roomId, text: w.message })) };
}

function merkleRootOf(messages: readonly Message[]): string {
  const tree = new MerkleBuilder();
  for (const m of messages) tree.push(Buffer.from(messageHash(m), 'hex'));
  return tree.rootHex();
}

/** The server's `Date` of the answer: where the window ends, and when the source says this state was saved. */
function windowEnd(answer: ApiResponse, tz: string): { coverageEnd?: string; sourceSavedAt?: string } {
  const ms = Date.parse(answer.headers.get('date') ?? '');
  if (Number.isNaN(ms)) return {};
  const at = epochToIso(Math.floor(ms / 1000), tz);
  return { coverageEnd: at, sourceSavedAt: at };
}
