import type { helpEn } from '../en/help.js';

/** 日本語: `--help` — 各コマンドとオプションの説明。 */
export const helpJa: typeof helpEn = {
  'help.global.db': 'アーカイブのファイル（既定: $CHATPROOF_DB、なければユーザーのデータフォルダ）',
  'help.global.json': '結果を JSON 1 つにして標準出力へ（案内や注意は標準エラーへ）',
  'help.global.tz': '表示する時刻と、時差の書かれていない入力のタイムゾーン（IANA 名、既定 Asia/Tokyo）',
  'help.global.lang': 'メッセージと報告書の言語（既定: CHATPROOF_LANG、なければ OS の言語）',
};
