import type { Report, ReportCapture } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { byteSize, dateTimeWithUtc, L } from './format.js';
import { INK, type Layout, SIZE } from './layout.js';

/**
 * Captures kept with `import --raw` (src/app/import-raw.ts): no messages were read from them, so
 * the transcript cannot show them; their text is printed here exactly as it was kept, so a reader
 * sees the evidence without tools. The embedded original stays the authority.
 */
export function writeRawCaptures(l: Layout, r: Report): void {
  const raw = r.captures.filter((c) => c.rawText !== null);
  if (raw.length === 0) return;
  const { lang } = r;
  l.startSection();
  l.heading(L(lang, '読み取らずに保存した記録', 'Captures kept without reading'), 1);
  l.use(FONT_REGULAR, SIZE.small, INK.muted).para(
    L(
      lang,
      'chatproof がまだ読めない書式のため、メッセージを取り出さずに元のまま保存した記録です。下の本文は保存した内容そのもので、添付の元ファイルと同じです（タブは空白で、制御文字は <U+XXXX> で表示）。この記録からはメッセージの追加・削除を判定していません。',
      'These were kept as they are, without taking messages from them, because chatproof cannot read their layout yet. The text below is exactly what was kept, the same as the embedded original (tabs shown as spaces, control characters as <U+XXXX>). No message was taken as added or deleted because of them.',
    ),
  );
  for (const c of raw) writeRawCapture(l, r, c);
}

function writeRawCapture(l: Layout, r: Report, c: ReportCapture): void {
  const { lang } = r;
  l.ensure(90);
  l.use(FONT_BOLD, SIZE.body).para(L(lang, `取り込み #${c.ordinal}`, `Capture #${c.ordinal}`));
  l.field(L(lang, '保存日時', 'Kept at'), dateTimeWithUtc(c.capturedAt, r.tz, lang), 96, SIZE.small);
  l.field('SHA-256', c.rawSha256, 96, SIZE.small);
  l.field(L(lang, '大きさ・添付', 'Size, file'), `${byteSize(c.rawSize, lang)} · ${c.file ?? L(lang, '添付なし', 'not embedded')}`, 96, SIZE.small);
  // Read again later (`reparse`): its messages are in the transcript, dated by this capture's time.
  for (const again of c.readAgain)
    l.field(
      L(lang, '読み直し', 'Read again'),
      L(
        lang,
        `${dateTimeWithUtc(again.capturedAt, r.tz, lang)} に取り込み #${again.ordinal} として読み直し（メッセージはこの記録の保存日時のものとして扱う）`,
        `${dateTimeWithUtc(again.capturedAt, r.tz, lang)} as capture #${again.ordinal} (its messages are taken as of this capture's time)`,
      ),
      96,
      SIZE.small,
    );
  l.gap(4);
  l.use(FONT_REGULAR, SIZE.small).para(visible(c.rawText!), 12);
  l.gap(8);
}

/** Tabs as spaces, other control characters named: a PDF draws neither. */
function visible(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
