import type { EntryRecord } from '../store/records.js';
import type { Attachment } from '../core/entries/attachment.js';
import { readAttachment } from './payload.js';

/** One file attached to a room, as reports and `show` list it. */
export interface RoomFile extends Omit<Attachment, 'detected'> {
  /** When the entry was written (UTC, from the log): the file existed no later than this. */
  readonly attachedAt: string;
  readonly entrySeq: number;
}

/**
 * A room's attached files, in log order, from its entries (pass `archive.entries(roomId)`, or the
 * entries a report embeds). Pure: the log is the only source, so anyone holding the entries gets
 * the same list. Entries of other kinds are ignored; a malformed attachment entry throws
 * (readAttachment) rather than vanish from the list.
 */
export function listRoomFiles(entries: readonly Pick<EntryRecord, 'seq' | 'kind' | 'at' | 'payload'>[]): RoomFile[] {
  return entries
    .filter((e) => e.kind === 'attachment')
    .sort((a, b) => a.seq - b.seq)
    .map((e) => {
      const a = readAttachment(e.payload, e.seq);
      return {
        name: a.name,
        sha256: a.sha256,
        size: a.size,
        kind: a.kind,
        mime: a.mime,
        note: a.note,
        forMessage: a.forMessage,
        bytesKept: a.bytesKept,
        attachedAt: e.at,
        entrySeq: e.seq,
      };
    });
}
