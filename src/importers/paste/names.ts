/**
 * Names on platform pages may carry a role label, `佐藤花子（クライアント）` (docs/design/formats.md §3.1 sample).
 * The label is the page's decoration, not part of the name: the same person must get the same
 * sender in every capture, whether or not the page showed the label. Only these known labels are
 * removed, so a name such as `山田（デザイナー）` stays as shown. The raw paste keeps the label.
 */
const ROLE_LABEL = /^(?<name>.*?)[ \u3000]*[（(](?:クライアント|ワーカー|発注者|受注者|ランサー)[)）]$/u;

export function senderName(shown: string): { readonly name: string; readonly roleRemoved: boolean } {
  const trimmed = shown.replace(/^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$/g, '');
  const name = ROLE_LABEL.exec(trimmed)?.groups?.['name'];
  return name === undefined || name === '' ? { name: trimmed, roleRemoved: false } : { name, roleRemoved: true };
}
