/**
 * Text copied from the Chatwork web page (select all + copy of the timeline). Its layout is not
 * documented anywhere (docs/design/formats.md §2.10), so the structure is guessed and always confirmed by
 * the user. See FORMAT.md.
 */
import type { Sniff } from '../importer.js';
import { platformImporter } from '../paste/platform-importer.js';
import { pasteShape } from '../paste/shape.js';
import { joined, msg, type Phrase } from '../../i18n/message.js';

function sniffText(lines: readonly string[]): Sniff {
  const shape = pasteShape(lines);
  if (shape.headers === 0) return { confidence: 0, reason: msg('paste.sniff.no-headers') };
  const reasons: Phrase[] = [];
  const twoLine = shape.layout === 'name-then-time' || shape.layout === 'time-then-name';
  let confidence = twoLine ? 0.3 : 0.15;
  reasons.push(twoLine ? msg('paste.sniff.chatwork.layout') : msg('paste.sniff.shape', { layout: String(shape.layout) }));
  if (shape.timeOnlyStamps > 0) {
    confidence += 0.2;
    reasons.push(msg('paste.sniff.chatwork.date-lines'));
  }
  if (shape.editedMarks > 0) {
    confidence += 0.1;
    reasons.push(msg('paste.sniff.chatwork.edited'));
  }
  if (shape.chatworkTags) {
    confidence += 0.15;
    reasons.push(msg('paste.sniff.chatwork.tags'));
  }
  return { confidence, reason: msg('paste.sniff.found', { count: shape.headers, reasons: joined('text.comma-list', reasons) }) };
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
