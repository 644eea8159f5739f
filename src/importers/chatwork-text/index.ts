/**
 * Text copied from the Chatwork web page (select all + copy of the timeline). Its layout is not
 * documented anywhere (docs/design/formats.md §2.10), so the structure is guessed and always confirmed by
 * the user. See FORMAT.md.
 */
import type { Sniff } from '../importer.js';
import { platformImporter } from '../paste/platform-importer.js';
import { pasteShape } from '../paste/shape.js';

function sniffText(lines: readonly string[]): Sniff {
  const shape = pasteShape(lines);
  if (shape.headers === 0) return { confidence: 0, reason: 'no name and time lines above messages' };
  const reasons: string[] = [];
  const twoLine = shape.layout === 'name-then-time' || shape.layout === 'time-then-name';
  let confidence = twoLine ? 0.3 : 0.15;
  reasons.push(twoLine ? 'a name line and a time line above each message' : `headers of the shape ${shape.layout}`);
  if (shape.timeOnlyStamps > 0) {
    confidence += 0.2;
    reasons.push('times without a date under date lines such as 2024年3月1日(金)');
  }
  if (shape.editedMarks > 0) {
    confidence += 0.1;
    reasons.push('編集済み marks');
  }
  if (shape.chatworkTags) {
    confidence += 0.15;
    reasons.push('Chatwork tags such as [To:…] or [qt]');
  }
  return { confidence, reason: `${shape.headers} messages: ${reasons.join(', ')}` };
}

export const chatworkTextImporter = platformImporter({
  format: 'chatwork-text',
  source: 'chatwork',
  parserVersion: 'chatwork-text@1',
  description: 'Chatwork timeline copied from the web page (select all, copy, paste into a file)',
  host: null,
  sniffText,
  roomIdFromUrl: () => null,
});
