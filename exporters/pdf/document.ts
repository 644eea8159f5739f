import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { EmbeddedFile, EmbeddedRole, Report } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR, fontBytes } from './fonts.js';
import { xmpSafe } from './format.js';
import { MARGIN } from './layout.js';

/**
 * A PDF/A-3b document (docs/design/platform-notes.md §3c): PDF 1.7, fonts embedded, files attached with an
 * AFRelationship. Deterministic: the creation date is the report's log-head time, attachments
 * carry that same date, and no ModDate is set (pdfkit's XMP has none to match it).
 */
/** `counting`: the page-counting pass, whose bytes are dropped (index.ts): no compression, no glyphs. */
export function openDocument(r: Report, counting: boolean): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    lang: r.lang === 'ja' ? 'ja-JP' : 'en-US',
    displayTitle: true,
    autoFirstPage: false,
    bufferPages: false,
    // Without a layout cache, layout is three times slower; boundLayoutCaches keeps it small.
    fontLayoutCache: true,
    margins: MARGIN,
    compress: !counting,
    info: { Title: xmpSafe(r.title), Creator: xmpSafe(r.generator), Subject: xmpSafe(r.room.title), CreationDate: new Date(r.head.at) },
  });
  doc.registerFont(FONT_REGULAR, fontBytes(FONT_REGULAR));
  doc.registerFont(FONT_BOLD, fontBytes(FONT_BOLD));
  boundLayoutCaches(doc);
  if (counting) skipGlyphs(doc);
  return doc;
}

/**
 * Counting pages needs where lines and pages break, not glyphs. In pdfkit 0.20 the line wrapper
 * decides the breaks and `_line` moves down; the private `_fragment` only draws a line already
 * laid out (shaping it again and writing it out), so the counting document leaves it out: about
 * a third of the counting pass. Were pdfkit to change that, the two passes would disagree and the
 * export would fail loudly (index.ts), never print a wrong total.
 */
function skipGlyphs(doc: PDFKit.PDFDocument): void {
  (doc as unknown as { _fragment: () => void })._fragment = () => undefined;
}

const RELATIONSHIP: Record<EmbeddedRole, 'Source' | 'Data' | 'Supplement'> = {
  original: 'Source',
  manifest: 'Data',
  log: 'Data',
  'timestamp-token': 'Supplement',
  'timestamp-data': 'Supplement',
  attachment: 'Supplement',
};

/** Every embedded file, in the model's order, dated with the log head (never the file system's clock). */
export async function attachFiles(doc: PDFKit.PDFDocument, r: Report): Promise<void> {
  const date = new Date(r.head.at);
  for (const f of r.embedded) await attachFile(doc, f, date);
}

/**
 * What pdfkit's `doc.file()` writes (pdfkit 0.20: an EmbeddedFile stream with Params, a Filespec
 * with its AFRelationship in the EmbeddedFiles name tree and the catalog's AF array), object for
 * object and byte for byte, but not how. `file()` needs the file whole, copies it for an MD5 in
 * JavaScript that allocates an array at every step, and copies it again to deflate it: with the
 * manifest of a 10k-message room (7 MB) that put the report's peak RSS at 187 MiB instead of 161.
 * Here the chunks are hashed and deflated as they come (zlib's stream gives deflateSync's bytes),
 * so the manifest is never whole in memory, and the stream is handed over deflated with its Filter
 * set, so that pdfkit does not compress it again. The catalog's AF array is private to pdfkit.
 */
async function attachFile(doc: PDFKit.PDFDocument, f: EmbeddedFile, date: Date): Promise<void> {
  const md5 = createHash('md5');
  const zip = createDeflate();
  const deflated: Buffer[] = [];
  zip.on('data', (chunk: Buffer) => deflated.push(chunk));
  for (const chunk of f.chunks()) {
    md5.update(chunk);
    if (!zip.write(chunk)) await once(zip, 'drain');
  }
  const zipped = once(zip, 'end');
  zip.end();
  await zipped;
  const stream = doc.ref({
    Type: 'EmbeddedFile',
    Params: { CreationDate: date, ModDate: date, CheckSum: new String(md5.digest('hex')), Size: f.size },
    Subtype: pdfName(f.mime),
    // pdfkit's key order, with Length and Filter where its stream writer adds them.
    Length: 0,
    Filter: 'FlateDecode',
  });
  for (const chunk of deflated) stream.write(chunk);
  stream.end(undefined);
  const spec = doc.ref({
    Type: 'Filespec',
    AFRelationship: RELATIONSHIP[f.role],
    F: new String(f.name),
    EF: { F: stream },
    UF: new String(f.name),
    Desc: new String(f.description),
  });
  spec.end(undefined);
  doc.addNamedEmbeddedFile(f.name, spec);
  const catalog = (doc as unknown as { _root: { data: { AF?: PDFKit.PDFKitReference[] } } })._root.data;
  (catalog.AF ??= []).push(spec);
}

/** A PDF name's characters as pdfkit escapes them: delimiters, '#', '%', space and controls as #XX. */
function pdfName(text: string): string {
  return text.replace(/[\x00-\x20\x7f#%()/<>[\]{}]/g, (c) => `#${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Runs up to this many UTF-16 units are what line wrapping measures: characters and short words. */
const SHORT_RUN = 8;
/** Distinct short runs kept; a 10k room of Japanese uses ~2,500. */
const LASTING_RUNS = 4096;
/** Longer runs kept: a line drawn without wrapping is laid out three times in a row, once per space-separated run. */
const RECENT_RUNS = 64;

interface CachingFont {
  layoutCache?: unknown;
  layoutRun?: (text: string) => unknown;
  layoutCached?: (text: string) => unknown;
}

/**
 * pdfkit caches the layout of every space-separated run for good (EmbeddedFont.layoutCache,
 * private, pdfkit 0.20). Japanese has no spaces, so every line of the room would stay, and
 * emptying the cache every 50 pages still let each entry live long enough to be promoted by V8:
 * on 10k messages ~40 MB of old-space garbage piled up until a full GC. What pays is narrow:
 * wrapping measures the same characters and short words again and again, and a line drawn without
 * wrapping is laid out three times in a row (measured, encoded, stepped past). So each font gets
 * two small caches instead, each emptied when full: short runs for long, others for the next few
 * calls, which then die young. If pdfkit renames these members nothing is installed and its own
 * cache stays: only memory suffers.
 */
function boundLayoutCaches(doc: PDFKit.PDFDocument): void {
  const open = doc.font.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  const current = doc as unknown as { _font?: CachingFont; font: (...args: unknown[]) => PDFKit.PDFDocument };
  current.font = (...args) => {
    open(...args);
    if (current._font !== undefined) boundLayoutCache(current._font);
    return doc;
  };
}

function boundLayoutCache(font: CachingFont): void {
  const { layoutRun } = font;
  if (font.layoutCache === undefined || layoutRun === undefined || Object.hasOwn(font, 'layoutCached')) return;
  const layout = (text: string): unknown => layoutRun.call(font, text);
  const lasting = cappedCache(LASTING_RUNS, layout);
  const recent = cappedCache(RECENT_RUNS, layout);
  font.layoutCached = (text) => (text.length <= SHORT_RUN ? lasting : recent)(text);
}

function cappedCache(max: number, make: (text: string) => unknown): (text: string) => unknown {
  let runs = new Map<string, unknown>();
  return (text) => {
    let run = runs.get(text);
    if (run === undefined) {
      if (runs.size >= max) runs = new Map();
      run = make(text);
      runs.set(text, run);
    }
    return run;
  };
}
