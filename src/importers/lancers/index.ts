/**
 * Lancers message boards, pasted from the browser or saved as HTML (docs/design/formats.md §3.2; no export
 * exists and the page layout is undocumented). See FORMAT.md.
 */
import type { Sniff } from '../importer.js';
import { platformImporter } from '../paste/platform-importer.js';
import { pasteShape } from '../paste/shape.js';
import { joined, msg, type Phrase } from '../../i18n/message.js';

function sniffText(lines: readonly string[]): Sniff {
  const shape = pasteShape(lines);
  if (shape.headers === 0) return { confidence: 0, reason: msg('paste.sniff.no-headers') };
  const reasons: Phrase[] = [];
  // The sample shape (§3.2): `2024/03/01 10:12　佐藤花子` — time, a full-width space, the name.
  let confidence = shape.layout === 'stamp-then-name' ? 0.5 : shape.layout === 'name-then-stamp' ? 0.4 : 0.2;
  reasons.push(shape.layout === 'stamp-then-name' ? msg('paste.sniff.lancers.layout') : msg('paste.sniff.shape', { layout: String(shape.layout) }));
  if (shape.ideographicSpaceHeaders * 2 >= shape.headers) {
    confidence += 0.15;
    reasons.push(msg('paste.sniff.lancers.space'));
  }
  if (shape.roleLabels.includes('ランサー')) {
    confidence += 0.1;
    reasons.push(msg('paste.sniff.lancers.role'));
  }
  return { confidence, reason: msg('paste.sniff.found', { count: shape.headers, reasons: joined('text.comma-list', reasons) }) };
}

/** §3.2: thread addresses seen carry `boardId=` or `userId=`/`workId=`; those numbers name the thread. */
function roomIdFromUrl(url: string): string | null {
  if (!/lancers\.jp\//.test(url)) return null;
  const ids = [...url.matchAll(/[?&](boardId|workId|userId)=(\d+)/g)].map((m) => `${m[1]}=${m[2]}`).sort();
  return ids.length === 0 ? null : ids.join('&');
}

export const lancersImporter = platformImporter({
  format: 'lancers',
  source: 'lancers',
  parserVersion: 'lancers@1',
  description: 'Lancers message board, pasted from the browser or saved as an HTML page',
  host: 'lancers.jp',
  sniffText,
  roomIdFromUrl,
});
