import { bench, describe } from 'vitest';
import { buildArchiveView, compareCaptures, compareWithView, extendArchiveView } from '../../../src/core/diff/index.js';
import type { HashedMessage } from '../../../src/core/types.js';
import { changed, captureOf, msg } from './builders.js';

// Run with `npx vitest bench --run test/core/diff`. Not a test: timings vary by machine. The aim
// is a 200k-message room compared in well under a second when few messages changed.
const SIZE = 200_000;
const SENDERS = ['佐藤花子', '山田太郎'];
const timeOf = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 45_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const room: HashedMessage[] = Array.from({ length: SIZE }, (_, i) =>
  msg({ sender: SENDERS[i % 2]!, sentAt: timeOf(i), body: `メッセージ ${i}: 納期と金額の確認をお願いします`, externalId: null }),
);

// A week later: a few edits, deletions and one unsend in the middle, new messages at the end.
const later = room.flatMap((m, i) => {
  if (i % 40_000 === 17) return [];
  if (i % 50_000 === 23) return [changed(m, { body: `${m.body}（修正）` })];
  if (i === 123_457) return [msg({ kind: 'unsent', sender: m.sender, sentAt: m.sentAt, body: `${m.sender}がメッセージの送信を取り消しました` })];
  return [m];
});
const added = Array.from({ length: 50 }, (_, k) => msg({ sender: SENDERS[k % 2]!, sentAt: timeOf(SIZE + k), body: `追加 ${k}` }));
const capture1 = captureOf('c1', 'full', room);
const capture2 = captureOf('c2', 'full', [...later, ...added]);
const view1 = buildArchiveView([capture1]);
// A parser upgrade that fills `senderId`: every hash changes, nothing is an edit. The slow path.
const rehashed = captureOf(
  'c3',
  'full',
  room.map((m) => changed(m, { senderId: m.sender })),
);

describe(`${SIZE} LINE messages, few changes`, () => {
  bench('compareCaptures', () => {
    compareCaptures(capture1, capture2);
  });
  bench('compareWithView (import)', () => {
    compareWithView(view1, capture2);
  });
  bench('extendArchiveView (show)', () => {
    extendArchiveView(view1, capture2);
  });
});

describe(`${SIZE} LINE messages, every hash changed`, () => {
  bench(
    'compareCaptures',
    () => {
      compareCaptures(capture1, rehashed);
    },
    { iterations: 3 },
  );
});

// Chatwork: the view holds the whole history; `force=1` returns only the newest 100, one edited.
const chatworkRoom = room.map((m, i) => changed(m, { externalId: String(1_000_000_000_000_000_000n + BigInt(i)) }));
const chatworkView = buildArchiveView([captureOf('w1', 'full', chatworkRoom)]);
const newest = chatworkRoom.slice(-99).map((m, k) => (k === 50 ? changed(m, { body: `${m.body}（修正）`, editedAt: timeOf(SIZE + 1) }) : m));
const chatworkWindow = captureOf('w2', 'window', [
  ...newest,
  msg({ sender: SENDERS[0]!, sentAt: timeOf(SIZE), body: '新着', externalId: '2000000000000000000' }),
]);

describe(`${SIZE} Chatwork messages in the view, a window of the newest 100`, () => {
  bench('compareWithView (sync)', () => {
    compareWithView(chatworkView, chatworkWindow);
  });
});
