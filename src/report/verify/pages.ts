import type { Report } from '../model.js';
import type { Check, Evidence } from './check.js';
import { addedObject, layoutDifferences } from './layout-diff.js';
import { readLayout, splitRevisions } from './pdf-objects.js';
import { readerView, threats, viewDifferences } from './reader-view.js';
import { rebuildReport } from './rebuild.js';

/** Renders a report model to PDF bytes: chatproof's own PDF exporter, handed in by the CLI. */
export interface Renderer {
  /** e.g. "chatproof 0.1.0": only a report of this generator can be rendered again exactly. */
  readonly generator: string;
  render(report: Report): Promise<Uint8Array>;
}

/**
 * Binds what a reader sees: the file is one revision, and that revision is what this chatproof
 * renders from the report's own embedded data — byte for byte, or, where the compression bytes
 * differ (zlib of another Node release), object for object with every stream decoded. When it is
 * not, pdf.js's view of both files names what differs (pages, annotations, scripts).
 */
export async function checkPages(pdf: Uint8Array, ev: Evidence, renderer: Renderer): Promise<Check[]> {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const { first, rest } = splitRevisions(bytes);
  const revision: Check = rest.length === 0
    ? { name: 'revisions', ok: true, detail: `the file is one revision: nothing follows its end (%%EOF at byte ${first.length}), so no later update changes what a reader sees (rests on: ISO 32000-1 §7.5.6)` }
    : { name: 'revisions', ok: false, detail: `${rest.length} bytes follow the report's end at byte ${first.length}: ${appended(rest)}. A PDF reader shows the file as that update left it` };

  const made = ev.manifest.generator;
  if (made !== renderer.generator) {
    return [revision, await failed(bytes, null, [`not compared: the report says it was made by ${made}, and only that version lays its pages out exactly as they are; this is ${renderer.generator}. Check it with ${made}`])];
  }
  const report = rebuildReport(ev);
  if (typeof report === 'string') return [revision, await failed(bytes, null, [`it cannot be rendered again from its own data: ${report}`])];
  const rendered = Buffer.from(await renderer.render(report));
  const how = `${made} rendered the report again from its embedded ${ev.manifest.mode === 'full' ? 'originals' : 'messages, audit paths'}, manifest and log`;
  if (rest.length > 0) return [revision, await failed(bytes, rendered, [`its first revision ${first.equals(rendered) ? 'is' : 'is not'} that rendering, but a reader sees it only as the later update leaves it`])];
  if (first.equals(rendered)) {
    return [revision, pass(`${how}: the file is that rendering byte for byte (${rendered.length} bytes, every page, font and embedded file)`)];
  }
  const mine = readLayout(rendered);
  if (typeof mine === 'string') throw new Error(`verify-report: chatproof's own rendering does not read back: ${mine}`);
  const theirs = readLayout(first);
  const problems = typeof theirs === 'string' ? [`its structure is not what chatproof writes: ${theirs}`] : layoutDifferences(theirs, mine);
  if (problems.length === 0) {
    return [revision, pass(`${how}: the file is that rendering object for object (${mine.objects.length} objects), every stream compared decoded: only the compression bytes differ, as they do between zlib releases`)];
  }
  return [revision, await failed(bytes, rendered, problems)];
}

function pass(detail: string): Check {
  return { name: 'pages', ok: true, detail: `${detail} (rests on: the checks above, which bind that data to the log chain)` };
}

/** A failed comparison, with what a reader sees differently named first. */
async function failed(given: Buffer, rendered: Buffer | null, problems: readonly string[]): Promise<Check> {
  const view = await readerView(given);
  const mine = rendered === null ? null : await readerView(rendered);
  if (typeof mine === 'string') throw new Error(`verify-report: chatproof's own rendering does not read: ${mine}`);
  // What a reader would act on, the first objects that differ, how the pages read differently, the other objects.
  const all = typeof view === 'string' ? [view, ...problems]
    : [...threats(view), ...problems.slice(0, 3), ...(mine === null ? [] : viewDifferences(view, mine)), ...problems.slice(3)];
  return { name: 'pages', ok: false, detail: all.slice(0, 10).join('; ') + (all.length > 10 ? `; and ${all.length - 10} more` : '') };
}

/** What an appended revision holds, in words. */
function appended(rest: Buffer): string {
  const text = rest.toString('latin1');
  const kinds = new Set<string>();
  for (const m of text.matchAll(/\d+ 0 obj\n?([\s\S]*?)endobj/g)) kinds.add(addedObject({ num: 0, head: m[1]!, stream: null }));
  return kinds.size === 0 ? 'data appended after the end' : `an incremental update that adds or replaces ${[...kinds].join(', ')}`;
}
