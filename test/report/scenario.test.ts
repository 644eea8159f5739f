import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import type { Manifest } from '../../src/report/manifest.js';
import { cli } from '../support/cli.js';
import { pdfAttachments, pdfPages, run, sha256, tamperEmbeddedByte, toolMissing } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { ADDED_LATER, DELETED_TEXT, expectOk, importScenario, type ReportJson, ROOM, scenario, UNSENT_TEXT, type VerifyJson } from './helpers.js';

const tmp = tempArchive();
const pdf = join(tmp.dir, 'report.pdf');
let out: ReportJson;
let bytes: Buffer;
let pages: string[];
let head: { seq: number; hash: string };
/** Japanese wraps anywhere: compare text with the line breaks taken out. */
const flat = (text: string): string => text.replace(/\n/g, '');

beforeAll(async () => {
  await importScenario(tmp.db);
  const archive = Archive.open(tmp.db, { readonly: true });
  head = archive.head()!;
  archive.close();
  out = expectOk(await cli(['report', ROOM, '-o', pdf, '--db', tmp.db, '--json'])).json<ReportJson>();
  bytes = readFileSync(pdf);
  pages = await pdfPages(bytes);
});
afterAll(() => tmp.cleanup());

describe('report of the LINE unsend-and-delete scenario', () => {
  it("prints the contract JSON and logs the file's SHA-256 as a report entry after writing it", () => {
    expect(out).toMatchObject({ file: pdf, pages: pages.length, timestamp: null });
    expect(out.sha256).toBe(sha256(bytes));
    const archive = Archive.open(tmp.db, { readonly: true });
    try {
      const entry = archive.entry(out.entry.seq);
      expect(entry?.kind).toBe('report');
      expect(entry?.payload['report']).toMatchObject({ sha256: out.sha256, pages: out.pages, mode: 'full', file: 'report.pdf' });
      expect(archive.head()).toEqual({ seq: out.entry.seq, hash: out.entry.hash });
    } finally {
      archive.close();
    }
  });

  it('shows the unsent and the deleted message with their original text in the summary and in place', () => {
    const text = pages.join('\n');
    const summary = pages.findIndex((p) => p.includes('変更の概要'));
    const transcript = pages.findIndex((p) => p.includes('トーク履歴'));
    expect(summary).toBeGreaterThanOrEqual(0);
    expect(transcript).toBeGreaterThan(summary);
    const before = pages.slice(summary, transcript).join('\n');
    expect(before).toMatch(/送信取消 1 件、削除 1 件/);
    expect(before).toContain(`取り消し前の本文: ${UNSENT_TEXT}`);
    expect(before).toContain(`最後に確認した本文: ${DELETED_TEXT}`);
    expect(before).toContain('相手がトークルームを退出した');
    const inPlace = pages.slice(transcript).join('\n');
    expect(inPlace).toMatch(new RegExp(`［送信取消］\\s*${UNSENT_TEXT}`));
    expect(inPlace).toMatch(new RegExp(`［削除］\\s*${DELETED_TEXT}`));
    expect(inPlace).toContain(ADDED_LATER);
    expect(inPlace).toContain('2024年3月4日（月）');
    expect(text).not.toContain('undefined');
  });

  it('has the room, the log head, "page X / Y" and what it was generated from on every page', () => {
    pages.forEach((p, i) => {
      expect(p).toContain('佐藤花子（LINE）');
      expect(p).toContain(`ログ先頭 #4 ${head.hash.slice(0, 8)}`);
      expect(p).toContain(`${i + 1} / ${pages.length} ページ`);
      expect(p).toContain('作成: ログ #4');
    });
  });

  it('tells the story on the cover before any hash: the counts, the changed messages before → after, one sentence on what it proves', () => {
    const cover = flat(pages[0]!);
    expect(cover).toContain('編集 0 件・送信取消 1 件・削除 1 件（掲載した 8 件のうち）');
    expect(cover).toContain(`「${UNSENT_TEXT}」 → 送信取消`);
    expect(cover).toContain(`「${DELETED_TEXT}」 → 取り込み #2 には無い`);
    expect(cover).toContain('誰が実際に入力したかや、取り込む前の改変は示しません。時刻を保証する第三者（タイムスタンプ）はなく');
    expect(cover).toContain('タイムスタンプ なし。記載の時刻はすべてこのパソコンの時計によるもので、第三者は保証していません。');
    // The header's 8-digit prefix aside, no hash on the cover: they are on the technical page.
    expect(cover).not.toMatch(/[0-9a-f]{32}/);
  });

  it("links each of the cover's changes to its place in the transcript", async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS });
    try {
      const doc = await task.promise;
      const links = (await (await doc.getPage(1)).getAnnotations()) as { subtype: string; dest?: unknown }[];
      const manifest = JSON.parse((await pdfAttachments(bytes)).get('manifest.json')!.toString('utf8')) as Manifest;
      const changed = manifest.transcript.filter((t) => t.status !== 'present').map((t) => `m-${t.hash}`);
      expect(links.map((a) => [a.subtype, a.dest])).toEqual(changed.map((name) => ['Link', name]));
      for (const name of changed) {
        const dest = (await doc.getDestination(name))!;
        const page = await doc.getPageIndex(dest[0] as { num: number; gen: number });
        // The transcript starts on page 4; the message drawn there is the changed one.
        expect(page + 1).toBe(4);
        const body = manifest.messages[name.slice(2)]!.body;
        expect(flat(pages[page]!)).toContain(flat(body).slice(0, 12));
      }
    } finally {
      await task.destroy();
    }
  });

  it('puts the hashes on a technical page: the log head, the originals and what they rest on', () => {
    expect(pages[1]).toContain('技術情報（検証用）');
    expect(pages[1]).toContain('根拠とした取り込み');
    expect(pages[1]).toContain(sha256(readFileSync(scenario(1))));
    expect(flat(pages.join(''))).toContain('メッセージを実際に誰が入力したか');
  });

  it("shows each capture's own save time, as the export states it (LINE's 保存日時)", () => {
    // capture-1.txt says 保存日時：2024/03/05 20:00, capture-2.txt 2024/03/12 22:00 (read in Asia/Tokyo).
    expect(flat(pages[1]!)).toMatch(/書き出しの保存日時\s*2024-03-05 20:00:00 JST（2024-03-05 11:00:00 UTC）\s*·\s*LINE の「保存日時」/);
    expect(flat(pages[1]!)).toMatch(/書き出しの保存日時\s*2024-03-12 22:00:00 JST（2024-03-12 13:00:00 UTC）\s*·\s*LINE の「保存日時」/);
  });

  it('embeds the manifest, the log and both originals byte for byte', async () => {
    const files = await pdfAttachments(bytes);
    const names = [...files.keys()].sort();
    expect(names).toHaveLength(4);
    expect(names.filter((n) => n.startsWith('capture-'))).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'log.jsonl']));
    const originals = names.filter((n) => n.startsWith('capture-')).map((n) => sha256(files.get(n)!));
    expect(originals).toEqual([sha256(readFileSync(scenario(1))), sha256(readFileSync(scenario(2)))]);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.mode).toBe('full');
    expect(manifest.transcript.map((t) => t.status)).toEqual(['present', 'present', 'unsent', 'present', 'deleted', 'present', 'present', 'present']);
    expect(manifest.log.entries.map((e) => e.kind)).toEqual(['room', 'capture', 'capture', 'note']);
  });

  it('re-exports an unchanged archive byte for byte (the report entry it logged is not part of it)', async () => {
    const again = join(tmp.dir, 'again.pdf');
    expectOk(await cli(['report', ROOM, '-o', again, '--db', tmp.db]));
    expect(sha256(readFileSync(again))).toBe(out.sha256);
  });

  it('passes verify-report, printing each check with what it rests on', async () => {
    const r = await cli(['verify-report', pdf, '--json']);
    expect(r.code).toBe(0);
    const v = r.json<VerifyJson>();
    expect(v.ok).toBe(true);
    expect(v.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['manifest', 'log chain', 'room', 'message hashes', 'shown messages', 'statuses', 'timestamp']),
    );
    for (const c of v.checks) expect(c.detail).toMatch(/rests on: .+\)$/);
    const human = await cli(['verify-report', pdf]);
    expect(human.stdout).toMatch(/✓ statuses\n.*1 unsent, 1 deleted/);
  });

  it('leaves the archive verifiable', async () => {
    expect((await cli(['verify', '--db', tmp.db])).code).toBe(0);
  });

  it('writes English with --lang en', async () => {
    const en = join(tmp.dir, 'en.pdf');
    expectOk(await cli(['report', ROOM, '-o', en, '--lang', 'en', '--db', tmp.db]));
    const text = await pdfPages(readFileSync(en));
    expect(text.join('\n')).toContain('Summary of changes');
    expect(text.join('\n')).toContain(`Text before the unsend: ${UNSENT_TEXT}`);
    expect(text[0]).toContain(`page 1 / ${text.length}`);
  });
});

