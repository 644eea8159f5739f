/**
 * The kept state's `status` column. Apart from rows.ts so that the import, which writes a new
 * room's state as it stores the messages (first.ts), does without the change core.
 */
import type { MessageStatus } from '../../core/diff/types.js';
import { firstSightingStatus } from '../../core/diff/removal.js';
import type { Message } from '../../core/types.js';

/** Statuses as the `status` column holds them: 0 is the common case, which the partial index leaves out. */
export const STATUSES: readonly MessageStatus[] = ['present', 'edited', 'deleted', 'unsent'];

/** The `status` of a message seen once, in its room's first capture. */
export function firstStatus(m: Pick<Message, 'kind' | 'body' | 'editedAt'>): number {
  return STATUSES.indexOf(firstSightingStatus(m));
}
