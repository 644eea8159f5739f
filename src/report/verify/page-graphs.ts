import { createHash } from 'node:crypto';
import { msg, type Phrase } from '../../i18n/message.js';
import type { PdfLayout } from './pdf-objects.js';

/** What a page is made of, each part a hash of everything it reaches, whatever the objects are numbered. */
export interface PageGraph {
  /** Its content streams: every text, line, box and shade it paints. */
  readonly content: string;
  /** Its resources: fonts, images, transparency. */
  readonly resources: string;
  /** Its links. */
  readonly links: string;
  /** The page dictionary's other keys: size, rotation, boxes. */
  readonly page: string;
}

/**
 * Every page of a report in page order, as what it draws rather than how the file numbers it:
 * each reference is replaced by the hash of what it reaches (a stream by its decoded bytes), so
 * two files that paint the same pages agree here even when another version of the writer numbered,
 * ordered or compressed the objects otherwise. The page's /Parent is left out: it is the page list.
 */
export function pageGraphs(layout: PdfLayout): PageGraph[] | string {
  const byNum = new Map(layout.objects.map((o) => [o.num, o]));
  const memo = new Map<number, string>();
  const open = new Set<number>();
  const hashOf = (num: number): string => {
    const known = memo.get(num);
    if (known !== undefined) return known;
    const o = byNum.get(num);
    if (o === undefined || open.has(num)) return 'missing-or-cyclic';
    open.add(num);
    // The subset tag only names a font subset; the font's bytes are what it draws with.
    const head = o.head.replace(/\/[A-Z]{6}\+/g, '/').replace(/(\d+) 0 R/g, (_, n: string) => `<${hashOf(Number(n))}>`);
    open.delete(num);
    const h = createHash('sha256').update(head);
    if (o.stream !== null) h.update('\0stream\0').update(o.stream);
    const out = h.digest('hex');
    memo.set(num, out);
    return out;
  };
  const resolve = (text: string): string =>
    createHash('sha256')
      .update(text.replace(/(\d+) 0 R/g, (_, n: string) => `<${hashOf(Number(n))}>`))
      .digest('hex');

  const tree = layout.objects.find((o) => /\/Type \/Pages\b/.test(o.head));
  if (tree === undefined) return 'it has no page list';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(tree.head)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  const out: PageGraph[] = [];
  for (const kid of kids) {
    const page = byNum.get(kid);
    if (page === undefined) return `its page list names object ${kid}, which it does not have`;
    const value = (key: string): string => new RegExp(`/${key} (\\d+ 0 R|\\[[^\\]]*\\])`).exec(page.head)?.[1] ?? '';
    const rest = page.head.replace(/\/(Parent|Contents|Resources|Annots) (\d+ 0 R|\[[^\]]*\])\n?/g, '');
    out.push({ content: resolve(value('Contents')), resources: resolve(value('Resources')), links: resolve(value('Annots')), page: resolve(rest) });
  }
  return out;
}

/**
 * The places the file's links go to (its named destinations: ISO 32000-1 §12.3.2.3), each as its
 * name, the page number it points at and where on that page: a link is compared by its name, so
 * where that name leads must be compared too.
 */
export function linkTargets(layout: PdfLayout): string[] {
  const tree = layout.objects.find((o) => /\/Type \/Pages\b/.test(o.head));
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(tree?.head ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  const out: string[] = [];
  for (const o of layout.objects) {
    const dests = /\/Dests <<([\s\S]*?)\n\s*>>/.exec(o.head)?.[1];
    if (dests === undefined) continue;
    for (const d of dests.matchAll(/\(([^)]*)\) \[(\d+) 0 R ([^\]]*)\]/g)) out.push(`${d[1]} → page ${kids.indexOf(Number(d[2])) + 1} ${d[3]}`);
  }
  return out;
}

/** Where the given file's pages paint something else than the re-rendering's, page by page. */
export function pageGraphDifferences(given: readonly PageGraph[], rendered: readonly PageGraph[], fontsDiffer: boolean): Phrase[] {
  const out: Phrase[] = [];
  const n = Math.min(given.length, rendered.length);
  for (let i = 0; i < n; i++) {
    const g = given[i]!,
      r = rendered[i]!;
    const parts: ('content' | 'resources' | 'links' | 'page')[] = [];
    if (g.content !== r.content) parts.push('content');
    // A font that differs is named on its own line (./fonts.ts), and would change every page's resources.
    if (g.resources !== r.resources && !fontsDiffer) parts.push('resources');
    if (g.links !== r.links) parts.push('links');
    if (g.page !== r.page) parts.push('page');
    for (const part of parts) out.push(msg('vr.pages.draws-otherwise', { page: i + 1, part }));
  }
  return out;
}
