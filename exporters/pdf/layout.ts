import type { ReportLang } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';

/**
 * A thin layer over a pdfkit document: tracked font state, the frame (header and footer) drawn on
 * every page, and the few block helpers the sections use. Sizes are points; A4 is 595 × 842.
 */

export const MARGIN = { top: 62, bottom: 58, left: 56, right: 56 } as const;
export const SIZE = { title: 18, h1: 14, h2: 11.5, body: 10.5, small: 8.5, tiny: 7.5 } as const;
/** Grey-scale only: status is never told by colour alone (labels and shading carry it). */
export const INK = { text: '#000000', muted: '#3c3c3c', faint: '#6a6a6a', fill: '#ececec', rule: '#8c8c8c' } as const;

export type FontName = typeof FONT_REGULAR | typeof FONT_BOLD;

export interface Frame {
  readonly lang: ReportLang;
  /** Left of the header: the room. */
  readonly header: string;
  /** Right of the header: the log head. */
  readonly headerRight: string;
  /** Left of the footer: what the report was generated from. */
  readonly footer: string;
  /** Known in the second pass only (two-pass rendering, see index.ts). */
  readonly totalPages: number | null;
  /** The page each named destination is on, from the counting pass: known in the second pass only. */
  readonly places: ReadonlyMap<string, number> | null;
}

export class Layout {
  pages = 0;
  private state: { font: FontName; size: number; color: string } = { font: FONT_REGULAR, size: SIZE.body, color: INK.text };
  private hashWidth: number | null = null;
  /** Set while a message is being written: a page that starts inside it says whose it is. */
  continuation: string | null = null;
  /** The last top-level bookmark: where the next level-2 bookmark goes. */
  private section: PDFKit.PDFOutline | null = null;
  /** The page of each named destination placed so far: a name is placed once, where it first occurs. */
  readonly placed = new Map<string, number>();

