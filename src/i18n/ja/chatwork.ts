import type { chatworkEn } from '../en/chatwork.js';

/** 日本語: Chatwork の JSON を読んだときの注意。キーは en/chatwork.ts と同じ。n は一覧の何件目か（1 から）。 */
export const chatworkJa: typeof chatworkEn = {
  'chatwork.id-is-number': (p) =>
    `${p.n} 件目のメッセージ: message_id が文字列ではなく数値です（API v2 は文字列で送ります）。数字を 1 桁ずつ読んだので、値は正確です。`,
  'chatwork.no-sender-name': (p) => `${p.n} 件目のメッセージ: アカウントに名前（name）がないため、送信者は空欄にしました。`,
  'chatwork.no-update-time': (p) => `${p.n} 件目のメッセージ: update_time がないため、編集されたかどうかは分かりません。`,
  'chatwork.duplicate-id': (p) => `${p.n} 件目のメッセージ: message_id ${p.id} が 2 回以上出てきます。どれも残しました。`,
  'chatwork.field': (p) => (p.path === '' ? `${p.n} 件目のメッセージ` : `${p.n} 件目のメッセージの ${p.path}`),
  'chatwork.found.list': 'リスト [...]',
  'chatwork.found.object': 'オブジェクト {...}',
  'chatwork.field.not-object': (p) => `${p.field} はオブジェクト {...} のはずですが、${p.found} です`,
  'chatwork.field.missing': (p) => `${p.field} に「${p.key}」がありません`,
  'chatwork.field.not-text': (p) => `${p.field} は "引用符" で囲んだ文字列のはずですが、${p.found} です`,
  'chatwork.field.not-id': (p) => `${p.field} は整数（または "引用符" で囲んだ数字）のはずですが、${p.found} です`,
  'chatwork.field.not-epoch': (p) => `${p.field} は 1970 年からの秒数（1709251500 のような整数）のはずですが、${p.found} です`,
  'chatwork.message-unreadable': (p) => `${p.line} 行目の Chatwork のメッセージを読めません: ${p.problem}。`,
  'chatwork.message-unreadable.hint': 'API が返した GET /rooms/{room_id}/messages の本文を、手を加えずにそのまま取り込んでください。',
  'chatwork.json-broken': (p) => `Chatwork の JSON が ${p.line} 行目 ${p.column} 文字目で壊れています（${p.problem}）。`,
  'chatwork.json-broken.hint':
    'API の返した内容を、手を加えずに保存し直してください（例: `curl -o room-123456.json …`）。ファイルを編集した場合は、その箇所を確かめてください。',
  'chatwork.webhook':
    'これは Chatwork の Webhook のイベント（Chatwork が Webhook の URL へ送る本文）で、メッセージの一覧ではありません。中身は 1 件の出来事で、ルームのメッセージではありません。',
  'chatwork.webhook.hint': 'GET /rooms/{room_id}/messages の本文を取り込むか、`chatproof sync` でルームを取得してください。',
  'chatwork.error-answer': (p) => `これは Chatwork API のエラーの返答で、メッセージではありません: ${p.errors}。`,
  'chatwork.error-answer.hint': 'API トークンとルーム ID を確かめてから、メッセージをもう一度取得してください。',
  'chatwork.not-messages': 'この JSON は Chatwork のメッセージの一覧ではありません。メッセージのリスト [...]、またはメッセージ 1 件のオブジェクトのはずです。',
  'chatwork.not-messages.hint': 'GET /rooms/{room_id}/messages の本文を取り込んでください。',
};
