/**
 * What a PDF reader shows of a file, read with pdf.js (after any incremental update): the text
 * of each page, and what a reader would act on beyond the pages: annotations (a file attached to
 * a page is one), JavaScript and an action run on opening.
 */
export interface ReaderView {
  readonly pages: readonly string[];
  /** "page 2: FileAttachment", one per annotation. */
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
    const annotations: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      for (const a of await page.getAnnotations()) annotations.push(`page ${i}: ${String((a as { subtype?: unknown }).subtype ?? 'annotation')}`);
    }
    const js = await doc.getJSActions();
    const open = await doc.getOpenAction();
    return { pages, annotations, javaScript: js !== null && js.size > 0, openAction: open !== null && open !== undefined };
  } catch (e) {
    return `a PDF reader cannot read it: ${(e as Error).message}`;
  } finally {
    await task.destroy();
  }
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

/** What a reader would act on beyond the pages: chatproof writes none of it. */
export function threats(view: ReaderView): string[] {
  const out: string[] = [];
  if (view.annotations.length > 0) out.push(`it carries annotations chatproof never writes (${view.annotations.slice(0, 4).join(', ')})`);
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
  return (from > 0 ? '…' : '') + text.slice(from, at + 24).replace(/\n/g, ' ') + (at + 24 < text.length ? '…' : '');
}
