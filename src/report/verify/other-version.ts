import { msg, type Phrase } from '../../i18n/message.js';
import { check, finding, listed, type Check } from './check.js';
import { fontDifferences, fontsOf } from './fonts.js';
import { readLayout } from './pdf-objects.js';
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
 * draws and the text it copies as cannot change); no annotation but the cover's links, no
 * JavaScript, no opening action. What is painted besides text (boxes, bars, shading, images) is
 * not compared, and the passing line says so.
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
  const theirLayout = readLayout(first);
  problems.push(...(typeof theirLayout === 'string' ? [msg('vr.fonts.unreadable', { why: theirLayout })] : fontDifferences(fontsOf(theirLayout), myFonts)));
  if (problems.length > 0) return finding(name, false, msg('vr.pages.other-differs', { made: v.made, mine: v.mine, problems: listed(problems, 10) }));
  const how = msg(v.mode === 'full' ? 'vr.pages.how-full' : 'vr.pages.how-private', { made: v.mine });
  const fonts = [...new Set([...myFonts.keys()].map((k) => k.split(' ')[0]!))].join(', ');
  return check(name, [], msg('vr.pages.same-text', { how, made: v.made, mine: v.mine, pages: mine.pages.length, fonts }), msg('vr.rests.pages'));
}
