import type { PdfLayout, PdfObject } from './pdf-objects.js';

/**
 * Object-for-object comparison of a report with its re-rendering, streams compared decoded (the
 * Flate bytes of one input differ between zlib releases, so between Node releases). Each
 * difference is named by what it is in the re-rendering: "the content of page 3", "the font
 * NotoSansJP-Bold", "the embedded file manifest.json"; an object the re-rendering lacks is named
 * by what it is itself.
 */
export function layoutDifferences(given: PdfLayout, rendered: PdfLayout): string[] {
  const roles = objectRoles(rendered);
  const name = (num: number): string => roles.get(num) ?? `object ${num}`;
  const out: string[] = [];
  if (given.header !== rendered.header) out.push('the PDF header differs');
  const mine = new Map(rendered.objects.map((o) => [o.num, o]));
  const theirs = new Map(given.objects.map((o) => [o.num, o]));
  for (const o of given.objects) {
    const want = mine.get(o.num);
    if (want === undefined) out.push(`${addedObject(o)} that chatproof does not write was added (object ${o.num})`);
    else if (want.head !== o.head) out.push(`${name(o.num)} differs (its dictionary)`);
    else if (!sameStream(want.stream, o.stream)) out.push(`${name(o.num)} differs`);
  }
  for (const o of rendered.objects) if (!theirs.has(o.num)) out.push(`${name(o.num)} was removed`);
  if (out.length === 0 && given.objects.some((o, i) => rendered.objects[i]?.num !== o.num))
    out.push('the objects are in another order than chatproof writes them');
  if (given.trailer !== rendered.trailer) out.push('the trailer (document ID, catalog or information reference) differs');
  return rank(groupPages(out));
}

/** The data first (an embedded file names what was changed), then what the pages draw, then the rest. */
const ORDER = [/embedded file/, /text and drawing|page list|^page \d/, /font/];
function rank(found: readonly string[]): string[] {
  const place = (line: string): number => {
    const i = ORDER.findIndex((re) => re.test(line));
    return i < 0 ? ORDER.length : i;
  };
  return [...found].sort((a, b) => place(a) - place(b));
}

/** "the text and drawing of page 1 differs", … for every page of a changed cover: one line, pages listed. */
function groupPages(found: readonly string[]): string[] {
  const drawn: string[] = [];
  const rest = found.filter((line) => {
    const page = /^the text and drawing of page (\d+) differs$/.exec(line)?.[1];
    if (page !== undefined) drawn.push(page);
    return page === undefined;
  });
  if (drawn.length === 0) return rest;
  return [`the text and drawing of ${drawn.length === 1 ? 'page' : 'pages'} ${drawn.join(', ')} ${drawn.length === 1 ? 'differs' : 'differ'}`, ...rest];
}

function sameStream(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/** What an object the re-rendering lacks is, from its own text: the threats first. */
export function addedObject(o: PdfObject): string {
  const head = o.head;
  if (/\/JavaScript|\/JS\b/.test(head)) return 'JavaScript';
  if (/\/OpenAction|\/AA\b/.test(head)) return 'an automatic action (OpenAction)';
  // A page before its annotations: a page that lists annotations is still a page.
  if (/\/Type \/Page\b/.test(head)) return 'a page';
  if (/\/Annots?\b/.test(head)) return /\/FileAttachment/.test(head) ? 'a file-attachment annotation' : 'an annotation';
  if (/\/Type \/EmbeddedFile|\/Type \/Filespec/.test(head)) return 'an embedded file';
  return 'an object';
}

/** Object number → what it is, read from the re-rendered (trusted) layout. */
function objectRoles(layout: PdfLayout): Map<number, string> {
  const byNum = new Map(layout.objects.map((o) => [o.num, o]));
  const roles = new Map<number, string>();
  const ref = (head: string, key: string): number | null => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(head);
    return m === null ? null : Number(m[1]);
  };
  for (const o of layout.objects) {
    const type = /\/Type \/(\w+)/.exec(o.head)?.[1];
    if (type === 'Pages') {
      roles.set(o.num, 'the page list (page count and order)');
      const kids = [...(/\/Kids \[([^\]]*)\]/.exec(o.head)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
      kids.forEach((kid, i) => {
        roles.set(kid, `page ${i + 1} (its size or resources)`);
        const page = byNum.get(kid);
        const contents = page === undefined ? null : ref(page.head, 'Contents');
        const resources = page === undefined ? null : ref(page.head, 'Resources');
        if (contents !== null) roles.set(contents, `the text and drawing of page ${i + 1}`);
        if (resources !== null) roles.set(resources, `the resources of page ${i + 1}`);
        const links = [...(/\/Annots \[([^\]]*)\]/.exec(page?.head ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((a) => Number(a[1]));
        links.forEach((link, k) => {
          roles.set(link, `link ${k + 1} on page ${i + 1} (its place)`);
          const action = ref(byNum.get(link)?.head ?? '', 'A');
          if (action !== null) roles.set(action, `link ${k + 1} on page ${i + 1} (where it goes)`);
        });
      });
    } else if (type === 'Catalog') {
      roles.set(o.num, 'the document catalog');
      const names = ref(o.head, 'Names');
      if (names !== null) roles.set(names, "the document's name tree (the attached files' names, the places links go to)");
    } else if (type === 'FontDescriptor') {
      const font = /\/FontName \/\w+\+([\w-]+)/.exec(o.head)?.[1] ?? 'a font';
      roles.set(o.num, `the font ${font} (its description)`);
      const file = ref(o.head, 'FontFile2');
      if (file !== null) roles.set(file, `the font ${font} (its glyphs)`);
    } else if (type === 'Font') {
      const font = /\/BaseFont \/\w+\+([\w-]+)/.exec(o.head)?.[1] ?? 'a font';
      roles.set(o.num, `the font ${font}`);
      const map = ref(o.head, 'ToUnicode');
      if (map !== null) roles.set(map, `the font ${font} (its character map: what copied text says)`);
    } else if (type === 'Filespec') {
      const file = /\/F \(([^)]*)\)/.exec(o.head)?.[1] ?? 'a file';
      roles.set(o.num, `the embedded file ${file} (its description)`);
      const stream = ref(o.head, 'F');
      if (stream !== null) roles.set(stream, `the embedded file ${file}`);
    } else if (type === 'Metadata') {
      roles.set(o.num, 'the XMP metadata (title, dates, PDF/A claim)');
    } else if (type === 'OutputIntent') {
      roles.set(o.num, 'the colour profile (PDF/A output intent)');
    }
  }
  const info = /\/Info (\d+) 0 R/.exec(layout.trailer);
  if (info !== null) {
    const n = Number(info[1]);
    roles.set(n, 'the document information (title, creator, dates)');
    for (const m of (byNum.get(n)?.head ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) roles.set(Number(m[2]), `the document information's ${m[1]}`);
  }
  return roles;
}
