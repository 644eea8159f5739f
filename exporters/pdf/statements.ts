import type { Source } from '../../src/core/types.js';
import type { Report, ReportLang, ReportTimestamp } from '../../src/report/model.js';
import { dateTime, L } from './format.js';

/** The report's sentences about itself: scope, timestamps, and its claims. Kept together so they agree. */

export function sourceName(source: Source, lang: ReportLang): string {
  const names: Record<Source, string> = {
    line: 'LINE',
    chatwork: 'Chatwork',
    crowdworks: L(lang, 'クラウドワークス', 'CrowdWorks'),
    lancers: L(lang, 'ランサーズ', 'Lancers'),
  };
  return names[source];
}

export function scopeText(r: Report): string {
  const { lang, tz } = r;
  if (r.mode === 'full')
    return L(
      lang,
      'ルーム全体（アーカイブにあるすべてのメッセージ）。元データを添付しています。',
      'The whole room (every message in the archive). The original files are embedded.',
    );
  const from = r.range?.from == null ? L(lang, '最初', 'the start') : dateTime(r.range.from, tz);
  const to = r.range?.to == null ? L(lang, '最後', 'the end') : dateTime(r.range.to, tz);
  return L(
    lang,
    `一部のみ（${from} 〜 ${to}）。ほかのメッセージと元データは載せていません。掲載した各メッセージが取り込みに含まれることは、包含証明（RFC 6962）で示します。`,
    `Part of the room only (${from} – ${to}). No other message and no original file is included; each shown message is proven part of its capture with an RFC 6962 inclusion proof.`,
  );
}

export function timestampLine(t: ReportTimestamp, r: Report): string {
  const tsa = t.tsaName ?? t.tsaUrl ?? L(r.lang, '（名称なし）', '(unnamed)');
  return L(
    r.lang,
    `#${t.entrySeq}: ${tsa} が ${dateTime(t.genTime, r.tz, true)} に、ログ #${t.stampedSeq} までの存在を証明（RFC 3161、添付 ${t.tokenFile}）`,
    `#${t.entrySeq}: ${tsa} vouches that the log up to #${t.stampedSeq} existed at ${dateTime(t.genTime, r.tz, true)} (RFC 3161, embedded as ${t.tokenFile})`,
  );
}

export function claims(r: Report): { proves: string[]; doesNot: string[] } {
  const { lang } = r;
  const proves: string[] = [];
  proves.push(
    r.mode === 'full'
      ? L(
          lang,
          '添付した元データ（各取り込みの書き出しファイル・貼り付け・API 応答）は、SHA-256 が上の値と一致する限り、取り込んだ時点から 1 バイトも変わっていません。掲載したメッセージはその元データから読み取ったもので、各ハッシュは取り込みの Merkle ルートに含まれます。',
          "The embedded originals (the export, paste or API answer of each capture) are, as long as their SHA-256 matches the values above, byte for byte what was captured. The messages shown were read from them, and each message hash is part of its capture's Merkle root.",
        )
      : L(
          lang,
          '掲載した各メッセージは、包含証明により、上の取り込みの Merkle ルートに含まれることが確かめられます（ほかのメッセージを見せずに）。',
          'Each message shown is proven, by an inclusion proof, to be part of the Merkle root of the capture above, without showing any other message.',
        ),
  );
  proves.push(
    L(
      lang,
      `取り込みと記録は、ハッシュで連鎖したログ（#${r.logFrom}〜#${r.head.seq}）に載っています。途中の 1 件でも変えると、各ページに印字した先頭ハッシュが変わります。`,
      `The captures and notes are entries of a hash-chained log (#${r.logFrom}–#${r.head.seq}). Changing any one of them changes the head hash printed on every page.`,
    ),
  );
  if (r.timestamps.length > 0) {
    for (const t of r.timestamps) {
      proves.push(
        L(
          lang,
          `時刻認証局のタイムスタンプ #${t.entrySeq} は、ログ #${t.stampedSeq} までの内容（その前の取り込みすべて）が ${dateTime(t.genTime, r.tz, true)} にはすでに存在したことを、第三者として証明します。`,
          `Timestamp #${t.entrySeq} from a time-stamping authority proves, as a third party, that the log up to #${t.stampedSeq} (every capture before it) existed by ${dateTime(t.genTime, r.tz, true)}.`,
        ),
      );
    }
  } else {
    proves.push(
      L(
        lang,
        'この報告書にはタイムスタンプがありません。記載の時刻はこのパソコンの時計によるもので、第三者の保証はありません。ログ全体を作り直すことも技術的にはできるため、時刻の裏付けには、以前に渡したログ先頭ハッシュとの一致か、chatproof stamp によるタイムスタンプが必要です。',
        "This report carries no timestamp. Its times come from this computer's clock and no third party vouches for them. As the whole log could technically be rebuilt, backing its times needs a head hash handed to someone earlier, or a timestamp from chatproof stamp.",
      ),
    );
  }
  const doesNot = [
    L(lang, 'メッセージを実際に誰が入力したか。送信者名はアプリの表示のままです。', 'Who actually typed a message: sender names are as the app showed them.'),
    L(
      lang,
      '貼り付けや期間指定の取り込みの外にあったメッセージ（範囲の完全性）。範囲が「この範囲のみ」の取り込みは、その外について何も示しません。',
      'Anything outside what a paste or a window capture showed (completeness): a window capture says nothing about the room outside it.',
    ),
    L(
      lang,
      '取り込む前の書き出しファイルや画面が、すでに改変されていなかったこと。',
      'That the export or screen was not already altered before it was captured.',
    ),
  ];
  if (r.mode === 'private') {
    doesNot.push(
      L(
        lang,
        '掲載していないメッセージの内容。「削除」の判定は chatproof が取り込み同士を比べた結果で、この報告書だけでは後の取り込みに無かったことまでは確かめられません。',
        'The content of messages not shown. "Deleted" is chatproof\'s comparison of the captures; this report alone cannot show that a later capture lacked the message.',
      ),
    );
  }
  return { proves, doesNot };
}
