/**
 * `report` of a room of N messages (10k by default) and of N/4, each beside the render limit
 * (pdfkit alone on the same messages, limits/render.ts): time, pages, PDF size and peak RSS,
 * the last one at two room sizes to see whether memory stays flat as the room grows.
 */
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { countLabel } from './args.js';
import { addRow, freshDb, lineExport, medianNote, repeatsFor, type Bench } from './context.js';
import { BIN, benchScript, medianRun, runCli, runCommand, runNode } from './measure.js';
import type { Imported } from './suite-import.js';

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

/**
 * `report --from --to` of about `around` messages (10k) in the middle of the room with history at
 * the largest size (issue 21 item 4: ≤ 250 MB at 1M): read from the room's kept state, not by
 * folding every capture. A room of one capture (the history ran at a smaller size) first gets the
 * later export with ~1 % changes, so the range holds edits, unsends and deletions.
 */
export async function reportRangeFor(b: Bench, size: number, room: Imported, captures: number, around = 10_000): Promise<void> {
  const label = countLabel(size);
  if (captures < 2) {
    b.log(`report range ${label}: import the ~1 % changed export first`);
    const later = lineExport(b, size, true);
    const imp = await runCli(b.method, ['import', later.path, '--db', room.db, '--json']);
    if (imp.code !== 0) throw new Error(`import failed: ${imp.stderr}`);
    captures = 2;
  }
  const range = await middleDays(lineExport(b, size).path, around);
  b.log(`report of ${range.from}..${range.to} (~${range.messages} messages) of the ${label} room`);
  const pdf = join(b.work, `report-range-${label}.pdf`);
  const r = await runCli(b.method, ['report', room.roomId, '-o', pdf, '--from', range.from, '--to', range.to, '--db', room.db, '--json']);
  if (r.code !== 0) throw new Error(`report failed: ${r.stderr}`);
  const pages = (JSON.parse(r.stdout) as ReportJson).pages ?? -1;
  addRow(b, {
    id: `report-range.line.${label}`,
    what: `report ${countLabel(around)} range`,
    size: label,
    messages: range.messages,
    seconds: r.wallMs / 1000,
    cpu: r.cpuSeconds,
    bytes: null,
    peakRss: r.maxRss,
    vs: null,
    note: `${range.from}..${range.to}, ${captures} captures, ${pages} pages, ${(statSync(pdf).size / 1e6).toFixed(2)} MB`,
    extra: { pages, pdfBytes: statSync(pdf).size },
  });
}

/** Whole days (read in the zone the imports read them in: both the CLI's default) from the middle of the export holding at least `around` messages (lines that start with a time). */
async function middleDays(path: string, around: number): Promise<{ from: string; to: string; messages: number }> {
  const days: { date: string; n: number }[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const day = /^(\d{4})\/(\d\d)\/(\d\d)\(/.exec(line);
    if (day !== null) days.push({ date: `${day[1]}-${day[2]}-${day[3]}`, n: 0 });
    else if (/^\d\d:\d\d\t/.test(line) && days.length > 0) days[days.length - 1]!.n++;
  }
  let i = Math.floor(days.length / 2);
  const from = days[i]!.date;
  let messages = 0;
  for (; i < days.length && messages < around; i++) messages += days[i]!.n;
  return { from, to: days[i - 1]!.date, messages };
}
