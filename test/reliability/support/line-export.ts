/**
 * Synthetic LINE exports (variant A of docs/design/formats.md §1: Japanese mobile, 24 h clock, TAB-separated),
 * big enough that an import spends measurable time inside its write transaction. Every body
 * carries `tag`, so two exports with different tags share no message and each capture adds
 * exactly its own messages to the archive: counting rows then tells "whole" from "half".
 */
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const SENDERS = ['佐藤花子', '山田太郎'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

export interface LineExportOptions {
  /** Room title in the header (`[LINE] {title}とのトーク履歴`). */
  readonly title: string;
  readonly messages: number;
  /** Makes every body unique to this export. */
  readonly tag: string;
  /** Messages per day (one date line each); 200 keeps a 100k export to 500 days. */
  readonly perDay?: number;
  readonly eol?: '\n' | '\r\n';
}

/** The export as text; every 50th body is a quoted multi-line one, as LINE writes them. */
export function lineExport(o: LineExportOptions): string {
  const eol = o.eol ?? '\n';
  const perDay = o.perDay ?? 200;
  const start = Date.UTC(2021, 0, 4);
  const parts: string[] = [`[LINE] ${o.title}とのトーク履歴`, '保存日時：2024/03/02 21:15', ''];
  for (let i = 0; i < o.messages; i++) {
    if (i % perDay === 0) {
      const d = new Date(start + Math.floor(i / perDay) * 86_400_000);
      if (i > 0) parts.push('');
      parts.push(`${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}(${WEEKDAYS[d.getUTCDay()]})`);
    }
    // Minutes climb through the day so that (sender, minute) keys are mostly distinct.
    const minuteOfDay = Math.floor(((i % perDay) * 1439) / perDay);
    const time = `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
    const sender = SENDERS[i % 2]!;
    const body = i % 50 === 49 ? `"${o.tag} 第${i}件 見積の件です。${eol}納期は来週で${eol}よろしくお願いします"` : `${o.tag} 第${i}件 了解です、確認します`;
    parts.push(`${time}\t${sender}\t${body}`);
  }
  return parts.join(eol) + eol;
}
