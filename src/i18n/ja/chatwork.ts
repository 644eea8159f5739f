import type { chatworkEn } from '../en/chatwork.js';

/** 日本語: Chatwork の JSON を読んだときの注意。キーは en/chatwork.ts と同じ。n は一覧の何件目か（1 から）。 */
export const chatworkJa: typeof chatworkEn = {
  'chatwork.id-is-number': (p) => `${p.n} 件目のメッセージ: message_id が文字列ではなく数値です（API v2 は文字列で送ります）。数字を 1 桁ずつ読んだので、値は正確です。`,
  'chatwork.no-sender-name': (p) => `${p.n} 件目のメッセージ: アカウントに名前（name）がないため、送信者は空欄にしました。`,
  'chatwork.no-update-time': (p) => `${p.n} 件目のメッセージ: update_time がないため、編集されたかどうかは分かりません。`,
  'chatwork.duplicate-id': (p) => `${p.n} 件目のメッセージ: message_id ${p.id} が 2 回以上出てきます。どれも残しました。`,
};