  /**
   * `inking` is false in the page-counting pass: what is drawn at fixed places (frame, meta
   * lines, change bars) moves nothing, so that pass leaves it out; what flows is laid out alike.
   */
  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly frame: Frame,
    readonly inking: boolean,
  ) {
    doc.on('pageAdded', () => this.drawFrame());
  }

  /** Width of the hash-prefix column at the right of meta lines ("#" and 8 hex digits). */
  hashColumnWidth(): number {
    this.hashWidth ??= this.doc.font(FONT_REGULAR).fontSize(SIZE.tiny).widthOfString('#dddddddd');
    return this.hashWidth;
  }

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  use(font: FontName, size: number, color: string = INK.text): this {
    this.state = { font, size, color };
    this.doc.font(font).fontSize(size).fillColor(color);
    return this;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** A major section: on a fresh page unless most of this one is still free. */
  startSection(): void {
    if (this.doc.y > MARGIN.top + (this.bottom - MARGIN.top) * 0.4) this.newPage();
    else if (this.doc.y > MARGIN.top) this.gap(14);
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  /** Wrapped text in the content column from `indent`; pdfkit continues on a new page if needed. */
  para(text: string, indent = 0, options: PDFKit.Mixins.TextOptions = {}): void {
    this.doc.text(text, this.left + indent, this.doc.y, { width: this.width - indent, lineGap: 2, ...options });
  }

  heightOf(text: string, indent = 0): number {
    return this.doc.heightOfString(text, { width: this.width - indent, lineGap: 2 });
  }

  /**
   * A PDF bookmark (outline item) to the current page: level 1 at the top, level 2 under the last
   * level 1. Only in the writing pass: the counting pass's document is thrown away.
   */
  bookmark(title: string, level: 1 | 2): void {
    if (!this.inking) return;
    if (level === 1 || this.section === null) this.section = this.doc.outline.addItem(title);
    else this.section.addItem(title);
  }

  /**
   * A named destination (ISO 32000-1 §12.3.2.3) at `y` on this page, for a link to go to. Neither
   * it nor a link moves anything, so the page-counting pass leaves both out.
   */
  destination(name: string, y: number): void {
    if (this.placed.has(name)) return;
    this.placed.set(name, this.pages);
    if (this.inking) this.doc.addNamedDestination(name, 'XYZ', null, y, null);
  }

  /** The page a named destination is on, once the counting pass has found it. */
  pageOf(name: string): number | null {
    return this.frame.places?.get(name) ?? null;
  }

  /** A link over the text column from `top` to `bottom` of this page, going to a named destination. */
  linkTo(name: string, top: number, bottom: number): void {
    if (!this.inking || bottom <= top) return;
    this.doc.goTo(this.left, top, this.width, bottom - top, name);
  }

  heading(text: string, level: 1 | 2): void {
    const size = level === 1 ? SIZE.h1 : SIZE.h2;
    this.ensure(size * 4);
    this.gap(level === 1 ? 10 : 6);
    this.use(FONT_BOLD, size).para(text);
    if (level === 1) this.rule(INK.text, 1);
    this.gap(4);
    this.use(FONT_REGULAR, SIZE.body);
  }

  rule(color: string = INK.rule, width = 0.5): void {
    const y = this.doc.y + 2;
    this.doc
      .save()
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke()
      .restore();
    this.doc.y = y + 3;
  }

  /** A label and a value beside it, the value wrapping in its own column. */
  field(label: string, value: string, labelWidth = 118, valueSize: number = SIZE.body): void {
    this.ensure(valueSize * 2.6);
    const y = this.doc.y;
    this.use(FONT_BOLD, SIZE.small, INK.muted);
    this.doc.text(label, this.left, y + (valueSize - SIZE.small) * 0.6, { width: labelWidth - 8, lineGap: 1 });
    const labelBottom = this.doc.y;
    this.use(FONT_REGULAR, valueSize);
    this.doc.text(value, this.left + labelWidth, y, { width: this.width - labelWidth, lineGap: 2 });
    this.doc.y = Math.max(this.doc.y, labelBottom) + 2;
    this.doc.x = this.left;
  }

  /**
   * The frame of every page. Drawn with lineBreak off so that it can sit in the margins without
   * pdfkit starting another page; font, colour and position are put back afterwards, because
   * pdfkit may be in the middle of wrapping a paragraph that continues on this page.
   */
  private drawFrame(): void {
    this.pages++;
    const { doc } = this;
    if (!this.inking) return;
    const { x, y } = { x: doc.x, y: doc.y };
    const { font, size, color } = this.state;
    const right = this.left + this.width;
    doc.font(FONT_REGULAR).fontSize(SIZE.tiny).fillColor(INK.faint);
    const headY = MARGIN.top - 28;
    const rightWidth = doc.widthOfString(this.frame.headerRight);
    doc.text(this.frame.headerRight, right - rightWidth, headY, { lineBreak: false });
    doc.text(fit(doc, this.frame.header, this.width - rightWidth - 16), this.left, headY, { lineBreak: false });
    doc
      .save()
      .moveTo(this.left, headY + 12)
      .lineTo(right, headY + 12)
      .lineWidth(0.4)
      .strokeColor(INK.rule)
      .stroke()
      .restore();
    const footY = doc.page.height - MARGIN.bottom + 22;
    const total = this.frame.totalPages === null ? '–' : String(this.frame.totalPages);
    const pageText = this.frame.lang === 'ja' ? `${this.pages} / ${total} ページ` : `page ${this.pages} / ${total}`;
    const pageWidth = doc.widthOfString(pageText);
    doc.text(pageText, right - pageWidth, footY, { lineBreak: false });
    doc.text(fit(doc, this.frame.footer, this.width - pageWidth - 16), this.left, footY, { lineBreak: false });
    if (this.continuation !== null) doc.text(fit(doc, this.continuation, this.width), this.left, MARGIN.top - 12, { lineBreak: false });
    doc.font(font).fontSize(size).fillColor(color);
    doc.x = x;
    doc.y = y;
  }
}

/** Cuts a one-line text to `width` with an ellipsis (the header must not wrap into the page). */
export function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(cut + '…') > width) cut = cut.slice(0, -1);
  return cut + '…';
}
