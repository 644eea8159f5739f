import type { FileKind, Report, ReportFile } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { byteSize, dateTimeWithUtc, L, shortHash } from './format.js';
import { INK, type Layout, SIZE } from './layout.js';

/** Files kept as evidence of the room (`chatproof attach`), and the screenshots drawn as images. */

/** Points: a screenshot and its caption fit on a page, with room for the next one's caption. */
const MAX_IMAGE_HEIGHT = 430;

function kindName(kind: FileKind, r: Report): string {
  const names: Record<FileKind, [string, string]> = {
    deliverable: ['納品物', 'deliverable'],
    screenshot: ['スクリーンショット', 'screenshot'],
    other: ['その他', 'other'],
  };
  return L(r.lang, ...names[kind]);
}

export function writeFiles(l: Layout, r: Report): void {
  const { lang } = r;
  l.startSection();
  l.heading(L(lang, 'ファイル', 'Files'), 1);
  l.bookmark(L(lang, 'ファイル', 'Files'), 1);
  if (r.files.length === 0) {
    l.use(FONT_REGULAR, SIZE.body, INK.muted).para(
      L(lang, 'このルームの証拠として保存されたファイルはありません。', 'No file was kept as evidence of this room.'),
    );
    return;
  }
  for (const f of r.files) writeFileEntry(l, r, f);
  const images = r.files.filter((f) => f.image !== null);
  if (images.length === 0) return;
  // Keep the heading with the first screenshot.
  l.ensure(fitBox(l.doc, Buffer.from(images[0]!.image!), l.width, MAX_IMAGE_HEIGHT).height + 110);
  l.heading(L(lang, 'スクリーンショット', 'Screenshots'), 1);
  for (const f of images) writeScreenshot(l, r, f);
}

function writeFileEntry(l: Layout, r: Report, f: ReportFile): void {
  const { lang } = r;
  l.ensure(90);
  const kind = kindName(f.kind, r);
  l.use(FONT_BOLD, SIZE.body).para(f.name + L(lang, `（${kind}）`, ` (${kind})`));
  const kept =
    f.file !== null
      ? L(lang, `添付 ${f.file}`, `embedded as ${f.file}`)
      : L(lang, 'この報告書には添付していません（ハッシュのみ）', 'not embedded in this report (hash only)');
  l.field('SHA-256', f.sha256, 96, SIZE.small);
  l.field(L(lang, '大きさ・種類', 'Size, type'), `${byteSize(f.size, lang)} · ${f.mime ?? '?'} · ${kept}`, 96, SIZE.small);
  l.field(L(lang, '記録', 'Logged'), `#${f.seq} · ${dateTimeWithUtc(f.at, r.tz, lang)}`, 96, SIZE.small);
  if (f.forMessage !== null) l.field(L(lang, '関連メッセージ', 'For message'), `#${shortHash(f.forMessage)}  ${f.forMessage}`, 96, SIZE.small);
  if (f.note !== null && f.note !== '') l.field(L(lang, 'メモ', 'Note'), f.note, 96, SIZE.small);
  l.gap(6);
}

/** One screenshot per block, scaled to the column and framed, with what identifies it printed above. */
function writeScreenshot(l: Layout, r: Report, f: ReportFile): void {
  const bytes = Buffer.from(f.image!);
  const { image, width, height } = fitBox(l.doc, bytes, l.width, MAX_IMAGE_HEIGHT);
  l.ensure(height + 60);
  l.use(FONT_BOLD, SIZE.small).para(`${f.name} · #${f.seq} · ${dateTimeWithUtc(f.at, r.tz, r.lang)}`);
  l.use(FONT_REGULAR, SIZE.tiny, INK.muted).para(`SHA-256 ${f.sha256}${f.note === null || f.note === '' ? '' : `\n${f.note}`}`);
  l.gap(4);
  const top = l.doc.y;
  const x = l.left + (l.width - width) / 2;
  // pdfkit's image() takes an already opened image too (not in @types/pdfkit): decoded once.
  l.doc.image(image as unknown as Buffer, x, top, { width, height });
  l.doc.save().rect(x, top, width, height).lineWidth(0.4).strokeColor(INK.rule).stroke().restore();
  l.doc.x = l.left;
  l.doc.y = top + height + 12;
}

interface OpenedImage {
  readonly width: number;
  readonly height: number;
}

/** The decoded image and its size scaled into width × height (never enlarged past 1.5×). */
function fitBox(doc: PDFKit.PDFDocument, bytes: Buffer, width: number, height: number): { image: OpenedImage; width: number; height: number } {
  const image = (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(bytes);
  const scale = Math.min(width / image.width, height / image.height, 1.5);
  return { image, width: image.width * scale, height: image.height * scale };
}