describe.skipIf(toolMissing('qpdf') !== null)('a report with one changed byte', () => {
  it('fails verify-report (exit 5), naming the changed file and the capture it breaks', async () => {
    const tampered = join(tmp.dir, 'tampered.pdf');
    // "保存日時：2024/03/05 2" occurs only in capture 1's original: its hour digit becomes 1.
    tamperEmbeddedByte(pdf, tampered, '保存日時：2024/03/05 2', '1');
    const r = await cli(['verify-report', tampered, '--json']);
    expect(r.code).toBe(5);
    const v = r.json<VerifyJson>();
    expect(v.ok).toBe(false);
    const failed = v.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatch(/^file capture-1-[0-9a-f]+\.txt$/);
    expect(failed[1]).toMatch(/^capture [0-9a-f]+ original$/);
    // The changed byte is in its 保存日時 line: the original now states another save time than its entry,
    // and a window that ends at its newest message (10:00 is before 19:45), not at 20:00.
    expect(failed[2]).toMatch(/^capture [0-9a-f]+ save time$/);
    expect(failed[3]).toMatch(/^capture [0-9a-f]+ coverage$/);
    // qpdf rewrote the whole file: it is no longer what chatproof renders.
    expect(failed[4]).toBe('pages');
    expect(v.checks.find((c) => !c.ok)?.detail).toContain('the file was changed');
  });
});

