/** What `show` and `diff` share: the marks and colours of a status, a message's line, the history loader. */
import type { Context } from '../context.js';

export const MARK: Record<string, string> = { present: ' ', edited: 'M', unsent: '×', deleted: '-', added: '+' };
export const COLOR: Record<string, number> = { edited: 33, unsent: 35, deleted: 31, added: 32 };

/** A message's line: its mark, time in the archive's zone, sender and text; its hash under --verbose. */
export function messageLine(ctx: Context, mark: string, m: { sentAt: string; sender: string | null; hash: string }, text: string, verbose: boolean): string {
  return `${mark} ${ctx.time(m.sentAt)}  ${m.sender ?? '—'}: ${text}${verbose ? `  [${m.hash.slice(0, 10)}]` : ''}`;
}

/**
 * A message the source lists as deleted (`[deleted]`): what it said before, then "(deleted)". `before`
 * is null when no capture showed the text: the room's first capture already had the mark.
 */
export function deletedText(ctx: Context, before: string | null): string {
  return ctx.text('lines.deleted', { before: before === null ? ctx.text('lines.deleted.unknown') : oneLine(before) });
}

export function oneLine(body: string): string {
  return body.replace(/\n/g, '⏎');
}

/**
 * The room's history, loaded by the commands that use it: ~5 ms of every
 * other command's start-up (docs/performance.md).
 */
export async function loadHistory() {
  const history = await import('../../store/room-history.js');
  return { roomArchiveView: history.roomArchiveView };
}

/** The comparison of two stored captures, loaded by `diff` only. */
export async function loadDiff() {
  const [diff, sides] = await Promise.all([import('../../core/diff/index.js'), import('../../store/compare-sides.js')]);
  return { compareStoredCaptures: sides.compareStoredCaptures, isReported: diff.isReported };
}
