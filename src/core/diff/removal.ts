import type { Message } from '../types.js';
import type { MessageStatus } from './types.js';

type Removal = Pick<Message, 'kind' | 'body'>;

/**
 * Bodies a source writes in place of a message its author deleted: `[deleted]` as one Chatwork API
 * client shows it, `[delete]` in Chatwork's Enterprise export (src/importers/chatwork-json/FORMAT.md).
 * Importers type such a message `unsent` (a line that replaced the text); the change core counts
 * it as a deletion, not an unsend.
 */
export const DELETION_MARKS: ReadonlySet<string> = new Set(['[deleted]', '[delete]']);

/** A source's own mark that the message was deleted (the message is still listed, its text gone). */
export function isDeletionMark(m: Removal): boolean {
  return m.kind === 'unsent' && DELETION_MARKS.has(m.body);
}

/** What a line standing in for a message means: LINE's unsend line an unsend, a deletion mark a deletion. */
export function removalStatus(m: Removal): 'unsent' | 'deleted' {
  return isDeletionMark(m) ? 'deleted' : 'unsent';
}

/**
 * A message's status when one version of it has been seen: what a room's first capture gives each
 * message (the change core's view, and the kept state a new room is written with, src/store/room-state/first.ts).
 */
export function firstSightingStatus(m: Pick<Message, 'kind' | 'body' | 'editedAt'>): MessageStatus {
  if (m.kind === 'unsent') return removalStatus(m);
  return m.editedAt !== null ? 'edited' : 'present';
}
