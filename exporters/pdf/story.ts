import type { Report, ShownMessage } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { dateTime, L } from './format.js';
import { INK, type Layout, SIZE } from './layout.js';
import { deletedByMark, markChange, messagePlace, senderName, writeIndented } from './message-block.js';

/** How many changed messages page 1 shows; the summary of changes lists them all. */
const FIRST_CHANGES = 5;

/**
 * Page 1's story, before any hash: what changed (the counts, then the first changed messages,
 * before → after, each a link to its place in the transcript) and one plain sentence on what the report proves, what it does not, and
 * whether a third party vouches for the time.
 */
export function writeStory(l: Layout, r: Report): void {
  const { lang } = r;
  const c = r.counts;
  l.heading(L(lang, '何が変わったか', 'What changed'), 2);
  l.use(FONT_BOLD, SIZE.body).para(
    L(
      lang,
      `編集 ${c.edited} 件・送信取消 ${c.unsent} 件・削除 ${c.deleted} 件（掲載した ${c.shown} 件のうち）`,
      `${c.edited} edited · ${c.unsent} unsent · ${c.deleted} deleted (of ${c.shown} messages shown)`,
    ),
  );
  const changed = r.transcript.filter((m) => m.status !== 'present');
  if (changed.length === 0)
    l.use(FONT_REGULAR, SIZE.body, INK.muted).para(
      L(lang, '取り込み同士を比べて、変わったメッセージはありません。', 'Comparing the captures, no message changed.'),
    );
  for (const m of changed.slice(0, FIRST_CHANGES)) {
    l.ensure(SIZE.body * 5);
    const top = l.doc.y;
    const page = l.pages;
    l.gap(2);
    const line = l.doc.y;
    l.use(FONT_BOLD, SIZE.small).para(`${dateTime(m.sentAt, r.tz)}  ${senderName(m, r)}  ${tag(m, r)}`, 6);
    pageNote(l, messagePlace(m), line, lang);
    writeIndented(l, beforeAfter(m, r), SIZE.body, INK.text, 14);
    markChange(l, top, page);
    // The whole entry goes to the message in the transcript, where what happened is told in full.
    if (l.pages === page) l.linkTo(messagePlace(m), top, l.doc.y);
  }
  if (changed.length > FIRST_CHANGES) {
    l.use(FONT_REGULAR, SIZE.small, INK.muted).para(
      L(lang, `ほか ${changed.length - FIRST_CHANGES} 件は「変更の概要」に載せています。`, `${changed.length - FIRST_CHANGES} more in the summary of changes.`),
    );
  }
  l.gap(6);
  l.use(FONT_REGULAR, SIZE.body).para(plainSentence(r));
}

/**
 * "→ 4 ページ" at the right of a change's first line: where the link goes, for a reader on paper
 * and as a cue that it is a link. At a fixed place, moving nothing (the counting pass skips it).
 */
function pageNote(l: Layout, place: string, y: number, lang: Report['lang']): void {
  const page = l.pageOf(place);
  if (!l.inking || page === null) return;
  const { x, y: after } = l.doc;
  const note = L(lang, `→ ${page} ページ`, `→ page ${page}`);
  l.use(FONT_REGULAR, SIZE.small, INK.muted);
  l.doc.text(note, l.left + l.width - 4 - l.doc.widthOfString(note), y, { lineBreak: false });
  l.doc.x = x;
  l.doc.y = after;
}

function tag(m: ShownMessage, r: Report): string {
  const tags = {
    edited: L(r.lang, '［編集］', '[edited]'),
    unsent: L(r.lang, '［送信取消］', '[unsent]'),
    deleted: L(r.lang, '［削除］', '[deleted]'),
    present: '',
  };
  return tags[m.status];
}

/** "before → after" in one line of each: the text a reader needs to see the change. */
function beforeAfter(m: ShownMessage, r: Report): string {
  const { lang } = r;
  const oneLine = (text: string): string => {
    const flat = text.replace(/\s*\n\s*/g, ' ');
    const cut = flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
    return L(lang, `「${cut}」`, `“${cut}”`);
  };
  switch (m.status) {
    case 'edited': {
      const first = m.versions[0];
      return `${oneLine(first?.body ?? m.body)} → ${oneLine(m.body)}`;
    }
    case 'unsent':
      return m.textKnown
        ? `${oneLine(m.body)} → ${L(lang, '送信取消', 'unsent')}`
        : L(lang, '（取り消し前の本文は不明）→ 送信取消', '(text before the unsend unknown) → unsent');
    case 'deleted':
      if (!deletedByMark(m)) return `${oneLine(m.body)} → ${L(lang, `取り込み #${m.statusAsOf} には無い`, `missing from capture #${m.statusAsOf}`)}`;
      return m.textKnown
        ? `${oneLine(m.body)} → ${L(lang, '削除', 'deleted')}`
        : L(lang, '（削除前の本文は不明）→ 削除', '(text before the deletion unknown) → deleted');
    case 'present':
      return oneLine(m.body);
  }
}

/** The one sentence on what the report proves and does not, and who vouches for the time. */
function plainSentence(r: Report): string {
  const { lang } = r;
  const stamped = r.captures.filter((c) => c.stampedBy !== null);
  const first = stamped.map((c) => c.stampedBy!.genTime).sort()[0];
  const time =
    stamped.length === 0 || first === undefined
      ? L(
          lang,
          '時刻を保証する第三者（タイムスタンプ）はなく、時刻は作成者のパソコンの時計によります。',
          "no third party (timestamp) vouches for the times: they come from the author's computer clock.",
        )
      : L(
          lang,
          `取り込み ${r.captures.length} 件のうち ${stamped.length} 件は、時刻認証局が ${dateTime(first, r.tz, true)} 以降の時点で存在を保証しています。${unstampedJa(r, stamped.length)}`,
          `a time-stamping authority vouches that ${stamped.length} of its ${r.captures.length} captures existed, from ${dateTime(first, r.tz, true)}.${unstampedEn(r, stamped.length)}`,
        );
  return L(
    lang,
    `この報告書は、取り込んだチャットの書き出しが取り込み後に 1 バイトも変わっていないことと、取り込み同士の違い（上の変更）を示します。誰が実際に入力したかや、取り込む前の改変は示しません。${time}`,
    `This report shows that the chat exports it relies on have not changed by a single byte since they were captured, and how the captures differ (the changes above); it does not show who actually typed a message, or that an export was not altered before it was captured; ${time}`,
  );
}

/** What no check can find: what follows the newest timestamp could have been rewritten or removed consistently. */
function unstampedJa(r: Report, stamped: number): string {
  const after = r.captures.length - stamped;
  return after === 0 ? '' : `残る ${after} 件は最後のタイムスタンプより後の取り込みで、矛盾なく書き換えたり消したりしても、どの確認でも気づけません。`;
}

function unstampedEn(r: Report, stamped: number): string {
  const after = r.captures.length - stamped;
  return after === 0
    ? ''
    : ` The other ${after} came after the newest timestamp: they could have been rewritten or removed consistently without any check noticing.`;
}
