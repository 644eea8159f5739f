import type { environmentEn } from '../en/environment.js';

/** 日本語: このパソコンで動かせないとき（古い Node.js、読み込めないネイティブモジュール）の言葉。 */
export const environmentJa: typeof environmentEn = {
  'environment.node-unsupported': (p) =>
    `この Node.js（${p.version}）では動きません。chatproof には Node.js ${p.min} 以上が必要です。何も読み書きせずに止めました。`,
  'environment.node-unsupported.hint': (p) => `Node.js の LTS（推奨版）を入れてから、もう一度実行してください: ${p.command}`,
  'environment.node-unsupported.hint-installer': 'https://nodejs.org/ja から Node.js の LTS（推奨版）のインストーラーを入れて、もう一度実行してください。',
  'environment.native-load': (p) => `chatproof が使う SQLite の部品（better-sqlite3）を、このパソコン（${p.system}）で読み込めませんでした: ${p.reason}`,
  'environment.native-load.hint': (p) => `この Node.js 用に chatproof を入れ直してから、もう一度実行してください: ${p.command}`,
};
