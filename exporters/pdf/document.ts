import PDFDocument from 'pdfkit';
import type { EmbeddedRole, Report } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR, fontFiles } from './fonts.js';
import { xmpSafe } from './format.js';
import { MARGIN } from './layout.js';

/**
 * A PDF/A-3b document (stack.md §3c): PDF 1.7, fonts embedded, files attached with an
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
    // pdfkit's layout cache grows with every distinct line (see forgetLayouts); without it,
    // layout is three times slower, so it stays on and is emptied page by page.
    fontLayoutCache: true,
    margins: MARGIN,
    compress: !counting,
    info: { Title: xmpSafe(r.title), Creator: xmpSafe(r.generator), Subject: xmpSafe(r.room.title), CreationDate: new Date(r.head.at) },
  });
  doc.registerFont(FONT_REGULAR, fontFiles[FONT_REGULAR]);
  doc.registerFont(FONT_BOLD, fontFiles[FONT_BOLD]);
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
export function attachFiles(doc: PDFKit.PDFDocument, r: Report): void {
  const date = new Date(r.head.at);
  for (const f of r.embedded) {
    doc.file(Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength), {
      name: f.name,
      type: f.mime,
      description: f.description,
      relationship: RELATIONSHIP[f.role],
      creationDate: date,
      modifiedDate: date,
    });
  }
}

/**
 * pdfkit caches the glyph layout of every space-separated run for good. Japanese has no spaces,
 * so every distinct line of a room would stay in memory; emptied once per page, the cache still
 * serves what repeats (single characters while wrapping) and memory stays flat in the room's size.
 * The cache is private to pdfkit (EmbeddedFont.layoutCache, pdfkit 0.20): if it is ever renamed
 * this does nothing, and only memory suffers.
 */
export function forgetLayouts(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies ?? {};
  for (const font of Object.values(families)) if (font.layoutCache !== undefined) font.layoutCache = Object.create(null);
}
