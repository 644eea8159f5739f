import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { inclusionProof, verifyInclusion } from '../../src/core/merkle.js';
import { pdfExporter } from '../../exporters/pdf/index.js';
import { buildReport } from '../../src/report/build.js';
import type { BuildOptions } from '../../src/report/options.js';
import { collectReportSource, reportHead } from '../../src/report/collect.js';
import type { Manifest } from '../../src/report/manifest.js';
import { auditPaths } from '../../src/report/proofs.js';
import { parseRange, rangeTest } from '../../src/report/range.js';
import { Archive } from '../../src/store/archive.js';
import type { EntryRecord } from '../../src/store/records.js';
import { pdfPages } from '../support/pdf.js';
import { msg } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

const OPTIONS: BuildOptions = { lang: 'ja', title: null, tz: 'Asia/Tokyo', range: null, private: false, generator: 'chatproof test' };

describe('auditPaths (batched RFC 6962 proofs)', () => {
  it("gives exactly core/merkle's inclusionProof for every leaf of trees of 1..33 leaves", () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = Array.from({ length: n }, (_, i) => Buffer.from([i, n]));
      const paths = auditPaths(leaves, leaves.keys());
      for (let i = 0; i < n; i++) expect(paths.get(i)?.path).toEqual(inclusionProof(leaves, i));
    }
  });
});

describe('--from / --to', () => {
  it('reads dates in the zone and includes the whole --to day', () => {
    const range = parseRange('2024-03-04', '2024-03-05', 'Asia/Tokyo')!;
    expect(range.from).toBe('2024-03-04T00:00:00.000+09:00');
    const inside = rangeTest(range);
    expect(inside('2024-03-05T23:59:00+09:00')).toBe(true);
    expect(inside('2024-03-06T00:00:00+09:00')).toBe(false);
    expect(inside('2024-03-03T14:59:00Z')).toBe(false);
    expect(inside('2024-03-03T15:00:00Z')).toBe(true);
    expect(parseRange(undefined, undefined, 'Asia/Tokyo')).toBeNull();
  });

  it('refuses what is not a date (UsageError, exit 2)', () => {
    expect(() => parseRange('3月4日', undefined, 'Asia/Tokyo')).toThrow(UsageError);
  });
});

describe('reportHead', () => {
  const e = (seq: number, kind: EntryRecord['kind']): EntryRecord => ({ seq, kind, at: '', roomId: null, payload: {}, prevHash: null, hash: String(seq) });
  it('is the last entry that is not a report export', () => {
    expect(reportHead([e(1, 'room'), e(2, 'capture'), e(3, 'report'), e(4, 'report')])?.seq).toBe(2);
    expect(reportHead([e(1, 'room'), e(2, 'report'), e(3, 'note')])?.seq).toBe(3);
  });
});

describe('buildReport', () => {
  const tmp = tempArchive();
  const archive = Archive.open(tmp.db);
  afterAll(() => {
    archive.close();
    tmp.cleanup();
  });
  const cw = (id: string, body: string, sentAt: string): ReturnType<typeof msg> => msg(sentAt, '佐藤 花子', body, { externalId: id, senderId: '7' });
  const first = [cw('1', '[info][title]見積[/title]3点で3万円[/info]', '2024-03-01T10:00:00+09:00'), cw('2', 'よろしく', '2024-03-01T10:05:00+09:00')];
  const second = [cw('1', '[info][title]見積[/title]3点で2万円[/info]', '2024-03-01T10:00:00+09:00'), cw('2', 'よろしく', '2024-03-01T10:05:00+09:00')];
  const room = archive.recordCapture({
    room: { source: 'chatwork', externalId: '42', title: '案件A' },
    raw: Buffer.from('[]'),
    format: 'chatwork-json',
    variant: 'test',
    parserVersion: 't@1',
    tz: 'Asia/Tokyo',
    coverageKind: 'window',
    messages: first,
  }).room;
  archive.recordCapture({
    room: { id: room.id },
    raw: Buffer.from('[ ]'),
    format: 'chatwork-json',
    variant: 'test',
    parserVersion: 't@1',
    tz: 'Asia/Tokyo',
    coverageKind: 'window',
    messages: second,
  });

  it('renders Chatwork markup for people and keeps the raw body in the manifest', () => {
    const report = buildReport(collectReportSource(archive, room, { withOriginals: true }), OPTIONS);
    const edited = report.transcript.find((m) => m.status === 'edited')!;
    expect(edited.body).not.toContain('[info]');
    expect(edited.body).toContain('3点で2万円');
    expect(edited.versions.map((v) => v.capture)).toEqual([1, 2]);
    const manifest = JSON.parse(Buffer.concat([...report.embedded[0]!.chunks()]).toString('utf8')) as Manifest;
    expect(manifest.messages[edited.hash]?.body).toBe('[info][title]見積[/title]3点で2万円[/info]');
    expect(report.title).toBe('チャット記録: 案件A');
  });

  it('says the save time is unknown for a capture whose source stated none, on the technical page too', async () => {
    const report = buildReport(collectReportSource(archive, room, { withOriginals: true }), OPTIONS);
    expect(report.captures.map((c) => c.sourceSavedAt)).toEqual([null, null]);
    const chunks: Uint8Array[] = [];
    await pdfExporter.render(report, { write: (c) => void chunks.push(Uint8Array.from(c)) });
    const text = (await pdfPages(Buffer.concat(chunks))).join('\n').replace(/\n/g, '');
    expect(text.match(/書き出しの保存日時\s*不明（この取り込みには書き出し元の保存日時が記録されていません）/g)).toHaveLength(2);
  });

  it('in private mode, proves every version it shows and states no other message', () => {
    const report = buildReport(collectReportSource(archive, room, { withOriginals: false }), {
      ...OPTIONS,
      private: true,
      range: parseRange('2024-03-01T10:00', '2024-03-01T10:01', 'Asia/Tokyo'),
    });
    expect(report.transcript).toHaveLength(1);
    const manifest = JSON.parse(Buffer.concat([...report.embedded[0]!.chunks()]).toString('utf8')) as Manifest;
    expect(Object.values(manifest.messages).map((m) => m.body)).not.toContain('よろしく');
    for (const c of manifest.captures) {
      const count = archive.capture(c.id).messageCount;
      const root = archive.capture(c.id).merkleRoot;
      for (const [hash, p] of Object.entries(c.proofs ?? {})) expect(verifyInclusion(Buffer.from(hash, 'hex'), p.index, count, p.path, root)).toBe(true);
    }
    expect(report.embedded.map((f) => f.name)).toEqual(['manifest.json', 'log.jsonl']);
  });
});
