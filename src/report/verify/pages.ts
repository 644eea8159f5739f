import type { Report } from '../model.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { check, finding, listed, type Check, type Evidence } from './check.js';
import { addedObject, layoutDifferences } from './layout-diff.js';
import { readLayout } from './pdf-objects.js';
import { readerView, threats, viewDifferences } from './reader-view.js';
import { rebuildReport } from './rebuild.js';
import { checkOtherVersion } from './other-version.js';

/** Renders a report model to PDF bytes: chatproof's own PDF exporter, handed in by the CLI. */
export interface Renderer {
  /** e.g. "chatproof 0.1.0": only a report of this generator can be rendered again exactly. */
  readonly generator: string;
  render(report: Report): Promise<Uint8Array>;
  /**
   * The file this chatproof writes when it appends a document timestamp to `first` with the token
   * `update` carries, and the bytes that token covers; null when `update` carries no token.
   */
  documentTimestamp(first: Buffer, update: Buffer): { readonly token: Uint8Array; readonly bytes: Buffer; readonly signed: Buffer } | null;
}

/** A file split at its first revision, with the document timestamp its update carries, if it is exactly chatproof's. */
export interface Stamping {
  readonly first: Buffer;
  /** Bytes after the first revision that are not chatproof's document-timestamp update (empty when nothing else follows). */
  readonly rest: Buffer;
  readonly stamp: { readonly token: Uint8Array; readonly signed: Buffer; readonly update: number } | null;
}

/**
 * Which comparison bound the pages: `bytes` and `objects` for a report of this generator (the
 * file is its re-rendering byte for byte, or object for object with streams decoded); `text` for
 * a report of another generator (what the pages read, their count, the fonts, the links); null
 * when the report could not be rendered again, so nothing was compared.
 */
export type PageComparison = 'bytes' | 'objects' | 'text';

export interface PagesVerdict {
  readonly checks: readonly Check[];
  readonly comparison: PageComparison | null;
}

/**
 * Binds what a reader sees: the file is one revision (and at most chatproof's own document-timestamp
 * update, ./doc-timestamp.ts), and that revision is what this chatproof
 * renders from the report's own embedded data — byte for byte, or, where the compression bytes
 * differ (zlib of another Node release), object for object with every stream decoded. A report
 * another generator made is held to what that version shares with this one (./other-version.ts).
 * When it is not, pdf.js's view of both files names what differs (pages, annotations, scripts).
 */
export async function checkPages(pdf: Uint8Array, ev: Evidence, renderer: Renderer, stamping: Stamping): Promise<PagesVerdict> {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const { first, rest, stamp } = stamping;
  const revision: Check =
    rest.length === 0
      ? check(
          msg('vr.name.revisions'),
          [],
          stamp === null ? msg('vr.pages.one-revision', { end: first.length }) : msg('vr.pages.doc-timestamp', { end: first.length, bytes: stamp.update }),
          msg('vr.rests.iso32000'),
        )
      : finding(msg('vr.name.revisions'), false, msg('vr.pages.appended', { bytes: rest.length, end: first.length, what: appended(rest) }));

  const made = ev.manifest.generator;
  const report = rebuildReport(ev);
  if (typeof report === 'string') return { checks: [revision, await failed(bytes, null, [msg('vr.pages.cannot-render', { why: report })])], comparison: null };
  // Rendered under the manifest's generator name, which the pages print: a renamed generator shows.
  const rendered = Buffer.from(await renderer.render(report));
  if (made !== renderer.generator) {
    const other = await checkOtherVersion(bytes, first, rendered, { made, mine: renderer.generator, mode: ev.manifest.mode });
    return { checks: [revision, other], comparison: 'text' };
  }
  const how = msg(ev.manifest.mode === 'full' ? 'vr.pages.how-full' : 'vr.pages.how-private', { made });
  const verdict = (c: Check, comparison: PageComparison): PagesVerdict => ({ checks: [revision, c], comparison });
  // Only the first revision's bytes were held against the rendering: what follows it fails on its own.
  if (rest.length > 0) return verdict(await failed(bytes, rendered, [msg(first.equals(rendered) ? 'vr.pages.first-is' : 'vr.pages.first-is-not')]), 'bytes');
  if (first.equals(rendered)) return verdict(pass(msg('vr.pages.same-bytes', { how, size: rendered.length })), 'bytes');
  const mine = readLayout(rendered);
  if (typeof mine === 'string') throw new Error(`verify-report: chatproof's own rendering does not read back: ${mine}`);
  const theirs = readLayout(first);
  const problems = typeof theirs === 'string' ? [msg('vr.pages.structure', { why: theirs })] : layoutDifferences(theirs, mine);
  if (problems.length === 0) return verdict(pass(msg('vr.pages.same-objects', { how, objects: mine.objects.length })), 'objects');
  return verdict(await failed(bytes, rendered, problems), 'objects');
}

function pass(detail: Phrase): Check {
  return check(msg('vr.name.pages'), [], detail, msg('vr.rests.pages'));
}

/** A failed comparison, with what a reader sees differently named first. */
async function failed(given: Buffer, rendered: Buffer | null, problems: readonly (Phrase | string)[]): Promise<Check> {
  const view = await readerView(given);
  const mine = rendered === null ? null : await readerView(rendered);
  if (typeof mine === 'string') throw new Error(`verify-report: chatproof's own rendering does not read: ${mine}`);
  // What a reader would act on, the first objects that differ, how the pages read differently, the other objects.
  const all =
    typeof view === 'string'
      ? [view, ...problems]
      : [...threats(view, mine), ...problems.slice(0, 3), ...(mine === null ? [] : viewDifferences(view, mine)), ...problems.slice(3)];
  return finding(msg('vr.name.pages'), false, listed(all, 10));
}

/** What an appended revision holds, in words. */
function appended(rest: Buffer): string {
  const text = rest.toString('latin1');
  const kinds = new Set<string>();
  for (const m of text.matchAll(/\d+ 0 obj\n?([\s\S]*?)endobj/g)) kinds.add(addedObject({ num: 0, head: m[1]!, stream: null }));
  return kinds.size === 0 ? 'data appended after the end' : `an incremental update that adds or replaces ${[...kinds].join(', ')}`;
}
