import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical.js';
import { cli } from '../support/cli.js';
import { appendUpdate, editText, glyphCodes, type ForgeDoc, type ForgeObject, nextNum, obj, pages, parsePdf, ref, writePdf } from '../support/pdf-forge.js';
import { toolMissing } from '../support/pdf.js';
import { splitRevisions } from '../../src/report/verify/pdf-objects.js';
import { tempArchive } from '../support/temp.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { expectOk, importScenario, ROOM, type VerifyJson } from './helpers.js';

/**
 * Issue 20: every way we could think of to make a genuine report say something else, each made
 * here from one genuine report (stamped by a local TSA, so its timestamp files are in play too).
 * Each must fail verify-report with exit 5, and the failing check must name what differs.
 */

type Manifest = Record<string, unknown> & { captures: { members: string[] }[]; transcript: { status: string }[] };

interface Forgery {
  readonly name: string;
  make(): Buffer;
  /** What the failing checks must say, joined: names and details. */
  readonly says: RegExp;
}

const qpdfMissing = toolMissing('qpdf');

describe.skipIf(opensslMissing !== null || qpdfMissing !== null)('the forgery suite: verify-report binds every byte a reader sees', () => {
  const tmp = tempArchive();
  let tsa: TestTsa;
  const genuinePath = join(tmp.dir, 'genuine.pdf');
  const stampedPath = join(tmp.dir, 'stamped.pdf');
  const otherPath = join(tmp.dir, 'other.pdf');
  /** The report as rendered: the first revision of the stamped file, itself a report that must verify. */
  let genuine: Buffer;
  /** The report as `report --tsa` writes it: `genuine` plus its PAdES document-timestamp update. */
  let stamped: Buffer;

  beforeAll(async () => {
    tsa = await startTestTsa();
    await importScenario(tmp.db);
    expectOk(await cli(['report', ROOM, '-o', stampedPath, '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, '--db', tmp.db]));
    // A second stamped report: the first one's log entries moved the head, so its bytes differ.
    expectOk(await cli(['report', ROOM, '-o', otherPath, '--tsa', tsa.url, '--tsa-cert', tsa.caCertPath, '--db', tmp.db]));
    stamped = readFileSync(stampedPath);
    genuine = splitRevisions(stamped).first;
    writeFileSync(genuinePath, genuine);
  });
  afterAll(async () => {
    await tsa.close();
    tmp.cleanup();
  });

  const verify = async (bytes: Buffer, name: string): Promise<{ code: number; failed: string }> => {
    const file = join(tmp.dir, `${name}.pdf`);
    writeFileSync(file, bytes);
    const r = await cli(['verify-report', file, '--tsa-cert', tsa.caCertPath, '--json']);
    const failed =
      r.code === 5
        ? r
            .json<VerifyJson>()
            .checks.filter((c) => !c.ok)
            .map((c) => `${c.name}: ${c.detail}`)
            .join('\n')
        : r.stderr + r.stdout;
    return { code: r.code, failed };
  };

  it('the genuine report passes, compared byte for byte with its re-rendering', async () => {
    const r = await cli(['verify-report', genuinePath, '--tsa-cert', tsa.caCertPath, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json<{ comparison: string }>().comparison).toBe('bytes');
    const checks = r.json<VerifyJson>().checks;
    expect(checks.find((c) => c.name === 'pages')?.detail).toContain('byte for byte');
    expect(checks.find((c) => c.name === 'revisions')?.ok).toBe(true);
  });

  it('the stamped report passes: its one update is exactly the document timestamp, which holds over the byte range', async () => {
    expect(stamped.length).toBeGreaterThan(genuine.length);
    const r = await cli(['verify-report', stampedPath, '--tsa-cert', tsa.caCertPath, '--json']);
    expect(r.code, r.stdout).toBe(0);
    const checks = r.json<VerifyJson>().checks;
    expect(checks.find((c) => c.name === 'revisions')?.detail).toContain('exactly the document timestamp chatproof appends');
    expect(checks.find((c) => c.name === 'document timestamp')?.detail).toMatch(/vouches that this whole file .* existed at/);
  });

  /** The stamped report with its /Contents token replaced (hex, zero-padded as chatproof writes it). */
  const withToken = (token: Buffer): Buffer => {
    const out = Buffer.from(stamped);
    const at = out.indexOf('/Contents <', genuine.length, 'latin1') + '/Contents <'.length;
    const end = out.indexOf('>', at, 'latin1');
    out.write(token.toString('hex').padEnd(end - at, '0'), at, 'latin1');
    return out;
  };
  const tokenOf = (pdf: Buffer): Buffer => {
    const update = pdf.subarray(splitRevisions(pdf).first.length).toString('latin1');
    const hex = /\/Contents <([0-9a-f]+)>/.exec(update)![1]!.replace(/(00)+$/, '');
    return Buffer.from(hex, 'hex');
  };

  const stampForgeries: Forgery[] = [
    {
      name: "stamped: one byte changed inside the byte range (the first revision's /Producer)",
      make: () => {
        const out = Buffer.from(stamped);
        const at = out.indexOf('/Producer (', 0, 'latin1') + '/Producer ('.length;
        out[at] = out[at]! ^ 0x01;
        return out;
      },
      says: /document timestamp: the PDF document timestamp does not hold over the file's \/ByteRange: imprint/,
    },
    {
      name: "stamped: one byte changed inside the byte range (the update's field name)",
      make: () => Buffer.from(stamped.toString('latin1').replace('/T (DocTimeStamp)', '/T (DocTimeStamq)'), 'latin1'),
      says: /revisions: \d+ bytes follow the report's end/,
    },
    {
      name: 'stamped: the document timestamp token swapped for the one of another report',
      make: () => withToken(tokenOf(readFileSync(otherPath))),
      says: /document timestamp: the PDF document timestamp does not hold over the file's \/ByteRange: imprint/,
    },
    {
      name: 'stamped: a second incremental update after the document timestamp (catalog /OpenAction)',
      make: () => {
        const text = stamped.toString('latin1');
        const root = /\/Root (\d+) 0 R/.exec(text)![1]!;
        const catalog = text.slice(text.lastIndexOf(`\n${root} 0 obj\n`) + 1);
        const body = catalog
          .slice(0, catalog.indexOf('endobj\n') + 7)
          .replace(/\n>>\nendobj\n$/, '\n/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>\n>>\nendobj\n');
        const prev = /startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]!;
        const size = /\/Size (\d+)/.exec(text.slice(genuine.length))![1]!;
        const xrefAt = stamped.length + body.length;
        const tail = `xref\n${root} 1\n${String(stamped.length).padStart(10, '0')} 00000 n \ntrailer\n<<\n/Size ${size}\n/Root ${root} 0 R\n/Prev ${prev}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
        return Buffer.concat([stamped, Buffer.from(body + tail, 'latin1')]);
      },
      says: /revisions: \d+ bytes follow the report's end.*JavaScript/,
    },
  ];
  for (const f of stampForgeries) {
    it(`fails with exit 5: ${f.name}`, async () => {
      const forged = f.make();
      expect(forged.equals(stamped)).toBe(false);
      const r = await verify(forged, f.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40));
      expect(r.code, r.failed).toBe(5);
      expect(r.failed).toMatch(f.says);
    });
  }

  it('a report whose streams another zlib compressed passes, compared object for object', async () => {
    // Every stream decoded and deflated again at another level: the bytes a different zlib writes.
    const doc = parsePdf(genuine);
    const again = writePdf(doc, 1);
    expect(again.equals(genuine)).toBe(false);
    const file = join(tmp.dir, 'recompressed.pdf');
    writeFileSync(file, again);
    const r = await cli(['verify-report', file, '--tsa-cert', tsa.caCertPath, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json<VerifyJson>().checks.find((c) => c.name === 'pages')?.detail).toContain('object for object');
    expect(r.json<{ comparison: string }>().comparison).toBe('objects');
  });

  /** Edits the parsed genuine report and writes it whole again, as a PDF editor would. */
  const rewrite = (edit: (doc: ForgeDoc) => void): Buffer => {
    const doc = parsePdf(genuine);
    edit(doc);
    return writePdf(doc);
  };
  /** The page on which `text` is drawn in one run, edited to `to`. */
  const editAnyPage = (doc: ForgeDoc, from: string, to: string, font = 'F2'): void => {
    for (const page of pages(doc)) {
      try {
        editText(doc, page, font, from, to);
        return;
      } catch {
        // not on this page
      }
    }
    throw new Error(`forge: "${from}" is drawn on no page`);
  };
  const embeddedStream = (doc: ForgeDoc, name: string): ForgeObject => {
    const spec = doc.objects.find((o) => o.head.includes(`/Type /Filespec`) && o.head.includes(`/F (${name})`))!;
    return obj(doc, ref(spec.head, 'F'));
  };
  /** Replaces an embedded file's bytes, with its size and MD5 made to match, as pdfkit would have written them. */
  const reembed = (doc: ForgeDoc, name: string, change: (bytes: Buffer) => Buffer): void => {
    const stream = embeddedStream(doc, name);
    const bytes = change(stream.stream!);
    stream.stream = bytes;
    stream.head = stream.head
      .replace(/\/CheckSum \([0-9a-f]+\)/, `/CheckSum (${createHash('md5').update(bytes).digest('hex')})`)
      .replace(/\/Size \d+/, `/Size ${bytes.length}`);
  };
  const manifestEdit = (change: (m: Manifest) => void): Buffer =>
    rewrite((doc) =>
      reembed(doc, 'manifest.json', (bytes) => {
        const m = JSON.parse(bytes.toString('utf8')) as Manifest;
        change(m);
        return Buffer.from(canonicalJson(m), 'utf8');
      }),
    );
  /** The link annotations of the cover, in order: chatproof's links from the first changes to the transcript. */
  const coverLinks = (doc: ForgeDoc): number[] =>
    [...(/\/Annots \[([^\]]*)\]/.exec(pages(doc)[0]!.head)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const catalogOf = (doc: ForgeDoc): ForgeObject => doc.objects.find((o) => /\/Type \/Catalog/.test(o.head))!;
  const addToPage = (doc: ForgeDoc, pageIndex: number, key: string, value: string): ForgeObject => {
    const page = pages(doc)[pageIndex]!;
    page.head = page.head.replace(/>>\n$/, `/${key} ${value}\n>>\n`);
    return page;
  };
  const qpdf = (args: readonly string[]): Buffer => {
    const out = join(tmp.dir, `qpdf-${args.join('_').replace(/[^a-z0-9]/gi, '')}.pdf`);
    execFileSync('qpdf', [...args.map((a) => (a === 'IN' ? genuinePath : a)), out]);
    return readFileSync(out);
  };

  const forgeries: Forgery[] = [
    {
      name: 'a message body edited in the transcript content stream (1点1万円 → 1点3万円)',
      make: () => rewrite((doc) => editAnyPage(doc, '1万円', '3万円')),
      says: /pages: .*the text of page \d+ differs: it reads "[^"]*3万円/,
    },
    {
      name: 'the log head printed on every page changed',
      make: () =>
        rewrite((doc) => {
          for (const page of pages(doc)) editText(doc, page, 'F2', 'ログ先頭 #', 'ログ先頭 $');
        }),
      says: /pages: .*the text of page 1 differs.*ログ先頭 \$/,
    },
    {
      name: "the cover's dates changed",
      // The date alone: pdfkit may draw the space before the time as a run of its own.
      make: () => rewrite((doc) => editText(doc, pages(doc)[0]!, 'F2', '2024-03-04', '2024-03-06')),
      says: /pages: .*the text of page 1 differs.*2024-03-06/,
    },
    {
      name: 'an incremental update that paints a white box and new text over the cover',
      make: () => {
        const doc = parsePdf(genuine);
        const cover = pages(doc)[0]!;
        const glyphs = glyphCodes(doc, cover, 'F2');
        const codes = [...'2024-03-06'].map((c) => glyphs.get(c)![0]!).join('');
        const paint: ForgeObject = {
          num: nextNum(doc),
          head: '<<\n/Length 0\n/Filter /FlateDecode\n>>\n',
          stream: Buffer.from(`q 1 1 1 rg 170 120 300 20 re f Q BT /F2 10.5 Tf 1 0 0 -1 174 130 Tm <${codes}> Tj ET\n`, 'latin1'),
        };
        const page: ForgeObject = { ...cover, head: cover.head.replace(/\/Contents (\d+) 0 R/, `/Contents [$1 0 R ${paint.num} 0 R]`) };
        return appendUpdate(genuine, [paint, page]);
      },
      says: /revisions: \d+ bytes follow the report's end.*incremental update.*a page/,
    },
    { name: 'page 3 removed with qpdf --pages', make: () => qpdf(['IN', '--pages', 'IN', '1-2,4-z', '--']), says: /pages: .*pages where chatproof renders/ },
    { name: 'page 3 duplicated with qpdf --pages', make: () => qpdf(['IN', '--pages', 'IN', '1-3,3-z', '--']), says: /pages: .*pages where chatproof renders/ },
    {
      name: 'page 3 dropped from the page list only, every object left in place',
      make: () =>
        rewrite((doc) => {
          const tree = doc.objects.find((o) => /\/Type \/Pages\b/.test(o.head))!;
          const third = pages(doc)[2]!.num;
          tree.head = tree.head.replace(` ${third} 0 R`, '').replace(/\/Count (\d+)/, (_, n: string) => `/Count ${Number(n) - 1}`);
        }),
      says: /pages: .*the page list \(page count and order\) differs.*it has (\d+) pages where chatproof renders (?!\1)\d+/,
    },
    {
      name: 'pages 1 and 2 swapped in the page list',
      make: () =>
        rewrite((doc) => {
          const tree = doc.objects.find((o) => /\/Type \/Pages\b/.test(o.head))!;
          const [a, b] = pages(doc);
          tree.head = tree.head.replace(`${a!.num} 0 R ${b!.num} 0 R`, `${b!.num} 0 R ${a!.num} 0 R`);
        }),
      says: /pages: .*page 1 shows what belongs on page 2/,
    },
    {
      name: 'an incremental update adding a catalog /OpenAction with JavaScript',
      make: () => {
        const doc = parsePdf(genuine);
        const catalog = catalogOf(doc);
        return appendUpdate(genuine, [{ ...catalog, head: catalog.head.replace(/>>\n$/, '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>\n>>\n') }]);
      },
      says: /revisions: .*an incremental update that adds or replaces JavaScript[\s\S]*pages: it carries JavaScript/,
    },
    {
      name: 'an /OpenAction with JavaScript written into the catalog of a rewritten file',
      make: () =>
        rewrite((doc) => {
          const catalog = catalogOf(doc);
          catalog.head = catalog.head.replace(/>>\n$/, '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>\n>>\n');
        }),
      says: /pages: .*(JavaScript|OpenAction).*the document catalog differs/,
    },
    {
      name: 'a page FileAttachment annotation carrying a forged capture-2 file',
      make: () =>
        rewrite((doc) => {
          const n = nextNum(doc);
          const forged = Buffer.from('[LINE] 佐藤花子とのトーク履歴\n2024/03/04(月)\n10:00\t佐藤花子\tバナー3点、1点3万円でお願いできますか\n', 'utf8');
          doc.objects.push({ num: n, head: `<<\n/Type /EmbeddedFile\n/Length 0\n/Filter /FlateDecode\n>>\n`, stream: forged });
          doc.objects.push({ num: n + 1, head: `<<\n/Type /Filespec\n/F (capture-2-forged.txt)\n/EF << /F ${n} 0 R >>\n>>\n`, stream: null });
          doc.objects.push({
            num: n + 2,
            head: `<<\n/Type /Annot\n/Subtype /FileAttachment\n/Rect [500 700 520 720]\n/FS ${n + 1} 0 R\n/Contents (capture-2)\n>>\n`,
            stream: null,
          });
          addToPage(doc, 1, 'Annots', `[${n + 2} 0 R]`);
        }),
      says: /pages: it carries annotations chatproof never writes \(page 2: FileAttachment\).*a file-attachment annotation/,
    },
    {
      name: 'an incremental update adding a web link (URI) to page 1, beside the links to the transcript',
      make: () => {
        const doc = parsePdf(genuine);
        const n = nextNum(doc);
        const link: ForgeObject = {
          num: n,
          head: '<<\n/Type /Annot\n/Subtype /Link\n/Rect [56 700 300 720]\n/A << /S /URI /URI (https://example.com/) >>\n>>\n',
          stream: null,
        };
        const page = pages(doc)[0]!;
        return appendUpdate(genuine, [link, { ...page, head: page.head.replace(/\/Annots \[/, `/Annots [${n} 0 R `) }]);
      },
      says: /revisions: .*annotation[\s\S]*pages: it carries annotations chatproof never writes \(page 1: Link \[56 700 300 720\] → the address https:\/\/example\.com\/\)/,
    },
    {
      name: 'a cover link to the transcript turned into a web link (URI)',
      make: () =>
        rewrite((doc) => {
          const action = obj(doc, ref(obj(doc, coverLinks(doc)[0]!).head, 'A'));
          action.head = action.head.replace(/\/S \/GoTo\s+\/D \([^)]*\)/, '/S /URI\n/URI (https://example.com/)');
        }),
      says: /pages: it carries annotations chatproof never writes \(page 1: Link \[[\d ]+\] → the address https:\/\/example\.com\/\); it lacks links chatproof writes \(page 1: Link \[[\d ]+\] → the destination "m-[0-9a-f]{64}"\).*link 1 on page 1 \(where it goes\) differs/,
    },
    {
      name: 'a cover link sent to another page (page 2) instead of the message',
      make: () =>
        rewrite((doc) => {
          const action = obj(doc, ref(obj(doc, coverLinks(doc)[0]!).head, 'A'));
          action.head = action.head.replace(/\/D \([^)]*\)/, `/D [${pages(doc)[1]!.num} 0 R /XYZ null null null]`);
        }),
      says: /pages: it carries annotations chatproof never writes \(page 1: Link \[[\d ]+\] → the destination \[.*link 1 on page 1 \(where it goes\) differs/,
    },
    {
      name: "a cover link's destination moved to another message",
      make: () =>
        rewrite((doc) => {
          const [a, b] = coverLinks(doc).map((n) => obj(doc, ref(obj(doc, n).head, 'A')));
          const target = /\/D \(([^)]*)\)/.exec(b!.head)![1]!;
          a!.head = a!.head.replace(/\/D \([^)]*\)/, `/D (${target})`);
        }),
      says: /pages: it carries annotations chatproof never writes .*link 1 on page 1 \(where it goes\) differs/,
    },
    {
      name: 'a cover link moved over another part of the page',
      make: () =>
        rewrite((doc) => {
          const link = obj(doc, coverLinks(doc)[0]!);
          link.head = link.head.replace(/\/Rect \[[^\]]*\]/, '/Rect [56 100 539.28 140]');
        }),
      says: /pages: it carries annotations chatproof never writes \(page 1: Link \[56 100 539 140\].*link 1 on page 1 \(its place\) differs/,
    },
    {
      name: 'the cover links to the transcript removed',
      make: () => rewrite((doc) => void (pages(doc)[0]!.head = pages(doc)[0]!.head.replace(/\/Annots \[[^\]]*\]\n?/, ''))),
      says: /pages: it lacks links chatproof writes \(page 1: Link/,
    },
    {
      name: 'one bit flipped in the embedded font',
      make: () =>
        rewrite((doc) => {
          const descriptor = doc.objects.find((o) => /\/FontName \/\w+\+NotoSansJP-Regular/.test(o.head))!;
          const font = obj(doc, ref(descriptor.head, 'FontFile2')).stream!;
          const at = Math.floor(font.length / 2);
          font[at] = font[at]! ^ 0x01;
        }),
      says: /pages: .*the font NotoSansJP-Regular \(its glyphs\) differs/,
    },
    {
      name: "the font's character map changed, so copied text says something else",
      make: () =>
        rewrite((doc) => {
          const font = doc.objects.find((o) => /\/Subtype \/Type0\n\/BaseFont \/\w+\+NotoSansJP-Regular/.test(o.head))!;
          const map = obj(doc, ref(font.head, 'ToUnicode'));
          map.stream = Buffer.from(map.stream!.toString('latin1').replace('<0031>', '<0033>'), 'latin1');
        }),
      says: /pages: .*the font NotoSansJP-Regular \(its character map: what copied text says\) differs/,
    },
    {
      name: 'manifest.json re-embedded with another title',
      make: () => manifestEdit((m) => (m['title'] = '別の表題')),
      says: /pages: the text and drawing of pages 1, .*the text of page 1 differs: .*別の表題/,
    },
    {
      name: 'manifest.json re-embedded with another time zone',
      make: () => manifestEdit((m) => (m['tz'] = 'UTC')),
      says: /pages: the text and drawing of pages 1, .*the text of page 1 differs: .*UTC/,
    },
    {
      name: 'manifest.json re-embedded with another language',
      make: () => manifestEdit((m) => (m['lang'] = 'en')),
      says: /pages: the text and drawing of pages 1, .*the text of page 1 differs: .*log head/,
    },
    {
      name: 'manifest.json re-embedded with a range (a full report passed off as a part)',
      make: () => manifestEdit((m) => (m['range'] = { from: '2024-03-04T00:00:00+09:00', to: '2024-03-05T23:59:59+09:00' })),
      says: /pages: .*manifest\.json.* differs.*the text of page 1 differs/,
    },
    {
      name: 'manifest.json re-embedded with other members',
      make: () => manifestEdit((m) => (m.captures[0]!.members = ['山田太郎'])),
      says: /pages: .*manifest\.json differs/,
    },
    { name: 'manifest.json re-embedded with timestamps: []', make: () => manifestEdit((m) => (m['timestamps'] = [])), says: /pages: .*manifest\.json differs/ },
    {
      name: 'manifest.json re-embedded saying another generator made it',
      make: () => manifestEdit((m) => (m['generator'] = 'chatproof 0.0.9')),
      // Renamed, it is compared as another version's report, whose pages print its generator and its manifest's SHA-256.
      says: /pages: the report says chatproof 0\.0\.9 made it; .*the text of page 2 differs: it reads "…[^"]*SHA-256 [0-9a-f]+…" where chatproof renders/,
    },
    {
      name: "manifest.json re-embedded with a deleted message's status as present",
      make: () => manifestEdit((m) => (m.transcript.find((t) => t.status === 'deleted')!.status = 'present')),
      says: /statuses: /,
    },
    {
      name: 'a message taken out of manifest.json, so the report cannot be rendered again',
      make: () => manifestEdit((m) => delete (m['messages'] as Record<string, unknown>)[Object.keys(m['messages'] as object)[0]!]),
      // Its cover links are not called foreign: with nothing rendered, they are said to be unchecked.
      says: /pages: it carries annotations, which without chatproof's rendering could not be compared with the links it writes \(page 1: Link.*it cannot be rendered again from its own data: message [0-9a-f]+ of capture [0-9a-f]+ is not stated/,
    },
    {
      name: "a capture's original re-embedded with 1点3万円",
      make: () =>
        rewrite((doc) => {
          const name = /\/F \((capture-2-[0-9a-f]+\.txt)\)/.exec(doc.objects.map((o) => o.head).join(''))![1]!;
          reembed(doc, name, (b) => Buffer.from(b.toString('utf8').replace('1点1万円', '1点3万円'), 'utf8'));
        }),
      says: /file capture-2-[0-9a-f]+\.txt: .*the file was changed/,
    },
    {
      name: 'an extra file embedded that the manifest does not list',
      make: () =>
        rewrite((doc) => {
          const n = nextNum(doc);
          doc.objects.push({ num: n, head: '<<\n/Type /EmbeddedFile\n/Length 0\n/Filter /FlateDecode\n>>\n', stream: Buffer.from('forged') });
          doc.objects.push({ num: n + 1, head: `<<\n/Type /Filespec\n/F (note.txt)\n/EF <<\n/F ${n} 0 R\n>>\n/UF (note.txt)\n>>\n`, stream: null });
          const names = doc.objects.find((o) => o.head.includes('/EmbeddedFiles'))!;
          names.head = names.head.replace(/\/EmbeddedFiles <<\n {2}\/Names \[\n/, `$&    (note.txt) ${n + 1} 0 R\n`);
        }),
      says: /file note\.txt: note\.txt is embedded but not listed/,
    },
    {
      name: 'log.jsonl taken out of the list of embedded files',
      make: () =>
        rewrite((doc) => {
          const names = doc.objects.find((o) => o.head.includes('/EmbeddedFiles'))!;
          names.head = names.head.replace(/ {4}\(log\.jsonl\) \d+ 0 R\n/, '');
        }),
      says: /files listed: .*log\.jsonl/,
    },
    {
      name: 'bytes appended after %%EOF',
      make: () => Buffer.concat([genuine, Buffer.from('%forged\n')]),
      says: /revisions: 8 bytes follow the report's end.*data appended/,
    },
    {
      name: 'a no-op incremental update (the catalog stated again, unchanged)',
      make: () => appendUpdate(genuine, [catalogOf(parsePdf(genuine))]),
      says: /revisions: \d+ bytes follow the report's end/,
    },
    {
      name: "the document information's title changed",
      make: () =>
        rewrite((doc) => {
          const info = obj(doc, Number(/\/Info (\d+) 0 R/.exec(doc.trailer)![1]));
          const title = obj(doc, ref(info.head, 'Title'));
          title.head = '(Forged title)\n';
        }),
      says: /pages: .*the document information's Title differs/,
    },
    {
      name: 'the XMP metadata changed',
      make: () =>
        rewrite((doc) => {
          const xmp = doc.objects.find((o) => /\/Type \/Metadata/.test(o.head))!;
          xmp.stream = Buffer.from(xmp.stream!.toString('utf8').replace('chatproof', 'forgedpro'), 'utf8');
        }),
      says: /pages: .*the XMP metadata \(title, dates, PDF\/A claim\) differs/,
    },
    {
      name: "page 2's media box cropped",
      make: () =>
        rewrite((doc) => {
          const page = pages(doc)[1]!;
          page.head = page.head.replace('/MediaBox [0 0 595.28 841.89]', '/MediaBox [0 200 595.28 841.89]');
        }),
      says: /pages: .*page 2 \(its size or resources\) differs/,
    },
    {
      name: 'page 2 rotated',
      make: () => rewrite((doc) => void addToPage(doc, 1, 'Rotate', '180')),
      says: /pages: .*page 2 \(its size or resources\) differs/,
    },
    {
      name: 'a white box drawn over a message, no text changed',
      make: () =>
        rewrite((doc) => {
          const content = obj(doc, ref(pages(doc)[2]!.head, 'Contents'));
          content.stream = Buffer.concat([content.stream!, Buffer.from('\nq 1 1 1 rg 50 300 500 80 re f Q\n', 'latin1')]);
        }),
      says: /pages: the text and drawing of page 3 differs/,
    },
    {
      name: 'the file rewritten by qpdf with object streams, nothing else changed',
      make: () => qpdf(['--object-streams=generate', 'IN']),
      says: /pages: .*its structure is not what chatproof writes/,
    },
  ];

  it('has at least 25 distinct forgeries', () => {
    expect(new Set([...forgeries, ...stampForgeries].map((f) => f.name)).size).toBeGreaterThanOrEqual(25);
  });

  for (const f of forgeries) {
    it(`fails with exit 5: ${f.name}`, async () => {
      const forged = f.make();
      expect(forged.equals(genuine)).toBe(false);
      const r = await verify(forged, f.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40));
      expect(r.code, r.failed).toBe(5);
      expect(r.failed).toMatch(f.says);
    });
  }
});
