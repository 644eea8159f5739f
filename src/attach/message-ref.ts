import { UsageError } from '../core/errors.js';
import type { HashedMessage } from '../core/types.js';
import type { Archive } from '../store/archive.js';
import type { RoomRecord } from '../store/records.js';
import { msg } from '../i18n/message.js';

/** Shorter prefixes would too often match several messages of a large room. */
export const MIN_MESSAGE_PREFIX = 8;

const HEX_REF = new RegExp(`^[0-9a-f]{${MIN_MESSAGE_PREFIX},64}$`);

const excerpt = (m: HashedMessage): string => `${m.hash.slice(0, 12)}  ${m.sentAt}  ${m.sender ?? '-'}: ${m.body.replace(/\s+/g, ' ').slice(0, 40)}`;

/**
 * `--for MESSAGE_HASH`: the message of this room (in any of its captures) whose hash is `ref` or
 * starts with it. A file linked to a message no capture holds would be a claim the archive cannot
 * back, so an unknown or ambiguous reference is refused (exit 2).
 */
export function findRoomMessage(archive: Archive, room: RoomRecord, ref: string): HashedMessage {
  const howToFind = msg('usage.for.hint', { title: room.title, min: MIN_MESSAGE_PREFIX });
  const wanted = ref.trim().toLowerCase();
  if (!HEX_REF.test(wanted)) {
    throw new UsageError(msg('usage.for', { min: MIN_MESSAGE_PREFIX, value: ref }), { hint: howToFind });
  }
  const matches = new Map<string, HashedMessage>();
  for (const capture of archive.captures(room.id)) {
    for (const m of archive.captureMessages(capture.id)) {
      if (m.hash.startsWith(wanted)) matches.set(m.hash, m);
    }
  }
  const found = [...matches.values()];
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new UsageError(msg('usage.for-none', { title: room.title, prefix: wanted }), { hint: howToFind });
  }
  throw new UsageError(
    msg('usage.for-many', {
      prefix: wanted,
      n: found.length,
      title: room.title,
      list: found
        .slice(0, 5)
        .map((m) => `    ${excerpt(m)}`)
        .join('\n'),
    }),
    { hint: msg('usage.for-many.hint') },
  );
}
