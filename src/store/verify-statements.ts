/**
 * What the log states of a row, read through the entry modules' tolerant readers, and the one
 * comparison `verify` makes of a row with it: every differing column named in one finding.
 */
import { msg } from '../i18n/message.js';
import type { Read } from '../core/entries/read.js';
import type { CheckedEntry } from './verify-log.js';
import type { Problem } from './verify-types.js';

type StatementReader<T> = (payload: Readonly<Record<string, unknown>>) => Read<T>;

/** What an entry states through `read`, or null where it states nothing of that kind (or its payload is unreadable). */
export function statementOf<T>(entry: CheckedEntry | undefined, read: StatementReader<T>): T | null {
  const r = entry?.payload ? read(entry.payload) : null;
  return r?.ok ? r.value : null;
}

/** Entries stating a record, by the record's id (the payload decides, not the kind column, which may be the damaged one). */
export function entriesOf<T extends { readonly id: unknown }>(entries: readonly CheckedEntry[], read: StatementReader<T>): Map<string, CheckedEntry> {
  const m = new Map<string, CheckedEntry>();
  for (const e of entries) {
    const id = statementOf(e, read)?.id;
    if (typeof id === 'string') m.set(id, e);
  }
  return m;
}

export function compareColumns(table: string, id: string, row: Record<string, unknown>, stated: Record<string, unknown>, problems: Problem[]): void {
  const differing = Object.keys(stated).filter((k) => JSON.stringify(row[k] ?? null) !== JSON.stringify(stated[k] ?? null));
  if (differing.length === 0) return;
  problems.push({
    kind: `${table}-row-changed`,
    where: msg('vp.row-column', { table, id, column: differing.join(', ') }),
    expected: differing.map((k) => JSON.stringify(stated[k] ?? null)).join(', '),
    actual: differing.map((k) => JSON.stringify(row[k] ?? null)).join(', '),
  });
}
