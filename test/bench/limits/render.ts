/**
 * The render limit (docs/performance.md): pdfkit writing the first N messages of a LINE export with the
 * report's font (exporters/pdf/fonts.ts), as in docs/design/platform-notes.md §3c: a 7 pt grey line with sender and
 * time, then the body at 10 pt, A4, streamed to a file. No model, no archive, no cover or
 * appendix: `report` is judged against this. Usage: node render.js EXPORT N OUT.pdf → one JSON line.
 */
import PDFDocument from 'pdfkit';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { FONT_REGULAR, fontFiles } from '../../../exporters/pdf/fonts.js';
import { forEachMessage } from './split.js';

const [file, countArg, out] = process.argv.slice(2);
if (file === undefined || countArg === undefined || out === undefined) throw new Error('usage: render.js EXPORT N OUT.pdf');
const limit = Number(countArg);

const t0 = performance.now();
const rows: { meta: string; body: string }[] = [];
forEachMessage(readFileSync(file, 'utf8'), (m) => {
  if (rows.length >= limit) return;
  const [time = '', sender = '', ...rest] = m.split('\t');
  rows.push({ meta: `${sender || '(system)'}  ${time}`, body: rest.join('\t') });
});

const doc = new PDFDocument({ size: 'A4', margin: 50, pdfVersion: '1.7', subset: 'PDF/A-3b', bufferPages: false, info: { CreationDate: new Date(0) } });
let pages = 1;
doc.on('pageAdded', () => pages++);
const sink = createWriteStream(out);
doc.pipe(sink);
doc.registerFont(FONT_REGULAR, fontFiles[FONT_REGULAR]);
doc.font(FONT_REGULAR);
for (const r of rows) {
  doc.fontSize(7).fillColor('#666666').text(r.meta);
  doc.fontSize(10).fillColor('#000000').text(r.body, { paragraphGap: 4 });
}
doc.end();
await new Promise<void>((res, rej) => sink.on('finish', res).on('error', rej));
process.stdout.write(JSON.stringify({ messages: rows.length, pages, bytes: statSync(out).size, totalMs: performance.now() - t0 }) + '\n');
