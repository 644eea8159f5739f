import { describe, expect, it } from 'vitest';
import { buildArchiveView, compareCaptures, compareWithView, countChanges, type Change } from '../../../src/core/diff/index.js';
import { changed, captureOf, jst, msg } from './builders.js';

const DAY = '2024-05-10';
const A = '佐藤花子';
const B = '山田太郎';
const typesOf = (changes: readonly Change[]): string[] => changes.map((c) => `${c.type}:${c.before?.body ?? '-'}>${c.after?.body ?? '-'}`);

describe('matching by alignment (no source ids)', () => {
  it('does not shift a burst of one minute when a message in it is deleted', () => {
    const [x, y, z] = ['一つ目', '二つ目', '三つ目'].map((body) => msg({ sender: A, sentAt: jst(DAY, '10:00'), body }));
    const after = captureOf('2', 'full', [x!, z!, msg({ sender: B, sentAt: jst(DAY, '10:01'), body: '了解' })]);
    expect(countChanges(compareCaptures(captureOf('1', 'full', [x!, y!, z!]), after))).toMatchObject({ unchanged: 2, deleted: 1, added: 1, edited: 0 });
  });

  it('tells the edited message of a burst from the deleted one by their texts', () => {
    const first = msg({ sender: A, sentAt: jst(DAY, '10:00'), body: '見積もりは15万円でお願いします' });
    const second = msg({ sender: A, sentAt: jst(DAY, '10:00'), body: '納期は3月15日で確定です' });
    const edited = changed(second, { body: '納期は3月20日で確定です' });
    const later = msg({ sender: B, sentAt: jst(DAY, '10:30'), body: 'はい' });
    const changes = compareCaptures(captureOf('1', 'full', [first, second, later]), captureOf('2', 'full', [edited, later]));
    expect(typesOf(changes)).toEqual([`deleted:${first.body}>-`, `edited:${second.body}>${edited.body}`, 'unchanged:はい>はい']);
  });

  it('takes a wholly rewritten message for an edit when it is the only one of its sender in that minute', () => {
    const yes = msg({ sender: A, sentAt: jst(DAY, '11:00'), body: 'はい' });
    const no = changed(yes, { body: 'いいえ、お受けできません' });
    expect(compareCaptures(captureOf('1', 'full', [yes]), captureOf('2', 'full', [no]))[0]?.type).toBe('edited');
  });

  it('never pairs messages of different senders or different minutes', () => {
    const said = msg({ sender: A, sentAt: jst(DAY, '11:00'), body: '了解です' });
    const other = msg({ sender: B, sentAt: jst(DAY, '11:00'), body: '了解です' });
    const moved = msg({ sender: A, sentAt: jst(DAY, '11:01'), body: '了解です' });
    const changes = compareCaptures(captureOf('1', 'full', [said, moved]), captureOf('2', 'full', [other, moved]));
    expect(countChanges(changes)).toMatchObject({ deleted: 1, added: 1, unchanged: 1 });
  });

  it('reads the same minute written with another offset as the same message', () => {
    const jstTime = msg({ sender: A, sentAt: jst(DAY, '09:00'), body: 'おはようございます' });
    const utcTime = changed(jstTime, { sentAt: `${DAY}T00:00:00+00:00` });
    expect(compareCaptures(captureOf('1', 'full', [jstTime]), captureOf('2', 'full', [utcTime]))[0]?.type).toBe('unchanged');
  });

  it('never pairs two messages with different source ids', () => {
    const one = msg({ sender: A, externalId: '1', sentAt: jst(DAY, '12:00'), body: '請求書を送ります' });
    const two = changed(one, { externalId: '2', body: '請求書を送りました' });
    const end = msg({ sender: B, externalId: '3', sentAt: jst(DAY, '12:30'), body: '確認します' });
    expect(countChanges(compareCaptures(captureOf('1', 'full', [one, end]), captureOf('2', 'full', [two, end])))).toMatchObject({ deleted: 1, added: 1 });
  });
});

describe('LINE unsend lines', () => {
  const said = msg({ sender: A, sentAt: jst(DAY, '13:00'), body: '修正は何回でも無料です' });
  const before = captureOf('1', 'full', [said, msg({ sender: B, sentAt: jst(DAY, '13:05'), body: '助かります' })]);

  it('pairs a line that names nobody with the vanished message of that minute', () => {
    const line = msg({ kind: 'unsent', sentAt: jst(DAY, '13:00'), body: 'メッセージの送信を取り消しました' });
    const changes = compareCaptures(before, captureOf('2', 'full', [line, before.messages[1]!]));
    expect(changes[0]).toEqual({ type: 'unsent', before: said, after: line });
  });

  it('does not pair a line naming one person with a message of another', () => {
    const line = msg({ kind: 'unsent', sender: B, sentAt: jst(DAY, '13:00'), body: '山田太郎がメッセージの送信を取り消しました' });
    const changes = compareCaptures(before, captureOf('2', 'full', [line, before.messages[1]!]));
    expect(countChanges(changes)).toMatchObject({ unsent: 0, deleted: 1, added: 1 });
  });

  it('lets a similar text win over an unsend line for the same message', () => {
    const edited = changed(said, { body: '修正は2回まで無料です' });
    const line = msg({ kind: 'unsent', sender: A, sentAt: jst(DAY, '13:00'), body: '佐藤花子がメッセージの送信を取り消しました' });
    const changes = compareCaptures(before, captureOf('2', 'full', [edited, line, before.messages[1]!]));
    expect(countChanges(changes)).toMatchObject({ edited: 1, added: 1, unsent: 0 });
  });

  it('marks an unsend line seen in a first capture unsent (a signal inside one capture, P6)', () => {
    const line = msg({ kind: 'unsent', sender: A, sentAt: jst(DAY, '13:00'), body: '佐藤花子がメッセージの送信を取り消しました' });
    expect(buildArchiveView([captureOf('1', 'full', [line])]).messages[0]).toMatchObject({ status: 'unsent', body: line.body });
  });
});

