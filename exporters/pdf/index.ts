import type { Report, ShownMessage } from '../../src/report/model.js';
import { type ByteSink, drive, type Exporter, type ExportResult, type RenderProgress, type ReportWriter } from '../exporter.js';
import { writeCover, writeTechnical } from './cover.js';
import { attachFiles, openDocument } from './document.js';
import { writeFiles } from './files-section.js';
import { writeRawCaptures } from './raw-section.js';
import { dateTime, L, shortHash } from './format.js';
import { writeHowTo } from './howto.js';
import { Layout } from './layout.js';
import { sourceName } from './statements.js';
import { writeSummary } from './summary.js';
import { writeTranscriptMessage, writeTranscriptStart } from './transcript.js';
import { ZoneClock } from './zone-clock.js';

/**
 * The PDF writer: cover and summary (header), transcript (each message), files and appendix
 * (footer). Pages stream out as they fill (bufferPages off), so memory does not grow with the room.
 */
class PdfWriter implements ReportWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly layout: Layout;
  private readonly done: Promise<void>;

  constructor(
    private readonly report: Report,
    private readonly clock: ZoneClock,
    sink: ByteSink,
    totalPages: number | null,
    places: ReadonlyMap<string, number> | null,
    private readonly finalPass: boolean,
  ) {
    this.doc = openDocument(report, !finalPass);
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Uint8Array) => sink.write(chunk));
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    const { lang, tz, head, room } = report;
    this.layout = new Layout(
      this.doc,
      {
        lang,
        header: room.title + L(lang, `（${sourceName(room.source, lang)}）`, ` (${sourceName(room.source, lang)})`),
        headerRight: L(lang, `ログ先頭 #${head.seq} ${shortHash(head.hash)}`, `log head #${head.seq} ${shortHash(head.hash)}`),
        footer: L(
          lang,
          `作成: ログ #${head.seq}（${dateTime(head.at, tz)}）時点の内容から`,
          `Generated from the log as of #${head.seq} (${dateTime(head.at, tz)})`,
        ),
        totalPages,
        places,
      },
      finalPass,
    );
  }

  /** Where each named destination landed: the counting pass hands it to the writing pass. */
  get places(): ReadonlyMap<string, number> {
    return this.layout.placed;
  }

  writeHeader(): void {
    this.layout.newPage();
    writeCover(this.layout, this.report);
    writeTechnical(this.layout, this.report);
    writeSummary(this.layout, this.report);
    writeTranscriptStart(this.layout, this.report);
  }

  writeMessage(message: ShownMessage, previous: ShownMessage | null): void {
    writeTranscriptMessage(this.layout, this.report, this.clock, message, previous);
  }

  async writeFooter(): Promise<ExportResult> {
    writeRawCaptures(this.layout, this.report);
    writeFiles(this.layout, this.report);
    writeHowTo(this.layout, this.report);
    if (this.finalPass) await attachFiles(this.doc, this.report);
    this.doc.end();
    await this.done;
    return { pages: this.layout.pages };
  }
}

/**
 * "page X / Y" on every page needs Y before page 1 is written, and pages stream out as they are
 * made (and the cover names the page each of its first changes is on). So the report is laid out twice with the same code: the first pass only counts pages
 * (its bytes are dropped), the second writes with the total known. The frame is drawn in the
 * margins with line breaking off, so the number printed cannot move anything. The counting pass skips what moves nothing: compression, glyphs,
 * whatever sits at a fixed place, attachments. Memory stays flat; time is about 1.6× one pass.
 */
export const pdfExporter: Exporter = {
  async render(report: Report, sink: ByteSink, signal?: AbortSignal, progress?: RenderProgress): Promise<ExportResult> {
    const clock = new ZoneClock(report.tz);
    const counter = new PdfWriter(report, clock, { write: () => undefined }, null, null, false);
    const counted = await drive(counter, report.transcript, signal, progress && { phase: 'layout', report: progress });
    const written = await drive(
      new PdfWriter(report, clock, sink, counted.pages, counter.places, true),
      report.transcript,
      signal,
      progress && { phase: 'pages', report: progress },
    );
    if (written.pages !== counted.pages) {
      throw new Error(`PDF layout is not repeatable: ${counted.pages} pages counted, ${written.pages} written`);
    }
    return written;
  },
};
