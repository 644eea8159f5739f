import type { Report, ShownMessage } from '../../src/report/model.js';
import { FONT_REGULAR } from './fonts.js';
import { dateTime, dateTimeWithUtc, L } from './format.js';
import { INK, type Layout, SIZE } from './layout.js';
import { captureRef, markChange, statusNotes, writeIndented, writeMeta } from './message-block.js';

/** Summary of changes: the counts, then every changed message, then what the log says about the room. */
export function writeSummary(l: Layout, r: Report): void {
  const { lang } = r;
  l.startSection();
  l.heading(L(lang, '変更の概要', 'Summary of changes'), 1);
  l.bookmark(L(lang, '変更の概要', 'Summary of changes'), 1);
  const c = r.counts;
  l.use(FONT_REGULAR, SIZE.body).para(
    L(
      lang,
      `掲載したメッセージ ${c.shown} 件のうち、変更なし ${c.present} 件、編集 ${c.edited} 件、送信取消 ${c.unsent} 件、削除 ${c.deleted} 件。`,
      `Of ${c.shown} messages shown: ${c.present} unchanged, ${c.edited} edited, ${c.unsent} unsent, ${c.deleted} deleted.`,
    ),
  );
  l.use(FONT_REGULAR, SIZE.small, INK.muted).para(
    L(
      lang,
      '状態は、そのメッセージの時刻を範囲に含む最後の取り込みの時点のものです。範囲外の取り込みからは「削除」と判定しません。',
      'A status is as of the latest capture whose coverage includes the message; a capture that does not cover it never makes it "deleted".',
    ),
  );

  section(
    l,
    r,
    L(lang, '編集されたメッセージ', 'Edited messages'),
    r.transcript.filter((m) => m.status === 'edited'),
    (m) => [
      ...statusNotes(m, r),
      L(
        lang,
        `編集後の本文 — ${captureRef(m.versions[m.versions.length - 1]?.capture ?? m.lastSeen, r)}: ${m.body}`,
        `After — ${captureRef(m.versions[m.versions.length - 1]?.capture ?? m.lastSeen, r)}: ${m.body}`,
      ),
    ],
  );
  section(
    l,
    r,
    L(lang, '送信取消されたメッセージ', 'Unsent messages'),
    r.transcript.filter((m) => m.status === 'unsent'),
    (m) => [
      m.textKnown
        ? L(lang, `取り消し前の本文: ${m.body}`, `Text before the unsend: ${m.body}`)
        : L(lang, '取り消し前の本文: 不明', 'Text before the unsend: unknown'),
      ...statusNotes(m, r),
    ],
  );
  section(
    l,
    r,
    L(lang, '削除されたメッセージ', 'Deleted messages'),
    r.transcript.filter((m) => m.status === 'deleted'),
    (m) => [
      m.textKnown ? L(lang, `最後に確認した本文: ${m.body}`, `Text last seen: ${m.body}`) : L(lang, '削除前の本文: 不明', 'Text before the deletion: unknown'),
      ...statusNotes(m, r),
    ],
  );

  l.heading(L(lang, `ルームについての記録（${r.observations.length} 件）`, `Notes and observations about the room (${r.observations.length})`), 2);
  if (r.observations.length === 0) l.use(FONT_REGULAR, SIZE.body, INK.muted).para(L(lang, 'なし。', 'None.'));
  for (const o of r.observations) {
    l.ensure(40);
    l.use(FONT_REGULAR, SIZE.small, INK.muted).para(
      `${L(lang, 'ログ', 'log')} #${o.seq} · ${o.kind === 'note' ? L(lang, '利用者のメモ', 'note by the user') : L(lang, '自動の観察', 'automatic observation')} · ${dateTimeWithUtc(o.at, r.tz, lang)}`,
    );
    writeIndented(l, o.text, SIZE.body, INK.text, 12);
    l.gap(4);
  }
}

function section(l: Layout, r: Report, title: string, items: readonly ShownMessage[], lines: (m: ShownMessage) => string[]): void {
  l.heading(title + L(r.lang, `（${items.length} 件）`, ` (${items.length})`), 2);
  if (items.length === 0) {
    l.use(FONT_REGULAR, SIZE.body, INK.muted).para(L(r.lang, 'なし。', 'None.'));
    return;
  }
  for (const m of items) {
    l.ensure(SIZE.body * 6);
    const top = l.doc.y;
    const page = l.pages;
    writeMeta(l, r, m, dateTime(m.sentAt, r.tz), 118);
    for (const line of lines(m)) writeIndented(l, line, SIZE.body, INK.text, 14);
    markChange(l, top, page);
    l.gap(6);
  }
}
