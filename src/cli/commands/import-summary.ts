import type { ParseResult } from '../../importers/importer.js';
import type { Context } from '../context.js';

/** What the user confirms before an inferred or truncated input is stored. */
export function summarizeParse(parsed: ParseResult, ctx: Context): string {
  const system = ctx.text('import.summary.system');
  const counts = new Map<string, number>();
  for (const m of parsed.messages) counts.set(m.sender ?? system, (counts.get(m.sender ?? system) ?? 0) + 1);
  const senders = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `    ${ctx.text('import.summary.sender', { name, n })}`)
    .join('\n');
  const first = parsed.messages[0];
  const last = parsed.messages[parsed.messages.length - 1];
  return ctx.text('import.summary', {
    layout: parsed.inferred?.layout ?? parsed.variant,
    messages: parsed.messages.length,
    first: first === undefined ? '-' : ctx.time(first.sentAt),
    last: last === undefined ? '-' : ctx.time(last.sentAt),
    senders,
  });
}
