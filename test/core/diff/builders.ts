import { messageHash } from '../../../src/core/canonical.js';
import type { CoverageKind, HashedMessage, Message } from '../../../src/core/types.js';
import type { CaptureView } from '../../../src/core/diff/index.js';

/** A message as an importer would give it; unset fields are null and kind is 'text'. */
export function msg(fields: Partial<Message> & Pick<Message, 'sentAt' | 'body'>): HashedMessage {
  const m: Message = {
    kind: 'text',
    sender: null,
    senderId: null,
    externalId: null,
    editedAt: null,
    ...fields,
  };
  return { ...m, hash: messageHash(m) };
}

/** The same message with some fields changed, hashed again. */
export function changed(m: HashedMessage, fields: Partial<Message>): HashedMessage {
  const { hash: _old, ...rest } = m;
  return msg({ ...rest, ...fields });
}

/** A capture whose coverage runs from its first to its last message, as importers state it. */
export function captureOf(id: string, kind: CoverageKind, messages: readonly HashedMessage[]): CaptureView {
  return {
    id,
    capturedAt: '2024-04-01T00:00:00Z',
    coverage: { kind, from: messages[0]?.sentAt ?? null, to: messages[messages.length - 1]?.sentAt ?? null },
    messages,
  };
}

/** LINE times: minutes, read in Asia/Tokyo. */
export function jst(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}