describe('coverage (P6)', () => {
  const t = (time: string, body: string, sender = A) => msg({ sender, sentAt: jst(DAY, time), body });
  const early = t('09:00', '最初の連絡');
  const sameMinuteBefore = t('10:00', '窓の直前');
  const windowStart = t('10:00', '窓の先頭', B);
  const sameMinuteInside = t('10:00', '窓の中');
  const last = t('10:10', '最後');
  const before = captureOf('1', 'full', [early, sameMinuteBefore, windowStart, sameMinuteInside, last]);

  it("calls a message in the window's first minute deleted only when its place is inside the window", () => {
    const changes = compareCaptures(before, captureOf('2', 'window', [windowStart, last]));
    expect(typesOf(changes)).toEqual([
      `notCovered:${early.body}>-`,
      `notCovered:${sameMinuteBefore.body}>-`,
      `unchanged:${windowStart.body}>${windowStart.body}`,
      `deleted:${sameMinuteInside.body}>-`,
      `unchanged:${last.body}>${last.body}`,
    ]);
  });

  it('does not call the last message of a full export deleted: the export shows nothing after its own last message', () => {
    const changes = compareCaptures(before, captureOf('2', 'full', before.messages.slice(0, -1)));
    expect(changes.at(-1)?.type).toBe('notCovered');
  });

  it('never covers a message whose time cannot be read', () => {
    const odd = msg({ sender: A, sentAt: 'yesterday', body: '？' });
    const changes = compareCaptures(captureOf('1', 'full', [early, odd, last]), captureOf('2', 'full', [early, last]));
    expect(changes[1]?.type).toBe('notCovered');
  });

  it('covers nothing when the later capture is empty', () => {
    expect(countChanges(compareCaptures(before, captureOf('2', 'full', [])))).toMatchObject({ notCovered: 5, deleted: 0 });
  });
});

describe('the archive view', () => {
  const hello = msg({ sender: A, sentAt: jst(DAY, '08:00'), body: 'よろしくお願いします' });
  const gone = msg({ sender: B, sentAt: jst(DAY, '08:05'), body: 'この件は無償で対応します' });
  const end = msg({ sender: A, sentAt: jst(DAY, '08:10'), body: 'ありがとうございます' });

  it('does not report a deletion again while the message stays missing', () => {
    const view = buildArchiveView([captureOf('1', 'full', [hello, gone, end]), captureOf('2', 'full', [hello, end])]);
    expect(countChanges(compareWithView(view, captureOf('3', 'full', [hello, end])))).toMatchObject({ deleted: 0, unchanged: 2 });
  });

  it('shows a deleted message that comes back as present again', () => {
    const view = buildArchiveView([
      captureOf('1', 'full', [hello, gone, end]),
      captureOf('2', 'full', [hello, end]),
      captureOf('3', 'full', [hello, gone, end]),
    ]);
    expect(view.messages.map((m) => [m.body, m.status, m.lastSeen])).toEqual([
      [hello.body, 'present', '3'],
      [gone.body, 'present', '3'],
      [end.body, 'present', '3'],
    ]);
  });

  it('places a message first seen in a later window by its time', () => {
    const between = msg({ sender: B, sentAt: jst(DAY, '08:07'), body: '確認します' });
    const view = buildArchiveView([captureOf('1', 'window', [hello, gone]), captureOf('2', 'window', [between, end])]);
    expect(view.messages.map((m) => m.body)).toEqual([hello.body, gone.body, between.body, end.body]);
  });

  it('leaves room for observations of the room, filled by the caller', () => {
    expect(buildArchiveView([]).roomObservations).toEqual([]);
  });
});

describe('bounded work', () => {
  it('still pairs a flood of one minute exactly when it has more changes than the exact alignment is allowed', () => {
    const flood = Array.from({ length: 3000 }, (_, i) => msg({ sender: 'bot', sentAt: jst(DAY, '23:59'), body: `通知 ${i}: ビルド ${i * 7} が完了しました` }));
    const after = flood.flatMap((m, i) => (i % 3 === 0 ? [] : i % 3 === 1 ? [changed(m, { body: `${m.body}（再実行）` })] : [m]));
    const counts = countChanges(
      compareCaptures(
        captureOf('1', 'full', [...flood, msg({ sentAt: jst('2024-05-11', '00:00'), body: 'end' })]),
        captureOf('2', 'full', [...after, msg({ sentAt: jst('2024-05-11', '00:00'), body: 'end' })]),
      ),
    );
    expect(counts).toMatchObject({ deleted: 1000, edited: 1000, unchanged: 1001, added: 0 });
  });
});
