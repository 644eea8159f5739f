/**
 * Records → messages of docs/design/cli-contract.md ("A message"): kinds from the catalog (catalog.ts),
 * senders split on desktop lines (desktop.ts), times resolved (clock.ts) and written in the zone
 * (local-time.ts). Bodies are the text as read: never trimmed (E10), line breaks as `\n`.
 */
import type { Message, MessageKind, Warning } from '../../core/types.js';
import { msg } from '../../i18n/message.js';
import type { Lines } from '../lines.js';
import { kindOfSenderBody, readSystemText, systemSender } from './catalog.js';
import { DayTimes, type ResolvedTime } from './clock.js';
import { nextDay } from './dates.js';
import { MemberNames, learnNames, memberSuggestion, splitDesktopLine } from './desktop.js';
import { LocalTimes } from './local-time.js';
import { type FoundRecord, type LineRecord, continuationOf, recordText } from './record.js';

interface Draft {
  readonly kind: MessageKind;
  readonly sender: string | null;
  readonly body: string;
}

/** What the messages need from every record, found by one pass of the reader before any message is made. */
export interface RecordsSeen {
  readonly count: number;
  /** The senders of tab lines (E6 one-tab lines name one). */
  readonly tabSenders: ReadonlySet<string>;
  /** The names desktop lines are split at; null when there are none. */
  readonly names: MemberNames | null;
  readonly twelveHour: boolean;
}

/** Takes in one pass of the reader, record by record, what making the messages needs to know of all of them. */
export class SeenRecords {
  private count = 0;
  private twelveHour = false;
  private spaceForm = false;
  private readonly tabSenders = new Set<string>();
  private readonly names = new MemberNames();

  constructor(
    private readonly lines: Lines,
    members: readonly string[],
  ) {
    for (const m of members) this.names.add(m);
  }

  add(r: FoundRecord): void {
    this.count++;
    if (r.clock.twelveHour) this.twelveHour = true;
    if (r.form === 'space') {
      this.spaceForm = true;
      learnNames(this.names, recordText(r, this.lines));
    } else if (r.sender) {
      // Known names are learned in any order: the set of them is what splits a desktop line.
      this.tabSenders.add(r.sender);
      this.names.add(r.sender);
    }
  }

  seen(): RecordsSeen {
    return { count: this.count, tabSenders: this.tabSenders, names: this.spaceForm ? this.names : null, twelveHour: this.twelveHour };
  }
}

/**
 * Records → messages, one at a time: what needs every record (the senders of tab lines, the names
 * on desktop lines) was found by a first pass (`SeenRecords`), and each pass of `each` reads the
 * records again and makes their messages, so that an import stores them as they are made instead
 * of holding them or the records (docs/performance.md).
 */
export class MessageBuilder {
  private readonly times: LocalTimes;

  /** `records`: a new pass of the reader, the same records each time. */
  constructor(
    private readonly records: () => Iterator<FoundRecord, unknown, undefined>,
    private readonly lines: Lines,
    private readonly seen: RecordsSeen,
    private readonly tz: string,
  ) {
    this.times = new LocalTimes(tz);
  }

  /** At most this many messages: one a record. */
  get max(): number {
    return this.seen.count;
  }

  /** The messages in order; the warnings of making them (in record order, then guessed names) go to `warnings`. */
  *each(warnings: Warning[]): Generator<Message, void, undefined> {
    const guesses = new Map<string, { line: number; suggestion: string; more: number }>();
    const dayTimes = new DayTimes<FoundRecord>();
    const records = this.records();
    for (;;) {
      const next = records.next();
      if (next.done === true) dayTimes.end();
      else dayTimes.push(next.value);
      for (let k = 0; k < dayTimes.resolved; k++) {
        const m = this.make(dayTimes.records[k]!, dayTimes.times[k]!, warnings, guesses);
        if (m !== null) yield m;
      }
      if (next.done === true) break;
    }
    for (const [sender, g] of guesses) {
      warnings.push({ line: g.line, message: msg('line.warn.name-guess', { sender, more: g.more, suggestion: g.suggestion }) });
    }
  }

  private make(
    found: FoundRecord,
    time: ResolvedTime,
    warnings: Warning[],
    guesses: Map<string, { line: number; suggestion: string; more: number }>,
  ): Message | null {
    const { lines, times, tz } = this;
    const r: LineRecord = {
      line: found.line,
      day: found.day,
      form: found.form,
      sender: found.sender,
      text: recordText(found, lines),
      continuation: continuationOf(found, lines),
    };
    if (time.note !== null) warnings.push({ line: r.line, message: time.note });
    const day = time.minutes >= 24 * 60 ? nextDay(r.day) : r.day;
    const sentAt = times.iso(day, time.minutes % (24 * 60));
    if (sentAt === null) {
      warnings.push({ line: r.line, message: msg('line.warn.no-such-time', { tz }) });
      return null;
    }
    const draft = r.form === 'tab' ? tabDraft(r, this.seen.tabSenders) : spaceDraft(r, this.seen.names!, guesses);
    const body = r.continuation === null ? draft.body : `${draft.body}\n${r.continuation}`;
    return { kind: draft.kind, sender: draft.sender, senderId: null, sentAt, body, externalId: null, editedAt: null };
  }
}

/** Mobile lines: the sender field decides, E6 one-tab lines are a known sender's empty message. */
function tabDraft(r: LineRecord, tabSenders: ReadonlySet<string>): Draft {
  if (r.sender) return { kind: kindOfSenderBody(r.text, false), sender: r.sender, body: r.text };
  if (r.sender === null && tabSenders.has(r.text)) return { kind: 'text', sender: r.text, body: '' };
  const system = readSystemText(r.text);
  return { kind: system.kind, sender: systemSender(system), body: r.text };
}

function spaceDraft(r: LineRecord, names: MemberNames, guesses: Map<string, { line: number; suggestion: string; more: number }>): Draft {
  const split = splitDesktopLine(r.text, names);
  if (split.kind === 'system') return { kind: split.system.kind, sender: systemSender(split.system), body: r.text };
  if (split.guessed) {
    const seen = guesses.get(split.sender);
    if (seen) seen.more++;
    else guesses.set(split.sender, { line: r.line, suggestion: memberSuggestion(r.text), more: 0 });
  }
  return { kind: kindOfSenderBody(split.body, true), sender: split.sender, body: split.body };
}
