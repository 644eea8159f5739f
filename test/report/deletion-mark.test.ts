/**
 * The report's statuses for Chatwork's deletion mark (`[deleted]`, `[delete]`; src/core/diff/removal.ts):
 * a deletion with the earlier text kept, and, where the room's first capture already had the mark,
 * a deletion whose text no capture has — never the mark shown as if it were the text.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { collectReportSource } from '../../src/report/collect.js';
import type { BuildOptions } from '../../src/report/options.js';
import { Archive } from '../../src/store/archive.js';
import { msg } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

const OPTIONS: BuildOptions = { lang: 'ja', title: null, tz: 'Asia/Tokyo', range: null, private: false, generator: 'chatproof test' };

describe('buildReport with Chatwork deletion marks', () => {
  const tmp = tempArchive();
  const archive = Archive.open(tmp.db);
  afterAll(() => {
    archive.close();
    tmp.cleanup();
  });
  const cw = (id: string, body: string, minute: number): ReturnType<typeof msg> =>
    msg(`2024-03-01T10:0${minute}:00+09:00`, '佐藤 花子', body, { externalId: id, senderId: '7', kind: body.startsWith('[delete') ? 'unsent' : 'text' });
  const capture = (externalId: string, messages: ReturnType<typeof msg>[], room?: string) =>
    archive.recordCapture({
      room: room === undefined ? { source: 'chatwork', externalId, title: externalId } : { id: room },
      raw: Buffer.from(JSON.stringify(messages)),
      format: 'chatwork-json',
      variant: 'test',
      parserVersion: 't@1',
      tz: 'Asia/Tokyo',
      coverageKind: 'window',
      messages,
    }).room;

  it('a message later shown as [delete] is deleted, with the text the first capture showed', () => {
    const room = capture('1', [cw('1', '3点で3万円です', 0), cw('2', 'よろしく', 1)]);
    capture('1', [cw('1', '[delete]', 0), cw('2', 'よろしく', 1)], room.id);
    const report = buildReport(collectReportSource(archive, room, { withOriginals: true }), OPTIONS);
    expect(report.counts).toMatchObject({ deleted: 1, unsent: 0, present: 1 });
    expect(report.transcript[0]).toMatchObject({ status: 'deleted', body: '3点で3万円です', textKnown: true, lastSeen: 2, statusAsOf: 2 });
    expect(report.transcript[0]!.versions.map((v) => [v.capture, v.kind, v.body])).toEqual([
      [1, 'text', '3点で3万円です'],
      [2, 'unsent', '[delete]'],
    ]);
  });

  it('a message already [deleted] in the first capture is deleted, its text unknown', () => {
    const room = capture('2', [cw('1', '[deleted]', 0), cw('2', 'よろしく', 1)]);
    const report = buildReport(collectReportSource(archive, room, { withOriginals: true }), OPTIONS);
    expect(report.counts).toMatchObject({ deleted: 1, unsent: 0 });
    expect(report.transcript[0]).toMatchObject({ status: 'deleted', textKnown: false });
  });
});
