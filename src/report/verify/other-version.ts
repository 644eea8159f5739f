import { msg, type Phrase } from '../../i18n/message.js';
import { check, finding, listed, type Check } from './check.js';
import { fontDifferences, fontsOf } from './fonts.js';
import { linkTargets, pageGraphDifferences, pageGraphs } from './page-graphs.js';
import { readLayout, type PdfLayout } from './pdf-objects.js';
import { placementDifferences, readerView, threats, viewDifferences } from './reader-view.js';

export interface Versions {
  /** The generator the report's manifest names. */
  readonly made: string;
  /** This chatproof. */
  readonly mine: string;
  readonly mode: 'full' | 'private';
}

/**
 * A report another version of chatproof made: only that version lays its pages out object for
 * object, but what a reader reads must not depend on the version. So this chatproof renders the
 * report from its own data and holds the file to what any version shares with it: the same number
 * of pages, each reading the same text in the same order, each run drawn at the same place and
 * size (pdf.js, after any update); the same
 * fonts, glyph programs, widths and character maps byte for byte (./fonts.ts: the glyph a code
 * draws and the text it copies as cannot change); each page painting exactly what the rendering
 * paints, with the same resources and links leading to the same places (./page-graphs.ts: objects
 * compared by what they reach, not by their numbers); no annotation but the cover's links, no
 * JavaScript, no opening action. How the file is put together (object numbers and order,
 * compression, document information, XMP metadata, bookmarks) is not compared, and the passing
 * line says so: renaming the generator therefore cannot hide a change of what a reader sees.
 */
export async function checkOtherVersion(given: Buffer, first: Buffer, rendered: Buffer, v: Versions): Promise<Check> {
  const name = msg('vr.name.pages');
  const mine = await readerView(rendered);
  if (typeof mine === 'string') throw new Error(`verify-report: chatproof's own rendering does not read: ${mine}`);
  const view = await readerView(given);
  const problems: (Phrase | string)[] = [];
  if (typeof view === 'string') problems.push(view);
  else {
    const reads = viewDifferences(view, mine);
    // Where the text is drawn matters only once it reads the same: else the reading says more.
    problems.push(...threats(view, mine), ...reads, ...(reads.length === 0 ? placementDifferences(view, mine) : []));
  }
  const myLayout = readLayout(rendered);
  if (typeof myLayout === 'string') throw new Error(`verify-report: chatproof's own rendering does not read back: ${myLayout}`);
  const myFonts = fontsOf(myLayout);
  problems.push(...drawingDifferences(readLayout(first), myLayout, myFonts));
  if (problems.length > 0) return finding(name, false, msg('vr.pages.other-differs', { made: v.made, mine: v.mine, problems: listed(problems, 10) }));
  const how = msg(v.mode === 'full' ? 'vr.pages.how-full' : 'vr.pages.how-private', { made: v.mine });
  const fonts = [...new Set([...myFonts.keys()].map((k) => k.split(' ')[0]!))].join(', ');
  return check(name, [], msg('vr.pages.same-text', { how, made: v.made, mine: v.mine, pages: mine.pages.length, fonts }), msg('vr.rests.pages'));
}

/** The fonts, then what each page paints and where its links lead, against the re-rendering. */
function drawingDifferences(theirs: PdfLayout | string, mine: PdfLayout, myFonts: ReadonlyMap<string, string>): Phrase[] {
  if (typeof theirs === 'string') return [msg('vr.pages.unreadable', { why: theirs })];
  const fonts = fontDifferences(fontsOf(theirs), myFonts);
  const myPages = pageGraphs(mine);
  if (typeof myPages === 'string') throw new Error(`verify-report: chatproof's own rendering has no pages to compare: ${myPages}`);
  const theirPages = pageGraphs(theirs);
  if (typeof theirPages === 'string') return [...fonts, msg('vr.pages.unreadable', { why: theirPages })];
  const targets = linkTargets(theirs).join('\n') === linkTargets(mine).join('\n') ? [] : [msg('vr.pages.link-targets')];
  return [...fonts, ...pageGraphDifferences(theirPages, myPages, fonts.length > 0), ...targets];
}
