import { deflateSync, inflateSync } from 'node:zlib';

/**
 * A forger's toolkit for the report PDFs chatproof writes (classic xref, one object after the
 * other): read the objects, change them, and write a clean file again (fresh lengths, xref and
 * trailer) or append an incremental update (ISO 32000-1 §7.5.6), as an editing program would.
 * Written for the tests and apart from src/report/verify, so that a forgery does not share the
 * verifier's reading of the file.
 */

export interface ForgeObject {
  num: number;
  /** The object's text before any stream (latin1: every byte kept). */
  head: string;
  /** The stream, decoded if it was Flate-encoded (it is encoded again when written). */
  stream: Buffer | null;
}

export interface ForgeDoc {
  header: string;
  objects: ForgeObject[];
  trailer: string;
}

export function parsePdf(pdf: Buffer): ForgeDoc {
  const text = pdf.toString('latin1');
  const header = /^%PDF-[^\n]*\n%[^\n]*\n/.exec(text)![0];
  const objects: ForgeObject[] = [];
  const start = /(\d+) 0 obj\n/g;
  start.lastIndex = header.length;
  let m: RegExpExecArray | null;
  let pos = header.length;
  while ((m = start.exec(text)) !== null && m.index === pos) {
    const from = m.index + m[0].length;
    const end = text.indexOf('endobj\n', from);
    const s = text.indexOf('\nstream\n', from);
    if (s >= 0 && s < end) {
      const length = Number(/\/Length (\d+)\n/.exec(text.slice(from, s))![1]);
      const raw = pdf.subarray(s + 8, s + 8 + length);
      const head = text.slice(from, s + 1);
      objects.push({ num: Number(m[1]), head, stream: /\/Filter \/FlateDecode/.test(head) ? inflateSync(raw) : Buffer.from(raw) });
      pos = s + 8 + length + '\nendstream\nendobj\n'.length;
    } else {
      objects.push({ num: Number(m[1]), head: text.slice(from, end), stream: null });
      pos = end + 'endobj\n'.length;
    }
    start.lastIndex = pos;
  }
  const trailer = /trailer\n(<<[\s\S]*?\n>>)\nstartxref/.exec(text)![1]!;
  return { header, objects, trailer };
}

