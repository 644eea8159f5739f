/**
 * A record as the reader finds it (records.ts): where it is, its day and clock, and where its
 * text is. Its text and continuation are read from its lines when its message is made
 * (`recordText`, `continuationOf`): the records are read again for each pass over the messages
 * instead of being kept, which was a table of seven numbers a line and the times resolved for
 * every record (~50 MB at 1M messages, held through the import; docs/performance.md).
 */
import type { Lines } from '../lines.js';
import type { ClockReading } from './clock.js';
import type { CalendarDay } from './dates.js';

export interface FoundRecord {
  /** 0-based index of the record's first line. */
  readonly index: number;
  /** 1-based line of the record's first line. */
  readonly line: number;
  readonly day: CalendarDay;
  /** Changes with every date line: records of one day share it (for 午前12:xx, clock.ts). */
  readonly dayKey: number;
  readonly clock: ClockReading;
  /** `tab`: `time⇥sender⇥text` (mobile); `space`: `time␣rest` (desktop, sender not split yet). */
  readonly form: 'tab' | 'space';
  /** Tab form: the sender field; '' for a two-tab system line; null for a one-tab line. Space form: null. */
  readonly sender: string | null;
  /** Its text is the rest of its first line from here, unless it is `body`. */
  readonly textFrom: number;
  /** A quoted body, already joined and unquoted; null: the text is on the first line. */
  readonly body: string | null;
  /** The first line, when the pass read it whole (`RecordReaderOptions.wholeLines`); null: read it again. */
  readonly firstLine: string | null;
  /** The continuation's first and last line indices (-1: none): unquoted lines that followed the first, joined with `\n`. */
  contFrom: number;
  contTo: number;
  /** The reader's own mark: the record's continuation was warned about. */
  noted: boolean;
}

/** A record with its text read: what a message is made from. */
export interface LineRecord {
  readonly line: number;
  readonly day: CalendarDay;
  readonly form: 'tab' | 'space';
  readonly sender: string | null;
  /** Tab form: the body (quoted bodies already joined and unquoted). Space form: the text after the time. */
  readonly text: string;
  /** Unquoted lines that followed the record's first line, joined with `\n`; null if none. */
  readonly continuation: string | null;
}

/** The record's text, as `LineRecord.text`. */
export function recordText(r: FoundRecord, lines: Lines): string {
  return r.body ?? (r.firstLine ?? lines.at(r.index)!.text).slice(r.textFrom);
}

export function continuationOf(r: FoundRecord, lines: Lines): string | null {
  if (r.contFrom < 0) return null;
  const parts: string[] = [];
  for (let k = r.contFrom; k <= r.contTo; k++) parts.push(lines.at(k)!.text);
  return parts.join('\n');
}
