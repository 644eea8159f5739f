import { describe, expect, it } from 'vitest';
import { buildArchiveView, compareCaptures, compareWithView, countChanges, EMPTY_ARCHIVE_VIEW } from '../../../src/core/diff/index.js';
import { captureOf, jst, msg } from './builders.js';

// The parsed form of test/fixtures/scenarios/line-unsend-and-delete/capture-{1,2}.txt, written
// out by hand so that this test does not depend on the LINE parser.
const HANAKO = '佐藤花子';
const TARO = '山田太郎';
const ordered = msg({ sender: HANAKO, sentAt: jst('2024-03-04', '10:00'), body: 'バナー3点、1点1万円でお願いできますか' });
const accepted = msg({ sender: TARO, sentAt: jst('2024-03-04', '10:05'), body: 'はい、お受けします。納期は3/10でよろしいですか' });
const revisions = msg({ sender: HANAKO, sentAt: jst('2024-03-04', '10:07'), body: '3/10で大丈夫です。修正は2回まで無料でお願いします' });
const noted = msg({ sender: TARO, sentAt: jst('2024-03-04', '10:08'), body: '承知しました' });
const extra = msg({ sender: HANAKO, sentAt: jst('2024-03-05', '19:30'), body: '追加でもう1点お願いします。同じ単価で' });
const agreed = msg({ sender: TARO, sentAt: jst('2024-03-05', '19:45'), body: '了解です' });
const unsendLine = msg({ kind: 'unsent', sender: HANAKO, sentAt: jst('2024-03-04', '10:07'), body: '佐藤花子がメッセージの送信を取り消しました' });
const delivered = msg({ sender: TARO, sentAt: jst('2024-03-10', '17:00'), body: '4点納品しました。ご確認ください' });
const disputed = msg({ sender: HANAKO, sentAt: jst('2024-03-10', '17:20'), body: '追加の1点は依頼していません' });

const capture1 = captureOf('c1', 'full', [ordered, accepted, revisions, noted, extra, agreed]);
const capture2 = captureOf('c2', 'full', [ordered, accepted, unsendLine, noted, agreed, delivered, disputed]);

describe('LINE scenario: unsend and delete between two exports', () => {
  it('reports the counts the scenario README expects for the second import', () => {
    const view = buildArchiveView([capture1]);
    expect(countChanges(compareWithView(view, capture2))).toEqual({ added: 2, unsent: 1, deleted: 1, edited: 0, unchanged: 4, notCovered: 0 });
  });

  it('names the changed messages, and keeps the text of the unsent one on the before side', () => {
    const reported = compareCaptures(capture1, capture2).filter((c) => c.type !== 'unchanged');
    expect(reported).toEqual([
      { type: 'unsent', before: revisions, after: unsendLine },
      { type: 'deleted', before: extra, after: null },
      { type: 'added', before: null, after: delivered },
      { type: 'added', before: null, after: disputed },
    ]);
  });

  it('counts only additions for the first capture of a room', () => {
    expect(countChanges(compareWithView(EMPTY_ARCHIVE_VIEW, capture1))).toEqual({ added: 6, unsent: 0, deleted: 0, edited: 0, unchanged: 0, notCovered: 0 });
  });

  it('shows every message ever seen, the unsent one with what it said before', () => {
    const view = buildArchiveView([capture1, capture2]);
    expect(view.messages.map((m) => [m.body, m.status, m.firstSeen, m.lastSeen])).toEqual([
      [ordered.body, 'present', 'c1', 'c2'],
      [accepted.body, 'present', 'c1', 'c2'],
      [revisions.body, 'unsent', 'c1', 'c2'],
      [noted.body, 'present', 'c1', 'c2'],
      [extra.body, 'deleted', 'c1', 'c1'],
      [agreed.body, 'present', 'c1', 'c2'],
      [delivered.body, 'present', 'c2', 'c2'],
      [disputed.body, 'present', 'c2', 'c2'],
    ]);
    const unsent = view.messages[2]!;
    expect(unsent.hash).toBe(revisions.hash);
    expect(unsent.current).toBe(unsendLine);
    expect(unsent.history).toEqual([
      { capture: 'c1', body: revisions.body, kind: 'text', hash: revisions.hash },
      { capture: 'c2', body: unsendLine.body, kind: 'unsent', hash: unsendLine.hash },
    ]);
    expect(view.messages[4]!.statusAsOf).toBe('c2');
  });

  it('reports nothing new when the same export is imported again', () => {
    const view = buildArchiveView([capture1, capture2]);
    const again = captureOf('c3', 'full', capture2.messages);
    expect(countChanges(compareWithView(view, again))).toEqual({ added: 0, unsent: 0, deleted: 0, edited: 0, unchanged: 7, notCovered: 0 });
    const after = buildArchiveView([capture1, capture2, again]);
    expect(after.messages.map((m) => m.status)).toEqual(view.messages.map((m) => m.status));
  });
});
