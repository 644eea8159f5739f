import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnchors } from '../../src/app/anchors.js';
import { exportReport } from '../../src/app/make-report.js';
import { findRoom } from '../../src/app/room-arg.js';
import { packageVersion } from '../../src/paths.js';
import { Archive } from '../../src/store/archive.js';
import { resolveTsa } from '../../src/timestamp/index.js';
import { cli } from '../support/cli.js';
import { editText, type ForgeDoc, obj, pages, parsePdf, ref, writePdf } from '../support/pdf-forge.js';
import { toolMissing } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { opensslMissing, startTestTsa } from '../support/tsa.js';
import { importScenario, ROOM, type VerifyJson } from './helpers.js';

/**
 * A report of another generator version (issue 20, Deliver 1): its generator is named inside the
 * manifest, which the other checks bind, and printed in its appendix. A genuine one is made here
 * by this code with another version name given at render time, the only way to have one: it must
 * pass with the weaker comparison, saying so, and forgeries of what that comparison covers fail.
 */
const OTHER = 'chatproof 0.0.9';
const qpdfMissing = toolMissing('qpdf');

describe('verify-report of a report another chatproof version made', () => {
  const tmp = tempArchive();
  const file = join(tmp.dir, 'other-version.pdf');
  let genuine: Buffer;

  beforeAll(async () => {
    await importScenario(tmp.db);
    const archive = Archive.open(tmp.db);
    try {
      await exportReport(archive, {
        room: findRoom(archive, ROOM),
        file,
        tsa: null,
        anchors: { certs: [], file: undefined },
        lang: 'ja',
        title: null,
        tz: 'Asia/Tokyo',
        range: null,
        private: false,
        generator: OTHER,
      });
    } finally {
      archive.close();
    }
    genuine = readFileSync(file);
  });
  afterAll(() => tmp.cleanup());

  const verify = async (bytes: Buffer, name: string): Promise<{ code: number; json: VerifyJson & { comparison: string | null }; failed: string }> => {
    const path = join(tmp.dir, `${name}.pdf`);
    writeFileSync(path, bytes);
    const r = await cli(['verify-report', path, '--json']);
    const json = r.json<VerifyJson & { comparison: string | null }>();
    const failed = json.checks
      .filter((c) => !c.ok)
      .map((c) => `${c.name}: ${c.detail}`)
      .join('\n');
    return { code: r.code, json, failed };
  };

  it('passes, compared by what every page reads and paints, where, with which fonts and links, and says so (--json and Japanese)', async () => {
    const r = await verify(genuine, 'genuine');
    expect(r.code, r.failed).toBe(0);
    expect(r.json.comparison).toBe('text');
    const pagesLine = r.json.checks.find((c) => c.name === 'pages')!.detail;
    expect(pagesLine).toContain(`The report says ${OTHER} made it, not chatproof ${packageVersion()}`);
    expect(pagesLine).toMatch(/the same \d+ pages, each reading exactly the same text in the same order, each text run drawn at the same place and size/);
    expect(pagesLine).toContain('NotoSansJP-Regular');
    expect(pagesLine).toContain('each page paints exactly what this rendering paints');
    expect(pagesLine).toContain('Not compared: how the file is put together');
    const ja = await cli(['verify-report', file], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('別の版の報告書として比べられる限りを比べました');
    expect(ja.stdout).toContain('比べていないもの: ファイルの組み立て方');
  });

  const rewrite = (edit: (doc: ForgeDoc) => void): Buffer => {
    const doc = parsePdf(genuine);
    edit(doc);
    return writePdf(doc);
  };
  /** The index of the page that draws `text` on one line (found on a throwaway copy). */
  const pageDrawing = (text: string): number => {
    const probe = parsePdf(genuine);
    return pages(probe).findIndex((page) => {
      try {
        editText(probe, page, 'F2', text, text);
        return true;
      } catch {
        return false;
      }
    });
  };

  const forgeries: { name: string; make: () => Buffer; says: RegExp }[] = [
    {
      name: 'a message body edited (1万円 → 3万円)',
      make: () =>
        rewrite((doc) => {
          const at = pageDrawing('1万円');
          editText(doc, pages(doc)[at]!, 'F2', '1万円', '3万円');
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*the text of page \d+ differs: it reads "[^"]*3万円/,
    },
    {
      name: 'two text objects of a page drawn in the other order (the text reads in another order)',
      make: () =>
        rewrite((doc) => {
          const content = obj(doc, ref(pages(doc)[pageDrawing('1万円')]!.head, 'Contents'));
          const text = content.stream!.toString('latin1');
          const blocks = [...text.matchAll(/BT\n[\s\S]*?\nET\n/g)];
          const [a, b] = [blocks[blocks.length - 2]!, blocks[blocks.length - 1]!];
          content.stream = Buffer.from(
            text.slice(0, a.index) + b[0] + text.slice(a.index + a[0].length, b.index) + a[0] + text.slice(b.index + b[0].length),
            'latin1',
          );
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*the text of page \d+ differs/,
    },
    {
      name: 'two lines of a page drawn at each other’s place',
      make: () =>
        rewrite((doc) => {
          const content = obj(doc, ref(pages(doc)[pageDrawing('1万円')]!.head, 'Contents'));
          const text = content.stream!.toString('latin1');
          const ys = [...new Set([...text.matchAll(/1 0 0 1 [\d.]+ ([\d.]+) Tm/g)].map((m) => m[1]!))];
          const [y1, y2] = [ys[ys.length - 2]!, ys[ys.length - 1]!];
          content.stream = Buffer.from(
            text.replace(/(1 0 0 1 [\d.]+ )([\d.]+)( Tm)/g, (all, pre: string, y: string, post: string) =>
              y === y1 ? pre + y2 + post : y === y2 ? pre + y1 + post : all,
            ),
            'latin1',
          );
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*the text of page \d+ differs: it reads "[^"]*↵/,
    },
    {
      name: 'a line of a page moved sideways (it reads the same, in the same order)',
      make: () =>
        rewrite((doc) => {
          const content = obj(doc, ref(pages(doc)[pageDrawing('1万円')]!.head, 'Contents'));
          const text = content.stream!.toString('latin1');
          const last = [...text.matchAll(/1 0 0 1 ([\d.]+) ([\d.]+) Tm/g)].at(-1)!;
          const moved = `1 0 0 1 ${Number(last[1]) + 40} ${last[2]} Tm`;
          content.stream = Buffer.from(text.slice(0, last.index) + moved + text.slice(last.index + last[0].length), 'latin1');
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*on page \d+ the text is drawn elsewhere: it draws "[^"]+" at \([\d.]+, [\d.]+\) where chatproof draws/,
    },
    {
      name: 'a white box drawn over a message, no text changed (what renaming the generator must not let through)',
      make: () =>
        rewrite((doc) => {
          const content = obj(doc, ref(pages(doc)[pageDrawing('1万円')]!.head, 'Contents'));
          content.stream = Buffer.concat([content.stream!, Buffer.from('\nq 1 1 1 rg 50 300 500 80 re f Q\n', 'latin1')]);
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*page \d+ paints something else than chatproof paints there/,
    },
    {
      name: 'the shading made opaque (its transparency resource changed)',
      make: () =>
        rewrite((doc) => {
          const state = doc.objects.find((o) => /\/Type \/ExtGState/.test(o.head) && /\/ca 0\.\d+/.test(o.head))!;
          state.head = state.head.replace(/\/ca 0\.\d+/, '/ca 1');
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*page \d+ uses other resources than chatproof gives it/,
    },
    {
      name: 'page 2 rotated',
      make: () =>
        rewrite((doc) => {
          const page = pages(doc)[1]!;
          page.head = page.head.replace(/>>\n$/, '/Rotate 180\n>>\n');
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*page 2 has another size, rotation or page box/,
    },
    {
      name: "a cover link's named place sent to the cover itself",
      make: () =>
        rewrite((doc) => {
          const names = doc.objects.find((o) => /\/Dests <</.test(o.head))!;
          names.head = names.head.replace(/(\(m-[0-9a-f]+\) \[)\d+( 0 R)/, `$1${pages(doc)[0]!.num}$2`);
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*its links lead elsewhere than chatproof’s/,
    },
    {
      name: 'pages 1 and 2 swapped in the page list',
      make: () =>
        rewrite((doc) => {
          const tree = doc.objects.find((o) => /\/Type \/Pages\b/.test(o.head))!;
          const [a, b] = pages(doc);
          tree.head = tree.head.replace(`${a!.num} 0 R ${b!.num} 0 R`, `${b!.num} 0 R ${a!.num} 0 R`);
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*page 1 shows what belongs on page 2/,
    },
    {
      name: 'the last page dropped from the page list',
      make: () =>
        rewrite((doc) => {
          const tree = doc.objects.find((o) => /\/Type \/Pages\b/.test(o.head))!;
          const last = pages(doc).at(-1)!.num;
          tree.head = tree.head.replace(` ${last} 0 R`, '').replace(/\/Count (\d+)/, (_, n: string) => `/Count ${Number(n) - 1}`);
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*it has (\d+) pages where chatproof renders (?!\1)\d+/,
    },
    {
      name: 'one bit flipped in the embedded font (every page garbled, the text unchanged)',
      make: () =>
        rewrite((doc) => {
          const descriptor = doc.objects.find((o) => /\/FontName \/\w+\+NotoSansJP-Regular/.test(o.head))!;
          const font = obj(doc, ref(descriptor.head, 'FontFile2')).stream!;
          font[Math.floor(font.length / 2)]! ^= 0x01;
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*the font NotoSansJP-Regular \(its glyph programs and metrics\) differs/,
    },
    {
      name: "a glyph's width changed in the font",
      make: () =>
        rewrite((doc) => {
          const font = doc.objects.find((o) => /\/Subtype \/CIDFontType2\n\/BaseFont \/\w+\+NotoSansJP-Regular/.test(o.head))!;
          font.head = font.head.replace(/\/W \[0 \[(\d+)/, (_, w: string) => `/W [0 [${Number(w) + 1}`);
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*the font NotoSansJP-Regular \(its glyph widths\) differs/,
    },
    {
      name: 'a URI link annotation added to page 1',
      make: () =>
        rewrite((doc) => {
          const n = Math.max(...doc.objects.map((o) => o.num)) + 1;
          doc.objects.push({
            num: n,
            head: '<<\n/Type /Annot\n/Subtype /Link\n/Rect [56 700 300 720]\n/A << /S /URI /URI (https://example.com/) >>\n>>\n',
            stream: null,
          });
          const page = pages(doc)[0]!;
          page.head = /\/Annots \[/.test(page.head)
            ? page.head.replace(/\/Annots \[/, `/Annots [${n} 0 R `)
            : page.head.replace(/>>\n$/, `/Annots [${n} 0 R]\n>>\n`);
        }),
      says: /pages: the report says chatproof 0\.0\.9 made it; .*: it carries annotations chatproof never writes \(page 1: Link \[56 700 300 720\] → the address https:\/\/example\.com\/\)/,
    },
  ];

  for (const f of forgeries) {
    it(`fails with exit 5: ${f.name}`, async () => {
      const forged = f.make();
      expect(forged.equals(genuine)).toBe(false);
      const r = await verify(forged, f.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40));
      expect(r.code, r.failed).toBe(5);
      expect(r.json.comparison).toBe('text');
      expect(r.failed).toMatch(f.says);
    });
  }

  it.skipIf(opensslMissing !== null)(
    'a stamped one (report --tsa) passes too: its document timestamp holds, its pages are compared by their text and drawing',
    async () => {
      const tsa = await startTestTsa();
      const stampedFile = join(tmp.dir, 'other-version-stamped.pdf');
      const archive = Archive.open(tmp.db);
      try {
        await exportReport(archive, {
          room: findRoom(archive, ROOM),
          file: stampedFile,
          tsa: resolveTsa(tsa.url),
          anchors: await readAnchors(tsa.caCertPath, tmp.dir),
          lang: 'en',
          title: null,
          tz: 'Asia/Tokyo',
          range: null,
          private: false,
          generator: OTHER,
        });
      } finally {
        archive.close();
      }
      const r = await cli(['verify-report', stampedFile, '--tsa-cert', tsa.caCertPath, '--json']).finally(() => tsa.close());
      const json = r.json<VerifyJson & { comparison: string }>();
      expect(r.code, r.stdout).toBe(0);
      expect(json.comparison).toBe('text');
      expect(json.checks.find((c) => c.name === 'revisions')?.detail).toContain('exactly the document timestamp chatproof appends');
      expect(json.checks.find((c) => c.name === 'document timestamp')?.detail).toMatch(/vouches that this whole file .* existed at/);
    },
    60_000,
  );

  it.skipIf(qpdfMissing !== null)('fails with exit 5: page 2 removed with qpdf --pages', async () => {
    const out = join(tmp.dir, 'qpdf-removed.pdf');
    execFileSync('qpdf', [file, '--pages', file, '1,3-z', '--', out]);
    const r = await verify(readFileSync(out), 'qpdf-removed');
    expect(r.code, r.failed).toBe(5);
    expect(r.failed).toMatch(/it has (\d+) pages where chatproof renders (?!\1)\d+/);
  });
});
