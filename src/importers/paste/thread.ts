/**
 * A pasted message thread (Chatwork web copy, CrowdWorks, Lancers) → messages. The grammar is in
 * layout.ts and timestamp.ts; this file places bodies, resolves dates and collects warnings.
 * Bodies are the lines between two headers, joined with `\n`, byte-exact, minus the blank lines at
 * their start and end (those separate blocks on the page) — FORMAT.md "Bodies".
 */
import type { Message, Warning } from '../../core/types.js';
import { wallClockToIso } from '../../core/time.js';
import { describeLayout, detectLayout, findHeaders, isBlank, separatorsAbove } from './layout.js';
import { senderName } from './names.js';
import { joined, msg, type Phrase } from '../../i18n/message.js';
import { type PastedDate, type PastedStamp, readDateLine, readTimeLine } from './timestamp.js';

export interface PastedThread {
  readonly messages: readonly Message[];
  readonly warnings: readonly Warning[];
  /** How the paste was read, in words, for the confirmation prompt (InferredSummary.layout). */
  readonly layout: string | Phrase;
}

export type PasteOutcome =
  | { readonly ok: true; readonly thread: PastedThread }
  | { readonly ok: false; readonly line: number | null; readonly problem: Phrase; readonly hint: Phrase };

class DateProblem {
  constructor(
    readonly index: number,
    readonly problem: Phrase,
  ) {}
}

/**
 * `lineNumbers[i]` is the number to show for `lines[i]` (1-based); it defaults to i + 1 and lets
 * text taken from saved HTML point at the HTML file's own lines.
 */
export function parsePastedThread(lines: readonly string[], tz: string, lineNumbers?: readonly number[]): PasteOutcome {
  const lineNo = (i: number): number => lineNumbers?.[i] ?? i + 1;
  const kind = detectLayout(lines);
  if (kind === null) {
    return { ok: false, line: null, problem: msg('paste.no-message'), hint: msg('paste.no-message.hint') };
  }
  const headers = findHeaders(lines, kind);
  const sortedSeparators = headers.flatMap((h, k) => separatorsAbove(lines, h, k === 0 ? 0 : (headers[k - 1]?.bodyStart ?? 0)));
  const separators = new Set(sortedSeparators);
  const firstLine = headers[0]?.line ?? 0;
  const warnings: Warning[] = [];
  for (let i = 0; i < firstLine; i += 1) {
    const line = lines[i] ?? '';
    if (!isBlank(line) && !separators.has(i)) {
      warnings.push({ line: lineNo(i), message: msg('paste.before-first', { text: clip(line) }) });
    }
  }
  const dates = new DateContext();
  const messages: Message[] = [];
  const removedRoles = new Set<string>();
  let nextSeparator = 0;
  /** Date lines take effect in line order, between the messages they sit between. */
  const seeSeparatorsBefore = (limit: number): void => {
    for (let j = sortedSeparators[nextSeparator]; j !== undefined && j < limit; j = sortedSeparators[++nextSeparator]) {
      dates.see(readDateLine(lines[j] ?? ''), j);
    }
  };
  try {
    seeSeparatorsBefore(firstLine);
    headers.forEach((h, k) => {
      const end = k + 1 < headers.length ? (headers[k + 1]?.line ?? lines.length) : lines.length;
      const bodyIndexes = bodyLineIndexes(lines, h.bodyStart, end, separators);
      for (const j of bodyIndexes) {
        if (readTimeLine(lines[j] ?? '') !== null) {
          warnings.push({ line: lineNo(j), message: msg('paste.stray-time', { text: clip(lines[j] ?? ''), line: lineNo(h.line) }) });
        }
      }
      if (h.stamp.edited) {
        warnings.push({ line: lineNo(h.stampLine), message: msg('paste.edited') });
      }
      const sender = senderName(h.shownName);
      if (sender.roleRemoved) removedRoles.add(h.shownName.trim());
      messages.push({
        kind: 'text',
        sender: sender.name,
        senderId: null,
        sentAt: dates.resolve(h.stamp, h.stampLine, tz),
        body: bodyIndexes.map((j) => lines[j] ?? '').join('\n'),
        externalId: null,
        editedAt: null,
      });
      seeSeparatorsBefore(end);
    });
    for (const w of dates.warnings) warnings.push({ line: lineNo(w.index), message: w.message });
  } catch (e) {
    if (!(e instanceof DateProblem)) throw e;
    return {
      ok: false,
      line: lineNo(e.index),
      problem: msg('paste.date-problem', { line: lineNo(e.index), problem: e.problem }),
      hint: msg('paste.date-problem.hint'),
    };
  }
  const notes: Phrase[] = [describeLayout(kind, lines[headers[0]?.stampLine ?? 0] ?? '')];
  if (separators.size > 0) notes.push(msg('paste.note.date-lines', { count: separators.size, example: clip(lines[sortedSeparators[0] ?? 0] ?? '') }));
  if (removedRoles.size > 0)
    notes.push(
      msg('paste.note.roles-removed', {
        names: joined(
          'text.comma-list',
          [...removedRoles].map((n) => `「${n}」`),
        ),
      }),
    );
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: true, thread: { messages, warnings, layout: joined('text.clauses', notes) } };
}

/** Body lines in [start, end), without date separators and without blank lines at either end. */
function bodyLineIndexes(lines: readonly string[], start: number, end: number, separators: ReadonlySet<number>): number[] {
  let last = end - 1;
  while (last >= start && (separators.has(last) || isBlank(lines[last] ?? ''))) last -= 1;
  let first = start;
  while (first <= last && isBlank(lines[first] ?? '')) first += 1;
  const out: number[] = [];
  for (let j = first; j <= last; j += 1) out.push(j);
  return out;
}

function clip(line: string): string {
  const t = line.trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/**
 * The day each message belongs to. Pages leave out the year (`3月1日 9:05`) or the whole date
 * (`10:12` under a date line); the nearest earlier full date supplies it, and a month/day earlier
 * than the previous one is read as the next year (a thread across New Year). No earlier date at
 * all is refused rather than guessed (FORMAT.md "Dates").
 */
class DateContext {
  private current: { year: number; month: number; day: number } | null = null;
  readonly warnings: { index: number; message: Phrase }[] = [];

  see(date: PastedDate | null, index: number): void {
    if (date !== null) this.current = this.complete(date, index);
  }

  resolve(stamp: PastedStamp, index: number, tz: string): string {
    if (stamp.date !== null) this.see(stamp.date, index);
    const day = this.current;
    if (day === null) throw new DateProblem(index, msg('paste.date.none'));
    const iso = wallClockToIso({ ...day, hour: stamp.hour, minute: stamp.minute, second: stamp.second ?? 0 }, tz);
    if (iso === null) throw new DateProblem(index, msg('paste.date.not-real', day));
    return iso;
  }

  private complete(date: PastedDate, index: number): { year: number; month: number; day: number } {
    if (date.year !== null) return { year: date.year, month: date.month, day: date.day };
    const before = this.current;
    if (before === null) throw new DateProblem(index, msg('paste.date.no-year', { month: date.month, day: date.day }));
    const earlier = date.month < before.month || (date.month === before.month && date.day < before.day);
    if (earlier)
      this.warnings.push({
        index,
        message: msg('paste.date.next-year', { month: date.month, day: date.day, beforeMonth: before.month, beforeDay: before.day, year: before.year + 1 }),
      });
    return { year: earlier ? before.year + 1 : before.year, month: date.month, day: date.day };
  }
}
