import type { jsonEn } from '../en/json.js';

/** 日本語：JSON ファイルが読めない理由（src/importers/chatwork-json/json-text.ts）。壊れている位置の後に続けて示します。 */
export const jsonJa: typeof jsonEn = {
  'json.trailing': 'JSON データの終わりの後に、まだ文字があります',
  'json.too-deep': (p) => `データの入れ子が ${p.max} 段より深くなっています`,
  'json.expected-value': (p) => `値（"…" で囲んだ文字、数値、リスト [...]、オブジェクト {...}）があるはずの所に ${p.found} があります`,
  'json.expected-list-separator': (p) => `リストの項目の後には "," か "]" が必要ですが、${p.found} があります`,
  'json.expected-key': (p) => `"…" で囲んだ項目名があるはずの所に ${p.found} があります`,
  'json.duplicate-key': (p) => `項目 "${p.key}" が1つのオブジェクトに2回あります`,
  'json.expected-colon': (p) => `項目名 "${p.key}" の後には ":" が必要ですが、${p.found} があります`,
  'json.expected-field-separator': (p) => `項目 "${p.key}" の後には "," か "}" が必要ですが、${p.found} があります`,
  'json.control-character': '"…" の中の改行や制御文字は、\\n のようなエスケープで書く必要があります',
  'json.unclosed': '"…" で囲んだ文字が閉じられていません（その途中でファイルが終わっています）',
  'json.bad-escape': '文字の中に、正しくないバックスラッシュのエスケープがあります',
  'json.cut-off': '答えが途中で切れています',
  'json.found.end': 'ファイルの終わり',
  'json.found.quote': `'"'（その前のコンマが抜けていませんか？）`,
  'json.found.character': (p) => `'${p.character}'`,
};