describe.skipIf(toolMissing('qpdf') !== null)('bookmarks', () => {
  it('the outline leads to the cover, the technical page, the summary, each day of the transcript, the files and the appendix', () => {
    interface Item {
      title: string;
      destpageposfrom1: number;
      kids: Item[];
    }
    const { outlines } = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', pdf])) as { outlines: Item[] };
    const flatten = (items: Item[], depth = 0): string[] =>
      items.flatMap((i) => [`${'  '.repeat(depth)}${i.title} p${i.destpageposfrom1}`, ...flatten(i.kids, depth + 1)]);
    expect(flatten(outlines)).toEqual([
      '表紙: 何が変わったか p1',
      '技術情報（検証用） p2',
      '変更の概要 p3',
      'トーク履歴 p4',
      '  2024年3月4日（月） p4',
      '  2024年3月5日（火） p4',
      '  2024年3月10日（日） p4',
      'ファイル p5',
      '付録: この報告書の確かめ方 p6',
    ]);
  });
});

describe('what poppler sees', () => {
  it.skipIf(toolMissing('pdffonts') !== null)('pdffonts: Noto Sans JP embedded as a subset', () => {
    const fonts = run('pdffonts', [pdf]);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansJP-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansJP-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it.skipIf(toolMissing('pdfdetach') !== null)('pdfdetach -list: the manifest, the log and the originals', () => {
    const list = run('pdfdetach', ['-list', pdf]);
    expect(list).toMatch(/^4 embedded files/);
    for (const name of ['manifest.json', 'log.jsonl']) expect(list).toContain(name);
    expect(list.match(/capture-\d-[0-9a-f]+\.txt/g)).toHaveLength(2);
  });

  it.skipIf(toolMissing('pdfinfo') !== null)("pdfinfo: PDF 1.7 with PDF/A-3b metadata and the log head's time as creation date", () => {
    expect(run('pdfinfo', [pdf])).toMatch(/PDF version:\s+1\.7/);
    expect(run('pdfinfo', ['-meta', pdf])).toMatch(/pdfaid:part>3<[\s\S]*pdfaid:conformance>B</);
  });

  it('leaves no temporary file beside the report', () => {
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(pdf)).toBe(true);
  });
});
