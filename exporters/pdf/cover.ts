import type { Report, ReportCapture } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { byteSize, count, dateTime, dateTimeWithUtc, L } from './format.js';
import { INK, type Layout, SIZE } from './layout.js';
import { claims, scopeText, sourceName, timestampLine } from './statements.js';
import { writeStory } from './story.js';

/** Page 1: who, which room, when, what changed, and in one sentence what the report proves; the hashes follow on their own page. */
export function writeCover(l: Layout, r: Report): void {
  const { lang, tz } = r;
  l.bookmark(L(lang, '表紙: 何が変わったか', 'Cover: what changed'), 1);
  l.use(FONT_REGULAR, SIZE.small, INK.faint).para(L(lang, 'チャットの証拠報告書（chatproof）', 'Chat evidence report (chatproof)'));
  l.gap(4);
  l.use(FONT_BOLD, SIZE.title).para(r.title);
  l.gap(8);
  l.field(
    L(lang, 'ルーム', 'Room'),
    `${r.room.title}\n${sourceName(r.room.source, lang)} · ID ${r.room.id}${r.room.externalId === null ? '' : ` · ${L(lang, '元の ID', 'source id')} ${r.room.externalId}`}`,
  );
  l.field(L(lang, '当事者', 'Parties'), r.parties.length > 0 ? r.parties.join(L(lang, '、', ', ')) : L(lang, '（送信者名なし）', '(no sender names)'));
  const period =
    r.period.from === null || r.period.to === null
      ? L(lang, '（メッセージなし）', '(no messages)')
      : `${dateTime(r.period.from, tz)} 〜 ${dateTime(r.period.to, tz)}`;
  l.field(L(lang, '期間', 'Period'), `${period}\n${count(r.counts.shown, lang, '件のメッセージを掲載', 'message shown', 'messages shown')}`);
  writeStory(l, r);
  l.gap(6);
  l.field(L(lang, '掲載範囲', 'Scope'), scopeText(r));
  l.field(
    L(lang, 'タイムスタンプ', 'Timestamp'),
    r.timestamps.length === 0
      ? L(
          lang,
          'なし。記載の時刻はすべてこのパソコンの時計によるもので、第三者は保証していません。',
          "None. Every time in this report comes from this computer's clock; no third party vouches for it.",
        )
      : r.timestamps.map((t) => timestampLine(t, r)).join('\n'),
  );
}

/** The hashes and what they rest on, for whoever checks the report: a page of its own after the story. */
export function writeTechnical(l: Layout, r: Report): void {
  const { lang, tz } = r;
  l.startSection();
  l.heading(L(lang, '技術情報（検証用）', 'Technical details (for checking)'), 1);
  l.bookmark(L(lang, '技術情報（検証用）', 'Technical details (for checking)'), 1);
  l.field(L(lang, 'ログの先頭', 'Log head'), `#${r.head.seq}  ${r.head.hash}\n${dateTimeWithUtc(r.head.at, tz, lang)}`, 118, SIZE.small);
  l.field('manifest.json SHA-256', r.manifestSha256, 118, SIZE.small);

  l.heading(L(lang, '根拠とした取り込み', 'Captures relied on'), 2);
  for (const c of r.captures) writeCapture(l, r, c);

  l.heading(L(lang, 'この報告書が示すこと・示さないこと', 'What this report proves, and what it does not'), 2);
  const { proves, doesNot } = claims(r);
  subheading(l, L(lang, '示すこと', 'It proves'));
  l.use(FONT_REGULAR, SIZE.body);
  for (const p of proves) bullet(l, p, lang);
  l.gap(4);
  subheading(l, L(lang, '示さないこと', 'It does not prove'));
  l.use(FONT_REGULAR, SIZE.body);
  for (const p of doesNot) bullet(l, p, lang);
}

function writeCapture(l: Layout, r: Report, c: ReportCapture): void {
  const { lang, tz } = r;
  l.ensure(110);
  l.gap(3);
  l.use(FONT_BOLD, SIZE.body).para(`${L(lang, '取り込み', 'Capture')} #${c.ordinal}  ${dateTimeWithUtc(c.capturedAt, tz, lang)}`);
  const coverage =
    c.coverage.kind === 'full'
      ? L(lang, 'ルームの最初から（書き出し全体）', 'the room from its start (full export)')
      : L(
          lang,
          `この範囲のみ: ${c.coverage.from === null ? '?' : dateTime(c.coverage.from, tz)} 〜 ${c.coverage.to === null ? '?' : dateTime(c.coverage.to, tz)}`,
          `this window only: ${c.coverage.from === null ? '?' : dateTime(c.coverage.from, tz)} – ${c.coverage.to === null ? '?' : dateTime(c.coverage.to, tz)}`,
        );
  const rows: [string, string][] = [
    [
      L(lang, '書き出しの保存日時', 'Export saved at'),
      c.sourceSavedAt === null
        ? L(lang, '不明（この取り込みには書き出し元の保存日時が記録されていません）', 'unknown: no save time of the source is recorded with this capture')
        : `${dateTimeWithUtc(c.sourceSavedAt, tz, lang)} · ${L(lang, savedBy(c.format).ja, savedBy(c.format).en)}`,
    ],
    [L(lang, '内容', 'Content'), `${count(c.messageCount, lang, '件', 'message', 'messages')} · ${coverage}`],
    [
      L(lang, '形式', 'Format'),
      `${c.format} · ${L(lang, '解析', 'parser')} ${c.parserVersion} · ${L(lang, '時刻の読み取り', 'times read in')} ${c.tz} · ID ${c.id}`,
    ],
    [
      L(lang, '元データ SHA-256', 'Original SHA-256'),
      `${c.rawSha256}\n${byteSize(c.rawSize, lang)}${c.file === null ? L(lang, ' · 非公開モードのため添付していません', ' · not embedded (private report)') : ` · ${L(lang, '添付', 'embedded as')} ${c.file}`}`,
    ],
    ['Merkle root', c.merkleRoot],
    [
      L(lang, 'ログ', 'Log entry'),
      `#${c.entrySeq}${c.stampedBy === null ? L(lang, ' · タイムスタンプなし', ' · no timestamp covers it') : L(lang, ` · タイムスタンプ #${c.stampedBy.entrySeq}（${dateTime(c.stampedBy.genTime, tz, true)}）が証明`, ` · proven by timestamp #${c.stampedBy.entrySeq} (${dateTime(c.stampedBy.genTime, tz, true)})`)}`,
    ],
  ];
  for (const [label, value] of rows) l.field(label, value, 118, SIZE.small);
}

/** Whose clock the save time is: the source's own words for it. */
function savedBy(format: string): { ja: string; en: string } {
  if (format.startsWith('line')) return { ja: 'LINE の「保存日時」', en: "LINE's 保存日時 (saved at) line" };
  if (format.startsWith('chatwork')) return { ja: 'Chatwork のサーバー時刻', en: "Chatwork's server time" };
  return { ja: '書き出し元の記載', en: 'as the source states it' };
}

/** A bold line kept with at least two lines of what follows it. */
function subheading(l: Layout, text: string): void {
  l.ensure(SIZE.body * 6);
  l.use(FONT_BOLD, SIZE.body).para(text);
}

function bullet(l: Layout, text: string, lang: Report['lang']): void {
  l.ensure(SIZE.body * 3);
  const y = l.doc.y;
  l.doc.text(L(lang, '・', '•'), l.left + 1, y, { lineBreak: false });
  l.doc.y = y;
  l.para(text, 12);
  l.gap(2);
}
