/**
 * What a PDF reader shows of a file, read with pdf.js (after any incremental update): the text
 * of each page, and what a reader would act on beyond the pages: annotations (a file attached to
 * a page is one), JavaScript and an action run on opening.
 */
export interface ReaderView {
  readonly pages: readonly string[];
  /** Each page's text runs where they are drawn: "x y size text" per run, in points rounded to 0.1. */
  readonly placed: readonly (readonly string[])[];
  /** "page 2: FileAttachment", "page 1: Link [56 700 300 720] → destination \"m-…\"": one per annotation, with where it points. */
  readonly annotations: readonly string[];
  readonly javaScript: boolean;
  readonly openAction: boolean;
}

export async function readerView(bytes: Uint8Array): Promise<ReaderView | string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    const placed: string[][] = [];
    const annotations: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      placed.push(content.items.flatMap((item) => ('str' in item && item.str !== '' ? [placement(item.transform as number[], item.str)] : [])));
      for (const a of await page.getAnnotations()) annotations.push(`page ${i}: ${annotationText(a as Annotation)}`);
    }
    const js = await doc.getJSActions();
    const open = await doc.getOpenAction();
    return { pages, placed, annotations, javaScript: js !== null && js.size > 0, openAction: open !== null && open !== undefined };
  } catch (e) {
    return `a PDF reader cannot read it: ${(e as Error).message}`;
  } finally {
    await task.destroy();
  }
}

/** What pdf.js says of an annotation, as far as a reader could act on it. */
interface Annotation {
  readonly subtype?: unknown;
  readonly rect?: unknown;
  readonly url?: unknown;
  readonly unsafeUrl?: unknown;
  readonly dest?: unknown;
  readonly action?: unknown;
}

function annotationText(a: Annotation): string {
  const kind = String(a.subtype ?? 'annotation');
  if (kind !== 'Link') return kind;
  const rect = Array.isArray(a.rect) ? ` [${a.rect.map((n) => Math.round(Number(n))).join(' ')}]` : '';
  const target =
    a.url !== undefined || a.unsafeUrl !== undefined
      ? `the address ${String(a.unsafeUrl ?? a.url)}`
      : a.dest !== undefined
        ? `the destination ${JSON.stringify(a.dest)}`
        : a.action !== undefined
          ? `the action ${String(a.action)}`
          : 'nothing chatproof links to';
  return `Link${rect} → ${target}`;
}

/** Where the pages of the given file read differently from those of the re-rendering, in words. */
export function viewDifferences(given: ReaderView, rendered: ReaderView): string[] {
  const out: string[] = [];
  if (given.pages.length !== rendered.pages.length) out.push(`it has ${given.pages.length} pages where chatproof renders ${rendered.pages.length}`);
  const n = Math.min(given.pages.length, rendered.pages.length);
  const moved = new Map(rendered.pages.map((text, i) => [text, i + 1]));
  for (let i = 0; i < n && out.length < 4; i++) {
    const g = given.pages[i]!,
      r = rendered.pages[i]!;
    if (g === r) continue;
    const elsewhere = moved.get(g);
    if (elsewhere !== undefined) {
      out.push(`page ${i + 1} shows what belongs on page ${elsewhere}`);
      continue;
    }
    const at = firstDifference(g, r);
    out.push(`the text of page ${i + 1} differs: it reads "${excerpt(g, at)}" where chatproof renders "${excerpt(r, at)}"`);
  }
  return out;
}

/** A text run's place: its origin and size from the text matrix pdf.js reports. */
function placement(m: readonly number[], text: string): string {
  const at = (n: number | undefined): string => (Math.round((n ?? 0) * 10) / 10).toFixed(1);
  return `${at(m[4])} ${at(m[5])} ${at(Math.hypot(m[0] ?? 0, m[1] ?? 0))} ${text}`;
}

/**
 * Pages whose text reads the same but is drawn elsewhere (another place or size): for a report
 * compared by its text, since text moved on the page (two lines swapped) still reads in stream order.
 */
export function placementDifferences(given: ReaderView, rendered: ReaderView): string[] {
  const out: string[] = [];
  const n = Math.min(given.placed.length, rendered.placed.length);
  for (let i = 0; i < n && out.length < 4; i++) {
    const g = given.placed[i]!,
      r = rendered.placed[i]!;
    const found = g.findIndex((run, k) => run !== r[k]);
    if (found < 0 && g.length === r.length) continue;
    const at = found < 0 ? g.length : found;
    const where = (run: string | undefined): string =>
      run === undefined ? 'nothing' : `"${run.split(' ').slice(3).join(' ').slice(0, 24)}" at (${run.split(' ', 2).join(', ')})`;
    out.push(`on page ${i + 1} the text is drawn elsewhere: it draws ${where(g[at])} where chatproof draws ${where(r[at])}`);
  }
  return out;
}

/**
 * What a reader would act on beyond the pages, other than what chatproof itself writes: its cover
 * links to the transcript (in `rendered`, the re-rendering's view; null when there is none).
 */
export function threats(view: ReaderView, rendered: ReaderView | null): string[] {
  const out: string[] = [];
  if (rendered === null && view.annotations.length > 0)
    out.push(
      `it carries annotations, which without chatproof's rendering could not be compared with the links it writes (${view.annotations.slice(0, 4).join(', ')})`,
    );
  const own = [...(rendered?.annotations ?? [])];
  const foreign = (rendered === null ? [] : view.annotations).filter((a) => {
    const at = own.indexOf(a);
    if (at >= 0) own.splice(at, 1);
    return at < 0;
  });
  if (foreign.length > 0) out.push(`it carries annotations chatproof never writes (${foreign.slice(0, 4).join(', ')})`);
  if (own.length > 0) out.push(`it lacks links chatproof writes (${own.slice(0, 4).join(', ')})`);
  if (view.javaScript) out.push('it carries JavaScript');
  if (view.openAction) out.push('it carries an action run when the file is opened (OpenAction)');
  return out;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function excerpt(text: string, at: number): string {
  const from = Math.max(0, at - 12);
  // A line break is shown, not blanked: text moved to another line reads otherwise only there.
  return (from > 0 ? '…' : '') + text.slice(from, at + 24).replace(/\n/g, '↵') + (at + 24 < text.length ? '…' : '');
}
