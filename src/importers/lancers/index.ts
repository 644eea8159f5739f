/**
 * Lancers message boards, pasted from the browser or saved as HTML (docs/design/formats.md §3.2; no export
 * exists and the page layout is undocumented). See FORMAT.md.
 */
import type { Sniff } from '../importer.js';
import { platformImporter } from '../paste/platform-importer.js';
import { pasteShape } from '../paste/shape.js';

function sniffText(lines: readonly string[]): Sniff {
  const shape = pasteShape(lines);
  if (shape.headers === 0) return { confidence: 0, reason: 'no name and time lines above messages' };
  const reasons: string[] = [];
  // The sample shape (§3.2): `2024/03/01 10:12　佐藤花子` — time, a full-width space, the name.
  let confidence = shape.layout === 'stamp-then-name' ? 0.5 : shape.layout === 'name-then-stamp' ? 0.4 : 0.2;
  reasons.push(shape.layout === 'stamp-then-name' ? 'the time and the name on one line' : `headers of the shape ${shape.layout}`);
  if (shape.ideographicSpaceHeaders * 2 >= shape.headers) {
    confidence += 0.15;
    reasons.push('a full-width space between time and name');
  }
  if (shape.roleLabels.includes('ランサー')) {
    confidence += 0.1;
    reasons.push('the role label （ランサー）');
  }
  return { confidence, reason: `${shape.headers} messages: ${reasons.join(', ')}` };
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
