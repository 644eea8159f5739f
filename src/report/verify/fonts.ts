import { sha256Hex } from '../../core/hash.js';
import { msg, type Phrase } from '../../i18n/message.js';
import type { PdfLayout } from './pdf-objects.js';

/**
 * The fonts of a PDF as a reader uses them, independent of object numbers: for every font and
 * font descriptor, its dictionary with each reference replaced by the SHA-256 of the stream it
 * points at (the glyph program, the character map) or by `R` (another dictionary, compared under
 * its own name). The subset tag (`ABCDEF+`) is dropped: it only names the subset. Two reports that
 * agree here draw every glyph code with the same outline, the same width, and the same text when
 * copied: whatever else one version lays out differently, its fonts are the same.
 */
export function fontsOf(layout: PdfLayout): Map<string, string> {
  const streams = new Map(layout.objects.filter((o) => o.stream !== null).map((o) => [o.num, o.stream!]));
  const out = new Map<string, string>();
  for (const o of layout.objects) {
    const type = /\/Type \/(Font|FontDescriptor)\b/.exec(o.head)?.[1];
    if (type === undefined) continue;
    const name = /\/(?:BaseFont|FontName) \/(?:[A-Z]{6}\+)?([^\s/[\]<>()]+)/.exec(o.head)?.[1] ?? '?';
    const part = type === 'FontDescriptor' ? 'descriptor' : (/\/Subtype \/(\w+)/.exec(o.head)?.[1] ?? 'font');
    const text = o.head.replace(/\/[A-Z]{6}\+/g, '/').replace(/(\d+) 0 R/g, (_, n: string) => {
      const stream = streams.get(Number(n));
      return stream === undefined ? 'R' : `<${sha256Hex(stream)}>`;
    });
    const key = `${name} ${part}`;
    // The same font stated twice is itself a difference from what chatproof writes: keep both.
    out.set(key, out.has(key) ? `${out.get(key)!}\n${text}` : text);
  }
  return out;
}

/** Where the given file's fonts differ from the re-rendering's, each named by font and part. */
export function fontDifferences(given: ReadonlyMap<string, string>, rendered: ReadonlyMap<string, string>): Phrase[] {
  const out: Phrase[] = [];
  for (const [key, text] of given) {
    const [font = '?', part = ''] = key.split(' ');
    const mine = rendered.get(key);
    if (mine === undefined) out.push(msg('vr.fonts.extra', { font, part }));
    else if (mine !== text) out.push(msg('vr.fonts.differs', { font, part }));
  }
  for (const key of rendered.keys()) {
    const [font = '?', part = ''] = key.split(' ');
    if (!given.has(key)) out.push(msg('vr.fonts.missing', { font, part }));
  }
  return out;
}
