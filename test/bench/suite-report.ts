/**
 * `report` of a room of N messages (10k by default) and of N/4, each beside the render limit
 * (pdfkit alone on the same messages, limits/render.ts): time, pages, PDF size and peak RSS,
 * the last one at two room sizes to see whether memory stays flat as the room grows.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { countLabel } from './args.js';
import { addRow, freshDb, lineExport, medianNote, repeatsFor, type Bench } from './context.js';
import { BIN, benchScript, medianRun, runCli, runCommand, runNode } from './measure.js';

/** The report command is written by another engineer; until it exists the bench says so. */
export async function reportAvailable(): Promise<boolean> {
  const r = await runCommand(process.execPath, [BIN, 'report', '--help']);
  return r.code === 0;
}

interface ReportJson {
  readonly pages?: number;
  readonly file?: string;
}

export async function reportFor(b: Bench, size: number): Promise<void> {
  const label = countLabel(size);
  const exp = lineExport(b, size);
  const times = repeatsFor(b, size);
  b.log(`report ${label}: render limit, then import and report${times > 1 ? `, ${times} times each` : ''}`);
  const limitPdf = join(b.work, `render-limit-${label}.pdf`);
  const lim = await medianRun(times, () => runNode(b.method, benchScript('limits/render.js'), [exp.path, String(size), limitPdf]));
  if (lim.code !== 0) throw new Error(`render limit failed: ${lim.stderr}`);
  const l = JSON.parse(lim.stdout) as { messages: number; pages: number; bytes: number };
  addRow(b, {
    id: `limit.render.${label}`,
    what: 'render limit',
    size: label,
    messages: l.messages,
    seconds: lim.wallMs / 1000,
    cpu: lim.cpuSeconds,
    bytes: null,
    peakRss: lim.maxRss,
    vs: null,
    note: medianNote(`pdfkit alone: ${l.pages} pages, ${(l.bytes / 1e6).toFixed(2)} MB`, times),
    extra: { pages: l.pages, pdfBytes: l.bytes },
  });

  const pdf = join(b.work, `report-${label}.pdf`);
  let messages = 0;
  // Each report into a new archive: a report adds a log entry, which the next report would show.
  const rep = await medianRun(times, async () => {
    const db = freshDb(b, `report-${label}`);
    const imp = await runCli(b.method, ['import', exp.path, '--db', db, '--json']);
    const { capture } = JSON.parse(imp.stdout) as { capture: { messages: number; room: { id: string } } };
    messages = capture.messages;
    return runCli(b.method, ['report', capture.room.id, '-o', pdf, '--db', db, '--json']);
  });
  const r = JSON.parse(rep.stdout) as ReportJson;
  const bytes = statSync(pdf).size;
  addRow(b, {
    id: `report.line.${label}`,
    what: 'report',
    size: label,
    messages,
    seconds: rep.wallMs / 1000,
    cpu: rep.cpuSeconds,
    bytes: null,
    peakRss: rep.maxRss,
    vs: `limit.render.${label}`,
    note: medianNote(`${r.pages ?? '?'} pages, ${(bytes / 1e6).toFixed(2)} MB`, times),
    extra: { pages: r.pages ?? -1, pdfBytes: bytes },
  });
}
