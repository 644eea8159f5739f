import type { Report, ShownMessage } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { dayHeading, L } from './format.js';
import { INK, type Layout, SIZE } from './layout.js';
import type { ZoneClock } from './zone-clock.js';
import { BODY_INDENT, markChange, messagePlace, senderName, statusNotes, writeIndented, writeMeta } from './message-block.js';

/** The transcript: date separators, then each message with its status marked in place. */

export function writeTranscriptStart(l: Layout, r: Report): void {
  l.newPage();
  l.heading(L(r.lang, 'トーク履歴', 'Transcript'), 1);
  l.bookmark(L(r.lang, 'トーク履歴', 'Transcript'), 1);
  l.use(FONT_REGULAR, SIZE.small, INK.muted).para(
    L(
      r.lang,
      `時刻は ${r.tz} で表示。右端の # はメッセージのハッシュ（SHA-256）の先頭 8 文字で、manifest.json の全桁と照合できます。［編集］［送信取消］［削除］の印があるメッセージは、網掛けと左の太線で示し、その下に経緯を記しています。`,
      `Times are shown in ${r.tz}. The # at the right is the first 8 characters of the message hash (SHA-256), to match in full in manifest.json. Messages marked [EDITED], [UNSENT] or [DELETED] are shaded, with a bar at the left, and say underneath what happened.`,
    ),
  );
  l.gap(4);
  if (r.transcript.length === 0) l.use(FONT_REGULAR, SIZE.body).para(L(r.lang, '掲載するメッセージはありません。', 'No message to show.'));
}

export function writeTranscriptMessage(l: Layout, r: Report, clock: ZoneClock, m: ShownMessage, previous: ShownMessage | null): void {
  const wall = clock.wall(m.sentAt);
  if (previous === null || clock.wall(previous.sentAt)?.day !== wall?.day) {
    l.ensure(SIZE.body * 7);
    l.gap(6);
    l.use(FONT_BOLD, SIZE.small, INK.muted).para(`── ${dayHeading(m.sentAt, r.tz, r.lang)} ──`, 0, { align: 'center' });
    l.bookmark(dayHeading(m.sentAt, r.tz, r.lang), 2);
    l.gap(3);
  }
  // Keep the meta line with at least the first body line.
  l.ensure(SIZE.body * 3.2);
  const top = l.doc.y;
  const page = l.pages;
  if (m.status !== 'present') l.destination(messagePlace(m), top);
  writeMeta(l, r, m, wall?.time ?? '', BODY_INDENT);
  l.continuation = L(r.lang, `（続き）${wall?.time ?? ''} ${senderName(m, r)}`, `(continued) ${wall?.time ?? ''} ${senderName(m, r)}`);
  writeIndented(l, m.body, SIZE.body, m.status === 'deleted' || m.status === 'unsent' ? INK.muted : INK.text, BODY_INDENT);
  for (const note of statusNotes(m, r)) writeIndented(l, note, SIZE.small, INK.muted, BODY_INDENT);
  l.continuation = null;
  if (m.status !== 'present') markChange(l, top, page);
  l.gap(5);
}
