import type { TimestampPayload } from '../../src/core/entries/timestamp.js';
import { sha256Hex } from '../../src/core/hash.js';
import type { Message } from '../../src/core/types.js';
import { Archive } from '../../src/store/archive.js';
import type { NewCapture } from '../../src/store/capture-write.js';
import type { VerifyReport } from '../../src/store/verify-types.js';

export function msg(sentAt: string, sender: string | null, body: string, extra: Partial<Message> = {}): Message {
  return { kind: 'text', sender, senderId: null, sentAt, body, externalId: null, editedAt: null, ...extra };
}

/** A full capture of the LINE room `title` holding `messages`, its raw bytes standing in for an export. */
export function lineCapture(messages: readonly Message[], title = '佐藤花子'): NewCapture {
  return {
    room: { source: 'line', externalId: null, title },
    raw: Buffer.from(`raw ${messages.length}`),
    format: 'line',
    variant: 'test',
    parserVersion: 'test/1',
    tz: 'Asia/Tokyo',
    coverageKind: 'full',
    messages,
  };
}

/** A small archive with every kind of row: two rooms, three captures, shared messages, notes, a referenced blob. */
export function seedArchive(path: string): void {
  const a = Archive.open(path);
  try {
    const m1 = [msg('2024-03-01T09:05:00+09:00', '佐藤花子', '見積書を送りました'), msg('2024-03-01T09:30:00+09:00', '山田太郎', '確認しました\n納期は3/15で')];
    const first = a.recordCapture({
      room: { source: 'line', externalId: null, title: '佐藤花子' },
      raw: Buffer.from('raw-1'),
      format: 'line',
      variant: 'line/test',
      parserVersion: 'line@1',
      tz: 'Asia/Tokyo',
      coverageKind: 'full',
      messages: m1,
    });
    a.recordCapture({
      room: { id: first.room.id },
      raw: Buffer.from('raw-2'),
      format: 'line',
      variant: 'line/test',
      parserVersion: 'line@1',
      tz: 'Asia/Tokyo',
      coverageKind: 'full',
      messages: [...m1, msg('2024-03-02T10:00:00+09:00', '佐藤花子', '仮払いしました')],
    });
    const cw = a.recordCapture({
      room: { source: 'chatwork', externalId: '123456', title: '案件A' },
      raw: Buffer.from('[]x'),
      format: 'chatwork-json',
      variant: 'chatwork/api',
      parserVersion: 'chatwork-json@1',
      tz: 'Asia/Tokyo',
      coverageKind: 'window',
      messages: [msg('2024-03-01T10:00:00+09:00', '佐藤 花子', 'はい', { externalId: '1928374655918273645', senderId: '7654321' })],
    });
    a.append('note', cw.room.id, { note: { text: 'the client deleted the room' } });
    const token = Buffer.from('token-bytes');
    // Not a real token: the store keeps any bytes an entry lists, whatever they are.
    a.append('timestamp', null, { timestamp: { tsa: 'test' }, blobs: [sha256Hex(token)] } as unknown as TimestampPayload, [token]);
  } finally {
    a.close();
  }
}

/** `chatproof verify` of the archive at `path`, read-only, as a report. */
export function verifyAt(path: string): VerifyReport {
  const a = Archive.open(path, { readonly: true });
  try {
    return a.verify();
  } finally {
    a.close();
  }
}
