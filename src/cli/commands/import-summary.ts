import type { ParseResult } from '../../importers/importer.js';
import { t, type Lang } from '../../i18n/lang.js';

/** What the user confirms before an inferred or truncated input is stored (issue 3). */
export function summarizeParse(parsed: ParseResult, lang: Lang): string {
  const counts = new Map<string, number>();
  for (const m of parsed.messages) counts.set(m.sender ?? '(system)', (counts.get(m.sender ?? '(system)') ?? 0) + 1);
  const senders = [...counts].sort((a, b) => b[1] - a[1]).map(([n, c]) => `    ${n}: ${c}`).join('\n');
  const first = parsed.messages[0]?.sentAt ?? '-';
  const last = parsed.messages[parsed.messages.length - 1]?.sentAt ?? '-';
  const layout = parsed.inferred?.layout ?? parsed.variant;
  return t(lang, {
    ja: `読み取った内容（${layout}）:\n  メッセージ ${parsed.messages.length} 件、最初 ${first}、最後 ${last}\n  送信者:\n${senders}`,
    en: `What was read (${layout}):\n  ${parsed.messages.length} messages, first ${first}, last ${last}\n  senders:\n${senders}`,
  });
}
