import type { helpEn } from '../en/help.js';

/** 日本語: `--help` — 各コマンドとオプションの説明。 */
export const helpJa: typeof helpEn = {
  'help.global.db': 'アーカイブのファイル（既定: $CHATPROOF_DB、なければユーザーのデータフォルダ）',
  'help.global.json': '結果を JSON 1 つにして標準出力へ（案内や注意は標準エラーへ）',
  'help.global.tz': '表示する時刻と、時差の書かれていない入力のタイムゾーン（IANA 名、既定 Asia/Tokyo）',
  'help.global.lang': 'メッセージと報告書の言語（既定: CHATPROOF_LANG、なければ OS の言語）',
  'help.verbose': '各メッセージのハッシュの目印も表示',
  'help.show': 'ルームでこれまでに見えた全メッセージとその状態（--capture で 1 回分の取り込み）',
  'help.show.capture': 'この取り込みだけを、取り込んだときのまま表示',
  'help.diff': '2 回の取り込みの間の変化（既定: 最後の 2 回）',
  'help.diff.from': '比べる前の取り込み（ID）',
  'help.diff.to': '比べる後の取り込み（ID）',
  'help.rooms': '保存しているルームの一覧',
  'help.captures': 'ルームの取り込み履歴（ROOM: ID、6 文字以上の ID の先頭、またはルーム名）',
  'help.note': '観察したことをログに記録（例: 「2024-02-01 に相手がルームを削除した」）',
  'help.verify': '保存されたデータから、すべてのハッシュ・Merkle ルート・ログの連鎖を計算し直して確認',
  'help.backup': 'アーカイブの整合したコピーを書き出す（使用中でも可）',
  'help.import': 'チャットの書き出しや貼り付けを 1 回分の取り込みとして記録（FILE、標準入力なら -、または --clipboard）',
  'help.import.clipboard': 'クリップボードから読む',
  'help.import.format': (p) => `入力の形式: ${p.formats}`,
  'help.import.room': '入力にルーム名がないとき（貼り付けなど）のルーム',
  'help.import.coverage': 'full（ルームの最初から）または window（最初と最後のメッセージの間）',
  'help.import.member': 'ルームのメンバー名（LINE デスクトップ版の行から送信者名を切り分けるため）',
  'help.import.yes': '推定した貼り付けや途中で切れた入力の確認に「はい」と答える',
  'help.max-size': '受け付ける入力の上限（既定 256MB）',
};
