import { readAttachment } from '../attach/payload.js';
import type { Attachment } from '../core/entries/attachment.js';
import { compareCaptures, type ArchiveView, type Change, type MessageStatus, type ViewMessage } from '../core/diff/index.js';
import { UsageError } from '../core/errors.js';
import type { HashedMessage } from '../core/types.js';
import type { Archive } from '../store/archive.js';
import type { CaptureRecord, EntryRecord, RoomRecord, RoomSummary } from '../store/records.js';
import { captureView, roomArchiveView } from '../store/room-history.js';
import { findRoom } from './room-arg.js';
import { msg } from '../i18n/message.js';

/**
 * What a front end shows of the archive without the terminal: the rooms with their counts of
 * changes, and one room's history a page at a time. A room's view is made once per state of the
 * log and kept, so that turning pages of a 100,000-message room re-reads nothing.
 */

export type StatusCounts = Readonly<Record<MessageStatus, number>>;

export interface RoomListing extends RoomSummary {
  readonly counts: StatusCounts;
}

export interface KeptAttachment {
  readonly entry: Pick<EntryRecord, 'seq' | 'at' | 'hash'>;
  readonly attachment: Attachment;
}

export interface HistoryPage {
  readonly room: RoomRecord;
  readonly captures: readonly CaptureRecord[];
  readonly counts: StatusCounts;
  /** The messages of this page, in the view's order, after the status filter. */
  readonly messages: readonly ViewMessage[];
  /** How many messages pass the filter, over all pages. */
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly observations: ArchiveView['roomObservations'];
  readonly attachments: readonly KeptAttachment[];
}

interface Kept {
  readonly head: number;
  readonly view: ArchiveView;
  readonly counts: StatusCounts;
  readonly changed: readonly ViewMessage[];
}

function countStatuses(messages: readonly ViewMessage[]): StatusCounts {
  const counts = { present: 0, edited: 0, deleted: 0, unsent: 0 };
  for (const m of messages) counts[m.status] += 1;
  return counts;
}

export class Browser {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly archive: () => Archive) {}

  private view(roomId: string): Kept {
    const archive = this.archive();
    // The view folds the room's captures, notes and observations: a report or an attachment logged
    // since does not change it, so it does not make the next page rebuild it.
    let head = 0;
    for (const e of archive.entries(roomId)) if (e.kind === 'capture' || e.kind === 'note' || e.kind === 'observation') head = e.seq;
    const hit = this.kept.get(roomId);
    if (hit && hit.head === head) return hit;
    const view = roomArchiveView(archive, roomId);
    const kept = { head, view, counts: countStatuses(view.messages), changed: view.messages.filter((m) => m.status !== 'present') };
    this.kept.set(roomId, kept);
    return kept;
  }

  rooms(): RoomListing[] {
    return this.archive()
      .roomSummaries()
      .map((r) => ({ ...r, counts: this.view(r.id).counts }));
  }

  /** The rooms without their counts: what needs no view built. */
  roomRecords(): RoomRecord[] {
    return this.archive().rooms();
  }

  room(arg: string): RoomRecord {
    return findRoom(this.archive(), arg);
  }

  /** One page of a room's history; `changedOnly` keeps the edited, unsent and deleted messages. */
  history(roomId: string, opts: { page: number; size: number; changedOnly: boolean }): HistoryPage {
    const archive = this.archive();
    const room = findRoom(archive, roomId);
    const { view, counts, changed } = this.view(room.id);
    const list = opts.changedOnly ? changed : view.messages;
    const pages = Math.max(1, Math.ceil(list.length / opts.size));
    const page = Math.min(Math.max(1, opts.page), pages);
    const attachments = archive
      .entries(room.id)
      .filter((e) => e.kind === 'attachment')
      .map((e) => ({
        entry: { seq: e.seq, at: e.at, hash: e.hash },
        attachment: readAttachment(e.payload, e.seq),
      }));
    return {
      room,
      captures: archive.captures(room.id),
      counts,
      messages: list.slice((page - 1) * opts.size, page * opts.size),
      total: list.length,
      page,
      pages,
      observations: view.roomObservations,
      attachments,
    };
  }

  /** The changes between two captures of a room (as `chatproof diff`): everything but unchanged and not covered. */
  diff(roomId: string, fromId: string, toId: string): { room: RoomRecord; from: CaptureRecord; to: CaptureRecord; changes: Change[] } {
    const archive = this.archive();
    const room = findRoom(archive, roomId);
    const from = archive.capture(fromId);
    const to = archive.capture(toId);
    for (const c of [from, to])
      if (c.roomId !== room.id)
        throw new UsageError(msg('usage.capture-other-room', { capture: c.id }), { hint: msg('usage.capture-other-room.hint', { room: room.id }) });
    const seen = new Map<string, HashedMessage>();
    const changes = compareCaptures(captureView(archive, from, seen), captureView(archive, to, seen)).filter(
      (c) => c.type !== 'unchanged' && c.type !== 'notCovered',
    );
    return { room, from, to, changes };
  }
}
