import type { warningsEn } from '../en/warnings.js';

/** 日本語：取り込み時の警告（バイト列の読み取り decode.ts と LINE のテキスト importers/line/）。 */
export const warningsJa: typeof warningsEn = {
  'decode.utf16-half':
    'ファイルが文字の途中で終わっています（UTF-16 は1文字に2バイト使います）。最後の1バイトは読み飛ばしました。ファイルが途中で切れているかもしれません。',
  'decode.surrogate': (p) => `${p.line}行目に UTF-16 の文字の組の片方だけがあり、文字になりません。� に置き換えました（元のバイト列はそのまま保存します）。`,
  'decode.surrogate.more': (p) => `${p.line}行目以降のほか${p.count}行にも UTF-16 の文字の組の片方だけがあり、� に置き換えました。`,
  'decode.bad-utf8': 'この行には UTF-8 として正しくないバイトがあり、� に置き換えました（元のバイト列はそのまま保存します）。',
  'decode.bad-utf8.more': (p) => `この行とその後の${p.more}行に UTF-8 として正しくないバイトがあり、� に置き換えました。`,
  'line.warn.group-title': (p) =>
    `見出しは「${p.header}」との1対1のトークに見えますが、${p.senders}人が書き込んでいるため、グループ「${p.title}」として扱いました。`,
  'line.warn.no-such-time': (p) => `このメッセージの時刻はタイムゾーン ${p.tz} に存在しないため、このメッセージは除きました。`,
  'line.warn.undoubled-quotes': (p) =>
    `${p.first}〜${p.last}行目のメッセージには、LINE が二重にしていないダブルクォートがあります。書かれたとおりに残しました。`,
  'line.warn.inside-quotes': (p) =>
    `この行は別のメッセージに見えますが、${p.first}行目から始まるメッセージの引用符の中にあるため、そのメッセージの本文の一部として残しました（docs/design/formats.md E2）。ファイルを編集した場合は確かめてください。`,
  'line.warn.unclosed-quote': 'このメッセージは閉じられていないダブルクォート（"）で始まるため、1行のメッセージとして読みました。',
};
