import { readAttachment } from '../attach/payload.js';
import type { Attachment } from '../core/entries/attachment.js';
import { isReported, type ArchiveView, type Change, type MessageStatus, type ViewMessage } from '../core/diff/index.js';
import { UsageError } from '../core/errors.js';
import type { Archive } from '../store/archive.js';
import type { CaptureRecord, EntryRecord, RoomRecord, RoomSummary } from '../store/records.js';
import { compareStoredCaptures } from '../store/compare-sides.js';
import { roomArchiveView, roomObservations } from '../store/room-history.js';
import { statePage, type StatePage } from '../store/room-state/read.js';
import { findRoom } from './room-arg.js';
import { msg } from '../i18n/message.js';

/**
 * What a front end shows of the archive without the terminal: the rooms with their counts of
 * changes, and one room's history a page at a time, read from the room's kept state.
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

function countStatuses(messages: readonly ViewMessage[]): StatusCounts {
  const counts = { present: 0, edited: 0, deleted: 0, unsent: 0 };
  for (const m of messages) counts[m.status] += 1;
  return counts;
}

export class Browser {
  constructor(private readonly archive: () => Archive) {}

  /**
   * A page of the room's kept state (src/store/room-state/): only that page's rows and messages
   * are read, so a page of a 1,000,000-message room costs about a page. An archive that cannot be
   * written keeps no state: its view is folded from the captures, and the page cut from it.
   */
  private page(roomId: string, opts: { offset: number; limit: number; changedOnly: boolean }): StatePage {
    const archive = this.archive();
    const kept = statePage(archive, roomId, opts);
    if (kept !== null) return kept;
    const view = roomArchiveView(archive, roomId);
    const list = opts.changedOnly ? view.messages.filter((m) => m.status !== 'present') : view.messages;
    return { captures: view.captures, counts: countStatuses(view.messages), total: list.length, messages: list.slice(opts.offset, opts.offset + opts.limit) };
  }

  rooms(): RoomListing[] {
    return this.archive()
      .roomSummaries()
      .map((r) => ({ ...r, counts: r.captures === 0 ? countStatuses([]) : this.page(r.id, { offset: 0, limit: 0, changedOnly: false }).counts }));
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
    const { total, counts } = this.page(room.id, { offset: 0, limit: 0, changedOnly: opts.changedOnly });
    const pages = Math.max(1, Math.ceil(total / opts.size));
    const page = Math.min(Math.max(1, opts.page), pages);
    const { messages } = this.page(room.id, { offset: (page - 1) * opts.size, limit: opts.size, changedOnly: opts.changedOnly });
    const entries = archive.entries(room.id);
    const attachments = entries
      .filter((e) => e.kind === 'attachment')
      .map((e) => ({
        entry: { seq: e.seq, at: e.at, hash: e.hash },
        attachment: readAttachment(e.payload, e.seq),
      }));
    return {
      room,
      captures: archive.captures(room.id),
      counts,
      messages,
      total,
      page,
      pages,
      observations: roomObservations(entries),
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
    const changes = compareStoredCaptures(archive.sqlite, from, to, isReported);
    return { room, from, to, changes };
  }
}
