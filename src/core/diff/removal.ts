import type { HashedMessage } from '../types.js';

/**
 * Bodies a source writes in place of a message its author deleted: `[deleted]` as one Chatwork API
 * client shows it, `[delete]` in Chatwork's Enterprise export (src/importers/chatwork-json/FORMAT.md).
 * Importers type such a message `unsent` (a line that replaced the text); the change core counts
 * it as a deletion, not an unsend.
 */
export const DELETION_MARKS: ReadonlySet<string> = new Set(['[deleted]', '[delete]']);

/** A source's own mark that the message was deleted (the message is still listed, its text gone). */
export function isDeletionMark(m: HashedMessage): boolean {
  return m.kind === 'unsent' && DELETION_MARKS.has(m.body);
}

/** What a line standing in for a message means: LINE's unsend line an unsend, a deletion mark a deletion. */
export function removalStatus(m: HashedMessage): 'unsent' | 'deleted' {
  return isDeletionMark(m) ? 'deleted' : 'unsent';
}
