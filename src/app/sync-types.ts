/** The shapes one sync pass works with, shared by the per-room step, the pass and the CLI. */
import type { Archive } from '../store/archive.js';
import type { CaptureRecord, EntryRecord, RoomRecord } from '../store/records.js';
import type { ChatworkClient } from '../sync/chatwork-client.js';
import type { FileListChanges } from '../sync/file-list.js';
import type { Phrase } from '../i18n/message.js';

export interface SyncContext {
  readonly archive: Archive;
  readonly client: ChatworkClient;
  readonly tz: string;
  readonly always: boolean;
  readonly downloadFiles: boolean;
  /** GET /rooms exactly as Chatwork sent it in this run, kept with every entry the run writes. */
  readonly roomsBody: Uint8Array;
}

export interface RoomTarget {
  readonly externalId: string;
  /** The name in GET /rooms; null when the room is not listed (left, deleted, or not ours). */
  readonly listedName: string | null;
}

export type RoomStatus = 'captured' | 'unchanged' | 'unreachable';

export interface RoomOutcome {
  readonly externalId: string;
  readonly title: string;
  /** The archive's room, null for a room that never answered. */
  readonly room: RoomRecord | null;
  readonly status: RoomStatus;
  readonly capture: CaptureRecord | null;
  /** The capture entry, or the observation entry (new, or the earlier one still in force). */
  readonly entry: EntryRecord | null;
  /** Why a capture was recorded ('first capture', 'messages changed', …). */
  readonly reasons: readonly string[];
  readonly files: FileListChanges | null;
  /** For `unreachable`: the status Chatwork gave and its error text. */
  readonly refusal: { readonly status: number; readonly detail: string } | null;
  readonly warnings: readonly (string | Phrase)[];
}
