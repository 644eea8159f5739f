/**
 * Desktop "Save chat" lines are `time␣sender␣text` with single spaces (docs/design/formats.md §1.2 D, §1.8 E8),
 * so a name with a space (`山田 太郎`) cannot be told from the text without knowing the names.
 * Names known for sure: `--member`, tab-separated senders, names inside system texts (unsend,
 * join, leave, kick), and senders of lines whose text is a placeholder or call record
 * (`山田 太郎 ☎ 通話時間 0:54`). A line is split at the longest known name; a line no known
 * name fits is split at its first space, with a warning when that is a guess (FORMAT.md "Desktop senders").
 */
import { type SystemText, readSystemText, senderBeforeFixedBody } from './catalog.js';

/** Known names, looked up by their first character; longest first, so the longest prefix wins. */
export class MemberNames {
  private readonly byFirst = new Map<string, string[]>();
  private readonly all = new Set<string>();
  private readonly loneWords = new Set<string>();

  add(name: string): void {
    if (name === '' || this.all.has(name)) return;
    this.all.add(name);
    const key = name[0]!;
    const list = this.byFirst.get(key) ?? [];
    list.push(name);
    list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.byFirst.set(key, list);
  }

  has(name: string): boolean {
    return this.all.has(name);
  }

  /** A sender seen on a line with one space (`learnLoneWord`). */
  addLoneWord(name: string): void {
    this.loneWords.add(name);
  }

  /** The first-space split at `name` is certain: it sends one-word lines, and no known name extends it. */
  certainAlone(name: string): boolean {
    if (!this.loneWords.has(name)) return false;
    return !(this.byFirst.get(name[0]!) ?? []).some((known) => known.length > name.length && known.startsWith(`${name} `));
  }

  /** The longest known name that `rest` starts with, followed by a space or the end. */
  longestPrefix(rest: string): string | null {
    for (const name of this.byFirst.get(rest[0] ?? '') ?? []) {
      if (rest.startsWith(name) && (rest.length === name.length || rest.charCodeAt(name.length) === 0x20)) return name;
    }
    return null;
  }
}

/** Learns the names a desktop line proves, before any line is split. */
export function learnNames(names: MemberNames, rest: string): void {
  const system = readSystemText(rest);
  if (system.known) for (const name of system.names) names.add(name);
  const sender = senderBeforeFixedBody(rest);
  if (sender !== null) names.add(sender);
  else if (!system.known) learnLoneWord(names, rest);
}

/**
 * `SUNNY 很簡陋` has one space, so its sender is `SUNNY` (a one-word body; an empty message from
 * `SUNNY 很簡陋` is the far rarer reading). Such a sender makes the first-space split of its
 * other lines (`SUNNY 嘿 哥`) certain too, unless a known name with a space starts with it.
 */
function learnLoneWord(names: MemberNames, rest: string): void {
  const space = rest.indexOf(' ');
  if (space > 0 && rest.indexOf(' ', space + 1) === -1 && space + 1 < rest.length) names.addLoneWord(rest.slice(0, space));
}

export type DesktopLine =
  | { readonly kind: 'message'; readonly sender: string; readonly body: string; readonly guessed: boolean }
  | { readonly kind: 'system'; readonly system: SystemText };

/** Splits the text after a desktop line's time into sender and body, or reads it as a system line. */
export function splitDesktopLine(rest: string, names: MemberNames): DesktopLine {
  const system = readSystemText(rest);
  const prefix = names.longestPrefix(rest);
  // A system text about a known name wins over a sender prefix: `山田 太郎が参加しました。` with a member `山田`.
  if (system.known && (prefix === null || system.names.some((n) => names.has(n)) || system.kind === 'call')) return { kind: 'system', system };
  if (prefix !== null) return { kind: 'message', sender: prefix, body: rest.slice(prefix.length + 1), guessed: false };
  const space = rest.indexOf(' ');
  if (space <= 0) return { kind: 'system', system };
  const body = rest.slice(space + 1);
  const sender = rest.slice(0, space);
  return { kind: 'message', sender, body, guessed: body.includes(' ') && !names.certainAlone(sender) };
}

/** What to suggest for `--member` when a split was a guess: the first two words, the usual 姓 名. */
export function memberSuggestion(rest: string): string {
  return rest.split(' ').slice(0, 2).join(' ');
}
