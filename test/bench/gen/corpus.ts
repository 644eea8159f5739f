import type { Rng } from './rng.js';

/**
 * Made-up Japanese work chat (a web-site job between a client and freelancers): mixed kanji,
 * kana, full-width punctuation, ASCII numbers, URLs and emoji, so decoding, hashing and the PDF
 * font subset see what real exports give them. No real person's text is used.
 */
export const MEMBERS = ['佐藤花子', '山田太郎', '鈴木 一郎', 'たなか🍀', 'Kenji Ito', '高橋（経理）'] as const;

const OPENERS = ['お疲れ様です。', 'おはようございます！', 'こんにちは。', '', '', '', 'すみません、', '取り急ぎ、', '了解です。', 'ありがとうございます！'];

const TOPICS = [
  'トップページのデザイン案を共有します',
  '見積書の金額を修正しました',
  '納期について確認させてください',
  '請求書は月末締めでお願いします',
  'ヘッダーのロゴを差し替えました',
  'スマホ表示でメニューが崩れています',
  'お問い合わせフォームの送信テストが完了しました',
  '修正点を3つまとめました',
  '画像の解像度が足りないようです',
  '本番サーバーへの反映は明日の午前中を予定しています',
  '契約書のPDFを添付しました',
  '打ち合わせは15時からでいかがでしょうか',
  'テキスト原稿の第2稿をいただけますか',
  '追加費用が発生する可能性があります',
  'バナーのサイズは1200×630でお願いします',
  'ステージング環境のURLを送ります',
  'フォントはNoto Sans JPで統一します',
  '検収が終わり次第ご連絡します',
];

const CLOSERS = [
  '',
  '',
  'よろしくお願いします。',
  'ご確認ください🙏',
  '問題なければ進めます。',
  'いかがでしょうか？',
  '（急ぎではありません）',
  '！',
  'ｗ',
  '😊',
];

const SHORT = [
  '了解です',
  'ありがとうございます',
  '承知しました！',
  'はい',
  'OKです👍',
  '確認します',
  '少々お待ちください',
  'なるほど',
  'お願いします',
  '助かります！',
  '大丈夫です',
  '了解しました。対応します',
];

const URLS = ['https://example.com/staging/top', 'https://example.jp/docs/estimate-v2.pdf', 'https://example.net/figma/file/abc123?node-id=12'];

/** One single-line body: mostly short replies and one-sentence updates, as work chats are. */
export function singleLineBody(rng: Rng): string {
  const r = rng.next();
  if (r < 0.35) return rng.pick(SHORT);
  if (r < 0.42) return `${rng.pick(TOPICS)}　${rng.pick(URLS)}`;
  const n = rng.int(1, 2);
  let s = rng.pick(OPENERS);
  for (let i = 0; i < n; i++) s += `${rng.pick(TOPICS)}。`;
  return s + rng.pick(CLOSERS);
}

/** Lines of a multi-line body (2–7 lines, sometimes a blank line inside, as in a pasted list). */
export function multiLineBody(rng: Rng): string[] {
  const lines = [rng.pick(OPENERS) + rng.pick(TOPICS) + '。'];
  const items = rng.int(1, 5);
  if (rng.chance(0.4)) lines.push('');
  for (let i = 1; i <= items; i++) lines.push(`${i}. ${rng.pick(TOPICS)}`);
  if (rng.chance(0.5)) lines.push(rng.pick(CLOSERS) || 'よろしくお願いします。');
  return lines;
}

/** LINE's placeholders and call records (docs/design/formats.md §1.5). */
export const MEDIA = ['[スタンプ]', '[写真]', '[ファイル]', '[動画]'] as const;
export const CALLS = ['☎ 通話時間 4:08', '☎ 不在着信', '☎ 通話時間 12:31'] as const;
