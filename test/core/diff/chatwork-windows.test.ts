import { describe, expect, it } from 'vitest';
import { buildArchiveView, compareCaptures, compareWithView, countChanges } from '../../../src/core/diff/index.js';
import { changed, captureOf, msg } from './builders.js';

// Two `GET /rooms/{id}/messages?force=1` windows of one Chatwork room (the API returns only the
// newest 100, so the second window no longer reaches the oldest messages).
const at = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString().replace('.000Z', '+00:00');
const HANAKO = { sender: '佐藤 花子', senderId: '7654321' };
const TARO = { sender: '山田 太郎', senderId: '1234567' };
const spec = msg({ ...HANAKO, externalId: '1928374655918273645', sentAt: at(1709251500), body: 'LP制作の件、仕様書を送ります。' });
const quote = msg({ ...TARO, externalId: '1928374655918273646', sentAt: at(1709252100), body: '承知しました。金額は15万円でよろしいでしょうか。' });
const price = msg({ ...HANAKO, externalId: '1928374655918273647', sentAt: at(1709252400), body: 'はい、15万円でお願いします。' });
const deadline = msg({ ...TARO, externalId: '1928374655918273648', sentAt: at(1709253000), body: '納期は3/15でよろしいですか。' });
const confirm = msg({ ...HANAKO, externalId: '1928374655918273649', sentAt: at(1709253600), body: '3/15で大丈夫です。' });
const thanks = msg({ ...TARO, externalId: '1928374655918273650', sentAt: at(1709254200), body: 'ありがとうございます。' });
// Between the windows the client edits the agreed price (`update_time` set) and deletes the deadline confirmation.
const priceEdited = changed(price, { body: 'はい、10万円でお願いします。', editedAt: at(1709338800) });
const later = msg({ ...HANAKO, externalId: '1928374655918273651', sentAt: at(1709424000), body: '金額は10万円でしたよね？' });

const window1 = captureOf('w1', 'window', [spec, quote, price, deadline, confirm, thanks]);
const window2 = captureOf('w2', 'window', [priceEdited, deadline, thanks, later]);

describe('Chatwork: two API windows', () => {
  it('finds the edit by message id, the deletion inside the window, and leaves older messages not covered', () => {
    const changes = compareCaptures(window1, window2);
    expect(countChanges(changes)).toEqual({ added: 1, edited: 1, deleted: 1, unsent: 0, unchanged: 2, notCovered: 2 });
    expect(changes.filter((c) => c.type === 'notCovered').map((c) => c.before)).toEqual([spec, quote]);
    expect(changes.find((c) => c.type === 'edited')).toEqual({ type: 'edited', before: price, after: priceEdited });
    expect(changes.find((c) => c.type === 'deleted')).toEqual({ type: 'deleted', before: confirm, after: null });
  });

  it('gives the same counts against the archive view', () => {
    expect(countChanges(compareWithView(buildArchiveView([window1]), window2))).toEqual(countChanges(compareCaptures(window1, window2)));
  });

  it('keeps both texts of the edited message and the older messages as they were', () => {
    const view = buildArchiveView([window1, window2]);
    const byId = new Map(view.messages.map((m) => [m.externalId, m]));
    const edited = byId.get(price.externalId)!;
    expect(edited.status).toBe('edited');
    expect(edited.body).toBe(priceEdited.body);
    expect(edited.history.map((h) => [h.capture, h.body])).toEqual([
      ['w1', price.body],
      ['w2', priceEdited.body],
    ]);
    expect(byId.get(confirm.externalId)).toMatchObject({ status: 'deleted', lastSeen: 'w1', statusAsOf: 'w2' });
    expect(byId.get(spec.externalId)).toMatchObject({ status: 'present', lastSeen: 'w1', statusAsOf: 'w1' });
    expect(view.messages.map((m) => m.externalId)).toEqual([spec, quote, price, deadline, confirm, thanks, later].map((m) => m.externalId));
  });

  it('takes an edit mark set by the source as an edit even when the text is the same', () => {
    const marked = changed(thanks, { editedAt: at(1709400000) });
    const changes = compareCaptures(window1, captureOf('w3', 'window', [deadline, confirm, marked]));
    expect(changes.find((c) => c.after === marked)?.type).toBe('edited');
  });

  it('does not take a new display name for an edit', () => {
    const renamed = changed(thanks, { sender: '山田 太郎（デザイン）' });
    const changes = compareCaptures(window1, captureOf('w3', 'window', [deadline, confirm, renamed]));
    expect(changes.find((c) => c.after === renamed)?.type).toBe('unchanged');
  });
});

describe('Chatwork: a body replaced by the deletion mark (src/core/diff/removal.ts)', () => {
  const gone = changed(price, { kind: 'unsent', body: '[deleted]' });
  const goneEnterprise = changed(deadline, { kind: 'unsent', body: '[delete]' });
  const marked = captureOf('w2', 'window', [spec, quote, gone, goneEnterprise, confirm, thanks]);

  it('is a deletion, not an unsend, with the earlier text as before and the mark as after', () => {
    const changes = compareCaptures(window1, marked);
    expect(countChanges(changes)).toEqual({ added: 0, edited: 0, deleted: 2, unsent: 0, unchanged: 4, notCovered: 0 });
    expect(changes.filter((c) => c.type === 'deleted')).toEqual([
      { type: 'deleted', before: price, after: gone },
      { type: 'deleted', before: deadline, after: goneEnterprise },
    ]);
    expect(countChanges(compareWithView(buildArchiveView([window1]), marked))).toEqual(countChanges(changes));
  });

  it('keeps the text it had; the mark is its last version and not reported again', () => {
    const again = captureOf('w3', 'window', [spec, quote, gone, goneEnterprise, confirm, thanks]);
    const vanished = captureOf('w4', 'window', [spec, quote, confirm, thanks]);
    const view = buildArchiveView([window1, marked]);
    expect(view.messages.find((m) => m.externalId === price.externalId)).toMatchObject({
      status: 'deleted',
      body: price.body,
      lastSeen: 'w2',
      statusAsOf: 'w2',
      current: gone,
    });
    expect(countChanges(compareWithView(view, again))).toMatchObject({ deleted: 0, added: 0, unchanged: 6 });
    expect(countChanges(compareWithView(buildArchiveView([window1, marked, again]), vanished))).toMatchObject({ deleted: 0, added: 0, unchanged: 4 });
  });

  it('in a first capture: deleted, with no earlier text (the body stays the mark)', () => {
    const view = buildArchiveView([marked]);
    expect(view.messages.find((m) => m.externalId === price.externalId)).toMatchObject({ status: 'deleted', kind: 'unsent', body: '[deleted]' });
  });

  it('"[deleted] の件" is text: an edit, not a deletion', () => {
    const changes = compareCaptures(window1, captureOf('w2', 'window', [spec, quote, changed(price, { body: '[deleted] の件' }), deadline, confirm, thanks]));
    expect(countChanges(changes)).toMatchObject({ edited: 1, deleted: 0 });
  });
});
