/** Note an observation about a room ("the client deleted the room on 2024-02-01") in the log. */
import { UsageError } from '../core/errors.js';
import type { Archive } from '../store/archive.js';
import type { EntryRecord, RoomRecord } from '../store/records.js';
import { msg } from '../i18n/message.js';
import { notePayload } from '../core/entries/note.js';

export function addNote(archive: Archive, room: RoomRecord, text: string): EntryRecord {
  if (text.trim().length === 0) throw new UsageError(msg('usage.note-empty'));
  return archive.append('note', room.id, notePayload(text));
}
