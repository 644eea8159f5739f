/**
 * Features of a pasted thread that tell the platforms apart (FORMAT.md of each importer, "How it
 * is recognised"). Nothing documents these layouts (docs/design/formats.md §2.10, §3), so each feature is a
 * hint from the samples, never proof; the CLI says which format it picked and why.
 */
import { detectLayout, findHeaders, type LayoutKind } from './layout.js';
import { senderName } from './names.js';

export interface PasteShape {
  readonly layout: LayoutKind | null;
  readonly headers: number;
  /** Time lines such as `2024年03月01日 09:05` (the CrowdWorks sample). */
  readonly kanjiDateStamps: number;
  /** Times with no date, placed under date lines (`2024年3月1日(金)` then `10:12`). */
  readonly timeOnlyStamps: number;
  readonly editedMarks: number;
  /** One-line headers whose time and name are split by U+3000 (the Lancers sample). */
  readonly ideographicSpaceHeaders: number;
  readonly roleLabels: readonly string[];
  /** Chatwork markup left in the text (`[To:…]`, `[qt]`, `[info]`, `[rp …]`). */
  readonly chatworkTags: boolean;
}

const KANJI_DATE_STAMP = /^\s*\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}/u;

export function pasteShape(lines: readonly string[]): PasteShape {
  const layout = detectLayout(lines);
  const headers = layout === null ? [] : findHeaders(lines, layout);
  const roleLabels = new Set<string>();
  let kanjiDateStamps = 0;
  let timeOnlyStamps = 0;
  let editedMarks = 0;
  let ideographicSpaceHeaders = 0;
  for (const h of headers) {
    const stampLine = lines[h.stampLine] ?? '';
    if (KANJI_DATE_STAMP.test(stampLine)) kanjiDateStamps += 1;
    if (h.stamp.date === null) timeOnlyStamps += 1;
    if (h.stamp.edited) editedMarks += 1;
    if (h.line === h.stampLine && h.line + 1 === h.bodyStart && stampLine.includes('\u3000')) ideographicSpaceHeaders += 1;
    const role = /[（(]([^（()）]+)[)）]\s*$/u.exec(h.shownName.trim())?.[1];
    if (role !== undefined && senderName(h.shownName).roleRemoved) roleLabels.add(role);
  }
  return {
    layout,
    headers: headers.length,
    kanjiDateStamps,
    timeOnlyStamps,
    editedMarks,
    ideographicSpaceHeaders,
    roleLabels: [...roleLabels],
    chatworkTags: lines.some((l) => /\[(?:To:\d+\]|qt\]|info\]|rp aid=\d+|toall\])/i.test(l)),
  };
}
