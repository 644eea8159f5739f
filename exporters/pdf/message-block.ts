import type { Report, ShownMessage } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { dateTime, L, shortHash } from './format.js';
import { fit, INK, type Layout, SIZE } from './layout.js';

/** A message on paper: one meta line (time, sender, status, hash prefix), then indented text. */

/** Transcript bodies start under the sender's name, right of the time column. */
export const BODY_INDENT = 44;

function statusLabel(m: ShownMessage, r: Report): string | null {
  switch (m.status) {
    case 'edited':
      return L(r.lang, '［編集］', '[EDITED]');
    case 'unsent':
      return L(r.lang, '［送信取消］', '[UNSENT]');
    case 'deleted':
      return L(r.lang, '［削除］', '[DELETED]');
    case 'present':
      return null;
  }
}

/** Where a message's place in the transcript is named, for the cover's links to it. */
export function messagePlace(m: ShownMessage): string {
  return `m-${m.hash}`;
}

export function senderName(m: ShownMessage, r: Report): string {
  return m.sender ?? (m.kind === 'system' ? L(r.lang, '（システム）', '(system)') : L(r.lang, '（送信者不明）', '(unknown sender)'));
}

/** Where the capture ordinal `n` is mentioned, say when it was taken. */
export function captureRef(n: number, r: Report): string {
  const c = r.captures.find((x) => x.ordinal === n);
  if (c === undefined) return L(r.lang, `取り込み #${n}`, `capture #${n}`);
  const when = dateTime(c.capturedAt, r.tz);
  return L(r.lang, `取り込み #${n}（${when}）`, `capture #${n} (${when})`);
}

/**
 * A deletion the source itself shows (Chatwork's `[deleted]` in the message's place), rather than a
 * message missing from a later capture: the capture that decided the status still showed it.
 */
export function deletedByMark(m: ShownMessage): boolean {
  return m.status === 'deleted' && m.lastSeen === m.statusAsOf;
}

/** The lines that explain a status, in place (transcript) or in the summary. */
export function statusNotes(m: ShownMessage, r: Report): string[] {
  const { lang } = r;
  switch (m.status) {
    case 'present':
      return [];
    case 'edited': {
      const older = m.versions
        .slice(0, -1)
        .map((v) => L(lang, `編集前の本文 — ${captureRef(v.capture, r)}: ${v.body}`, `Before — ${captureRef(v.capture, r)}: ${v.body}`));
      const source =
        m.editedAt === null
          ? []
          : [
              L(
                lang,
                `送信元が記録した編集時刻: ${dateTime(m.editedAt, r.tz, true)}`,
                `Edit time as the source states it: ${dateTime(m.editedAt, r.tz, true)}`,
              ),
            ];
      return [...older, ...source];
    }
    case 'unsent': {
      const seen = captureRef(m.versions.find((v) => v.kind === 'unsent')?.capture ?? m.statusAsOf, r);
      const before = captureRef(m.versions[0]?.capture ?? m.firstSeen, r);
      return [
        m.textKnown
          ? L(
              lang,
              `${seen}で送信取消を確認。上の本文は取り消し前のもので、${before}にあります。`,
              `Unsend seen in ${seen}. The text above is what it said before, as ${before} shows.`,
            )
          : L(
              lang,
              `${seen}で送信取消を確認。取り消し前の本文は、どの取り込みにもありません。`,
              `Unsend seen in ${seen}. No capture shows what it said before.`,
            ),
      ];
    }
    case 'deleted': {
      if (!deletedByMark(m))
        return [
          L(
            lang,
            `${captureRef(m.lastSeen, r)}を最後に、${captureRef(m.statusAsOf, r)}には見当たりません。`,
            `Last seen in ${captureRef(m.lastSeen, r)}; missing from ${captureRef(m.statusAsOf, r)}.`,
          ),
        ];
      const mark = m.versions.find((v) => v.kind === 'unsent');
      const seen = captureRef(mark?.capture ?? m.statusAsOf, r);
      const shownAs = mark?.body ?? '[deleted]';
      const before = captureRef(m.versions[0]?.capture ?? m.firstSeen, r);
      return [
        m.textKnown
          ? L(
              lang,
              `${seen}で、送信元が削除済み（${shownAs}）と表示。上の本文は削除前のもので、${before}にあります。`,
              `Shown as deleted (${shownAs}) by the source in ${seen}. The text above is what it said before, as ${before} shows.`,
            )
          : L(
              lang,
              `${seen}で、送信元が削除済み（${shownAs}）と表示。削除前の本文は、どの取り込みにもありません。`,
              `Shown as deleted (${shownAs}) by the source in ${seen}. No capture shows what it said before.`,
            ),
      ];
    }
  }
}

/**
 * The meta line. `when` is the time column (HH:mm in the transcript, the full date in the
 * summary); the hash prefix sits at the right edge in small grey type.
 */
export function writeMeta(l: Layout, r: Report, m: ShownMessage, when: string, whenWidth: number): void {
  const { doc } = l;
  const y = doc.y;
  const advance = (): void => {
    doc.x = l.left;
    doc.y = y + SIZE.body * 1.45;
  };
  // Everything on this line sits at a fixed place and moves nothing: the counting pass skips it.
  if (!l.inking) return advance();
  const right = l.left + l.width;
  l.use(FONT_REGULAR, SIZE.tiny, INK.faint);
  // A fixed column, measured once: a unique string per line would defeat pdfkit's layout cache.
  const hashWidth = l.hashColumnWidth();
  doc.text(`#${shortHash(m.hash)}`, right - hashWidth, y + 2, { lineBreak: false });
  l.use(FONT_BOLD, SIZE.small, INK.muted);
  doc.text(when, l.left, y + 1, { lineBreak: false });
  l.use(FONT_BOLD, SIZE.body);
  const label = statusLabel(m, r);
  const sender = fit(doc, senderName(m, r), l.width - whenWidth - hashWidth - 90);
  const senderWidth = doc.widthOfString(sender);
  doc.text(sender, l.left + whenWidth, y, { lineBreak: false });
  if (label !== null) {
    l.use(FONT_BOLD, SIZE.small);
    doc.text(label, l.left + whenWidth + senderWidth + 8, y + 1, { lineBreak: false });
  }
  advance();
}

/** Indented text under a meta line; pdfkit carries it over to the next page when it is long. */
export function writeIndented(l: Layout, text: string, size: number, color: string = INK.text, indent = BODY_INDENT): void {
  l.use(FONT_REGULAR, size, color);
  l.para(text === '' ? ' ' : text, indent);
}

/**
 * A changed message stands out in grey-scale print: a dark bar beside it and a light shade over
 * it. The shade is painted after the text (its height is known only then), so it is nearly
 * transparent: white becomes light grey and the text stays dark. Same page only.
 */
export function markChange(l: Layout, top: number, pageAtTop: number): void {
  if (!l.inking || l.pages !== pageAtTop || l.doc.y <= top) return;
  l.doc
    .save()
    .rect(l.left - 4, top, l.width + 4, l.doc.y - top)
    .fillOpacity(SHADE_OPACITY)
    .fill(INK.text)
    .restore();
  l.doc
    .save()
    .rect(l.left - 8, top, 2.5, l.doc.y - top)
    .fill(INK.muted)
    .restore();
}

/** How dark the shade over a changed message is: light grey on white paper. */
const SHADE_OPACITY = 0.07;
