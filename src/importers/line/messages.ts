/**
 * Records → messages of docs/design/cli-contract.md ("A message"): kinds from the catalog (catalog.ts),
 * senders split on desktop lines (desktop.ts), times resolved (clock.ts) and written in the zone
 * (local-time.ts). Bodies are the text as read: never trimmed (E10), line breaks as `\n`.
 */
import type { Message, MessageKind, Warning } from '../../core/types.js';
import { msg } from '../../i18n/message.js';
import { kindOfSenderBody, readSystemText, systemSender } from './catalog.js';
import { resolveDayTimes } from './clock.js';
import { nextDay } from './dates.js';
import { MemberNames, learnNames, memberSuggestion, splitDesktopLine } from './desktop.js';
import { LocalTimes } from './local-time.js';
import type { LineRecord, RecordTable } from './record-table.js';

interface Draft {
  readonly kind: MessageKind;
  readonly sender: string | null;
  readonly body: string;
}

/**
 * Records → messages, one at a time: what needs every record (the day's times, the senders of tab
 * lines, the names on desktop lines) is worked out once, and each pass of `each` makes the
 * messages again, so that an import stores them as they are made instead of holding them all
 * (docs/performance.md). The records stay, as numbers (record-table.ts); a record becomes an object again
 * only while its message is made.
 */
export class MessageBuilder {
  private readonly times: LocalTimes;
  private readonly resolved: ReturnType<typeof resolveDayTimes>;
  private readonly tabSenders = new Set<string>();
  private readonly names: MemberNames | null;

  constructor(
    private readonly records: RecordTable,
    private readonly tz: string,
    members: readonly string[],
  ) {
    this.times = new LocalTimes(tz);
    this.resolved = resolveDayTimes(records);
    for (const s of records.senderFields()) if (s) this.tabSenders.add(s);
    this.names = hasSpaceForm(records) ? desktopNames(records, this.tabSenders, members) : null;
  }

  /** At most this many messages: one a record. */
  get max(): number {
    return this.records.length;
  }

  /** The messages in order; the warnings of making them (in record order, then guessed names) go to `warnings`. */
  *each(warnings: Warning[]): Generator<Message, void, undefined> {
    const { records, resolved, times, tz } = this;
    const guesses = new Map<string, { line: number; suggestion: string; more: number }>();
    for (let i = 0; i < records.length; i++) {
      const r = records.at(i);
      const time = resolved[i]!;
      if (time.note !== null) warnings.push({ line: r.line, message: time.note });
      const day = time.minutes >= 24 * 60 ? nextDay(r.day) : r.day;
      const sentAt = times.iso(day, time.minutes % (24 * 60));
      if (sentAt === null) {
        warnings.push({ line: r.line, message: msg('line.warn.no-such-time', { tz }) });
        continue;
      }
      const draft = r.form === 'tab' ? tabDraft(r, this.tabSenders) : spaceDraft(r, this.names!, guesses);
      const body = r.continuation === null ? draft.body : `${draft.body}\n${r.continuation}`;
      yield { kind: draft.kind, sender: draft.sender, senderId: null, sentAt, body, externalId: null, editedAt: null };
    }
    for (const [sender, g] of guesses) {
      warnings.push({ line: g.line, message: msg('line.warn.name-guess', { sender, more: g.more, suggestion: g.suggestion }) });
    }
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

function hasSpaceForm(records: RecordTable): boolean {
  for (let i = 0; i < records.length; i++) if (records.form(i) === 'space') return true;
  return false;
}

function desktopNames(records: RecordTable, tabSenders: ReadonlySet<string>, members: readonly string[]): MemberNames {
  const names = new MemberNames();
  for (const m of members) names.add(m);
  for (const s of tabSenders) names.add(s);
  for (let i = 0; i < records.length; i++) if (records.form(i) === 'space') learnNames(names, records.text(i));
  return names;
}
