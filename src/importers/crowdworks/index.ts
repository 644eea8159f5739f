/**
 * CrowdWorks message threads, pasted from the browser or saved as HTML (docs/design/formats.md §3.1; no
 * export exists and the page layout is undocumented). See FORMAT.md.
 */
import type { Sniff } from '../importer.js';
import { platformImporter } from '../paste/platform-importer.js';
import { pasteShape } from '../paste/shape.js';
import { joined, msg, type Phrase } from '../../i18n/message.js';

function sniffText(lines: readonly string[]): Sniff {
  const shape = pasteShape(lines);
  if (shape.headers === 0) return { confidence: 0, reason: msg('paste.sniff.no-headers') };
  const reasons: Phrase[] = [];
  // The sample shape (§3.1): a name line, then a `2024年03月01日 09:05` line.
  let confidence = shape.layout === 'name-then-time' ? 0.45 : 0.25;
  reasons.push(shape.layout === 'name-then-time' ? msg('paste.sniff.crowdworks.layout') : msg('paste.sniff.shape', { layout: String(shape.layout) }));
  if (shape.kanjiDateStamps * 2 >= shape.headers) {
    confidence += 0.1;
    reasons.push(msg('paste.sniff.crowdworks.dates'));
  }
  if (shape.roleLabels.some((r) => r === 'クライアント' || r === 'ワーカー')) {
    confidence += 0.15;
    reasons.push(msg('paste.sniff.crowdworks.roles', { labels: shape.roleLabels.map((r) => `「（${r}）」`).join('') }));
  }
  return { confidence, reason: msg('paste.sniff.found', { count: shape.headers, reasons: joined('text.comma-list', reasons) }) };
}

/** §3.1, §3.3: the contract or proposal number in the page address is the only stable id. */
function roomIdFromUrl(url: string): string | null {
  const m = /crowdworks\.jp\/(?:[\w-]+\/)*?(contracts|proposals)\/(\d+)/.exec(url);
  return m === null ? null : `${m[1]}/${m[2]}`;
}

export const crowdworksImporter = platformImporter({
  format: 'crowdworks',
  source: 'crowdworks',
  parserVersion: 'crowdworks@1',
  description: 'CrowdWorks message thread, pasted from the browser or saved as an HTML page',
  host: 'crowdworks.jp',
  sniffText,
  roomIdFromUrl,
});
