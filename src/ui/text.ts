import type { Lang } from '../cli/lang.js';

/** Every string the page shows is written in both languages where it is used. */
export interface Text {
  readonly ja: string;
  readonly en: string;
}

export function say(lang: Lang, text: Text): string {
  return text[lang];
}

/** Strings more than one page uses. */
export const T = {
  notFound: { ja: 'ページが見つかりません。', en: 'Page not found.' },
  tooLarge: { ja: 'ファイルが大きすぎます（上限 {max}）。', en: 'The file is too large (limit {max}).' },
  failed: { ja: 'できませんでした', en: 'That did not work' },
  next: { ja: '次にすること', en: 'What to do next' },
  internal: {
    ja: 'chatproof の内部エラーです（あなたの操作のせいではありません）。アーカイブは変更されていません。',
    en: 'An internal error in chatproof (not something you did). The archive was not changed.',
  },
  chooseFile: { ja: 'ファイルを選ぶ', en: 'Choose a file' },
  dropHere: { ja: 'ここにファイルをドロップするか、', en: 'Drop a file here, or ' },
  send: { ja: '送信', en: 'Send' },
  working: { ja: '処理中…', en: 'Working…' },
} as const satisfies Record<string, Text>;

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