function objectBytes(o: ForgeObject, level?: number): Buffer {
  if (o.stream === null) return Buffer.from(`${o.num} 0 obj\n${o.head}endobj\n`, 'latin1');
  const body = /\/Filter \/FlateDecode/.test(o.head) ? deflateSync(o.stream, level === undefined ? {} : { level }) : o.stream;
  const head = o.head.replace(/\/Length \d+\n/, `/Length ${body.length}\n`);
  return Buffer.concat([Buffer.from(`${o.num} 0 obj\n${head}stream\n`, 'latin1'), body, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
}

/** A whole new file: what a forger's own tool writes after editing; `level`: another zlib compression level. */
export function writePdf(doc: ForgeDoc, level?: number): Buffer {
  const parts: Buffer[] = [Buffer.from(doc.header, 'latin1')];
  let offset = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const o of doc.objects) {
    const b = objectBytes(o, level);
    offsets.set(o.num, offset);
    offset += b.length;
    parts.push(b);
  }
  const size = Math.max(...doc.objects.map((o) => o.num)) + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let i = 1; i < size; i++) xref += offsets.has(i) ? `${String(offsets.get(i)).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n';
  const trailer = doc.trailer.replace(/\/Size \d+/, `/Size ${size}`);
  parts.push(Buffer.from(`${xref}trailer\n${trailer}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** An incremental update: the given objects (new or replacing) appended after %%EOF. */
export function appendUpdate(pdf: Buffer, objects: readonly ForgeObject[]): Buffer {
  const doc = parsePdf(pdf);
  const prev = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(pdf.toString('latin1'))![1]);
  const parts: Buffer[] = [pdf];
  let offset = pdf.length;
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const o of objects) {
    const b = objectBytes(o);
    xref += `${o.num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`;
    offset += b.length;
    parts.push(b);
  }
  const size = Math.max(...doc.objects.map((o) => o.num), ...objects.map((o) => o.num)) + 1;
  const trailer = doc.trailer.replace(/\/Size \d+/, `/Size ${size}\n/Prev ${prev}`);
  parts.push(Buffer.from(`${xref}trailer\n${trailer}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

export const obj = (doc: ForgeDoc, num: number): ForgeObject => doc.objects.find((o) => o.num === num)!;
export const ref = (head: string, key: string): number => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(head)![1]);
export const nextNum = (doc: ForgeDoc): number => Math.max(...doc.objects.map((o) => o.num)) + 1;

/** Page objects in page order. */
export function pages(doc: ForgeDoc): ForgeObject[] {
  const tree = doc.objects.find((o) => /\/Type \/Pages\b/.test(o.head))!;
  return [.../\/Kids \[([^\]]*)\]/.exec(tree.head)![1]!.matchAll(/(\d+) 0 R/g)].map((k) => obj(doc, Number(k[1])));
}

/**
 * Character → glyph codes (4 hex digits) of the font a page names `fontKey` (F2: regular, F3:
 * bold), from its ToUnicode map. One character may have several glyphs (shaping picks variants).
 */
export function glyphCodes(doc: ForgeDoc, page: ForgeObject, fontKey: string): Map<string, string[]> {
  const resources = obj(doc, ref(page.head, 'Resources'));
  const font = obj(doc, ref(resources.head, fontKey));
  const map = obj(doc, ref(font.head, 'ToUnicode')).stream!.toString('latin1');
  const out = new Map<string, string[]>();
  for (const range of map.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
    const first = parseInt(range[1]!, 16);
    // One entry per glyph code; a ligature's entry lists several UTF-16 units, space-separated
    // (`<0066 0066>` for "ff", which a hash printed in the report may contain).
    [...range[2]!.matchAll(/<([0-9a-f ]+)>/g)].forEach((u, i) => {
      const char = String.fromCharCode(...(u[1]!.match(/[0-9a-f]{4}/g) ?? []).map((h) => parseInt(h, 16)));
      const codes = out.get(char) ?? [];
      codes.push((first + i).toString(16).padStart(4, '0'));
      out.set(char, codes);
    });
  }
  return out;
}

/** One glyph as a content stream draws it: where its code sits in the stream's text, and on which line. */
interface DrawnGlyph {
  readonly code: string;
  readonly at: number;
  /** The text matrix's y: glyphs of one line share it, whatever runs and text objects split them. */
  readonly y: string;
}

/**
 * The glyphs a content stream draws in the font named `fontKey`, in drawing order. pdfkit splits a
 * line into several runs (kerning inside a TJ array, a new Tm before a glyph that is moved, one
 * text object per styled piece), and where it splits depends on the neighbouring glyphs.
 */
function drawnGlyphs(content: string, fontKey: string): DrawnGlyph[] {
  const out: DrawnGlyph[] = [];
  let font = '';
  let y = '';
  for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) Tm|<([0-9a-f]*)>/g)) {
    if (m[1] !== undefined) font = m[1];
    else if (m[2] !== undefined) y = m[2];
    else if (font === fontKey) {
      const hex = m[3]!;
      for (let i = 0; i + 4 <= hex.length; i += 4) out.push({ code: hex.slice(i, i + 4), at: m.index + 1 + i, y });
    }
  }
  return out;
}

/**
 * Replaces drawn text on a page with text of the same length, glyph for glyph in place: every
 * occurrence drawn on one line, across however many runs pdfkit split that line into (so the
 * page still reads the edited text as one). Throws if it is drawn on no line of this page.
 */
export function editText(doc: ForgeDoc, page: ForgeObject, fontKey: string, from: string, to: string): void {
  const codes = glyphCodes(doc, page, fontKey);
  const glyphs = (c: string): string[] => {
    const found = codes.get(c);
    if (found === undefined) throw new Error(`forge: "${c}" is not in the font's subset`);
    return found;
  };
  const wanted = [...from].map((c) => new Set(glyphs(c)));
  const replacement = [...to].map((c) => glyphs(c)[0]!);
  if (replacement.length !== wanted.length) throw new Error('forge: the replacement must have as many characters as the text it replaces');
  const content = obj(doc, ref(page.head, 'Contents'));
  const text = Buffer.from(content.stream!);
  const drawn = drawnGlyphs(text.toString('latin1'), fontKey);
  let edited = 0;
  for (let i = 0; i + wanted.length <= drawn.length; i++) {
    const run = drawn.slice(i, i + wanted.length);
    if (!run.every((g, k) => g.y === run[0]!.y && wanted[k]!.has(g.code))) continue;
    run.forEach((g, k) => text.write(replacement[k]!, g.at, 'latin1'));
    edited++;
    i += wanted.length - 1;
  }
  if (edited === 0) throw new Error(`forge: "${from}" is not drawn on one line of this page`);
  content.stream = text;
}
