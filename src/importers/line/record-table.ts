/**
 * The records of one LINE file, kept as numbers into its lines: a record's text is read from its
 * line again when it is asked for. One object per record (with its text and continuation strings)
 * was ~26 MB of a 200k-message parse, held from the parse to the end of the import and sizing the
 * heap for all of it (docs/performance.md). Seven 32-bit numbers a record are ~6 MB, off
 * the heap. Quoted bodies, which are unquoted and joined, are the only texts kept as strings.
 */
import type { Lines } from '../lines.js';
import type { ClockReading } from './clock.js';
import type { CalendarDay } from './dates.js';

export interface LineRecord {
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
  /** Tab form: the body (quoted bodies already joined and unquoted). Space form: the text after the time. */
  readonly text: string;
  /** Unquoted lines that followed the record's first line, joined with `\n`; null if none. */
  readonly continuation: string | null;
}

/** A record as the reader finds it: its text is the rest of its line from `textFrom`, or `body`. */
export interface RecordStart {
  /** 0-based index of the record's first line in `lines`. */
  readonly index: number;
  readonly day: CalendarDay;
  readonly dayKey: number;
  readonly clock: ClockReading;
  readonly form: 'tab' | 'space';
  readonly sender: string | null;
  readonly text: { readonly textFrom: number } | { readonly body: string };
}

/** `senderCodes`: a space-form record, and a tab-form one without a sender field. */
const SPACE = -1;
const NO_SENDER = -2;

export class RecordTable {
  private count = 0;
  private readonly lineIndex: Int32Array;
  private readonly dayKeys: Int32Array;
  private readonly clockIndex: Int32Array;
  private readonly senderCodes: Int32Array;
  /** Where the record's text starts in its first line; -1: the text is in `bodies`. */
  private readonly textFrom: Int32Array;
  /** The continuation's first and last line indices; -1: none. */
  private readonly contFrom: Int32Array;
  private readonly contTo: Int32Array;
  private readonly days = new Map<number, CalendarDay>();
  private readonly clocks: ClockReading[] = [];
  private readonly clockIds = new Map<ClockReading, number>();
  private readonly senders: string[] = [];
  private readonly senderIds = new Map<string, number>();
  private readonly bodies = new Map<number, string>();

  /** `capacity`: at most this many records, one a line at most. */
  constructor(
    private readonly lines: Lines,
    capacity: number,
  ) {
    this.lineIndex = new Int32Array(capacity);
    this.dayKeys = new Int32Array(capacity);
    this.clockIndex = new Int32Array(capacity);
    this.senderCodes = new Int32Array(capacity);
    this.textFrom = new Int32Array(capacity);
    this.contFrom = new Int32Array(capacity);
    this.contTo = new Int32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Adds a record without continuation lines; returns its index. */
  add(r: RecordStart): number {
    const i = this.count++;
    this.lineIndex[i] = r.index;
    this.dayKeys[i] = r.dayKey;
    if (!this.days.has(r.dayKey)) this.days.set(r.dayKey, r.day);
    this.clockIndex[i] = idOf(this.clockIds, this.clocks, r.clock);
    this.senderCodes[i] = r.form === 'space' ? SPACE : r.sender === null ? NO_SENDER : idOf(this.senderIds, this.senders, r.sender);
    if ('body' in r.text) {
      this.textFrom[i] = -1;
      this.bodies.set(i, r.text.body);
    } else {
      this.textFrom[i] = r.text.textFrom;
    }
    this.contFrom[i] = -1;
    this.contTo[i] = -1;
    return i;
  }

  /** Record `i`'s continuation is lines `from`…`to` (indices, both included), joined with `\n`. */
  continueWith(i: number, from: number, to: number): void {
    this.contFrom[i] = from;
    this.contTo[i] = to;
  }

  dayKey(i: number): number {
    return this.dayKeys[i]!;
  }

  clock(i: number): ClockReading {
    return this.clocks[this.clockIndex[i]!]!;
  }

  form(i: number): 'tab' | 'space' {
    return this.senderCodes[i] === SPACE ? 'space' : 'tab';
  }

  sender(i: number): string | null {
    const code = this.senderCodes[i]!;
    return code >= 0 ? this.senders[code]! : null;
  }

  /** The distinct sender fields of tab-form records. */
  senderFields(): readonly string[] {
    return this.senders;
  }

  /** Record `i`'s text, as `LineRecord.text`. */
  text(i: number): string {
    return this.textIn(i, this.lines.at(this.lineIndex[i]!)!.text);
  }

  at(i: number): LineRecord {
    const first = this.lines.at(this.lineIndex[i]!)!;
    return {
      line: first.number,
      day: this.days.get(this.dayKeys[i]!)!,
      dayKey: this.dayKeys[i]!,
      clock: this.clock(i),
      form: this.form(i),
      sender: this.sender(i),
      text: this.textIn(i, first.text),
      continuation: this.continuation(i),
    };
  }

  /** Record `i`'s text, from its first line as read once by the caller. */
  private textIn(i: number, firstLine: string): string {
    const from = this.textFrom[i]!;
    return from < 0 ? this.bodies.get(i)! : firstLine.slice(from);
  }

  private continuation(i: number): string | null {
    const from = this.contFrom[i]!;
    if (from < 0) return null;
    const parts: string[] = [];
    for (let k = from; k <= this.contTo[i]!; k++) parts.push(this.lines.at(k)!.text);
    return parts.join('\n');
  }
}

function idOf<T>(ids: Map<T, number>, list: T[], value: T): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = list.length;
    list.push(value);
    ids.set(value, id);
  }
  return id;
}
