/**
 * fast-check arbitraries for conversations, for every importer's round-trip tests: a renderer
 * writes a conversation in a source's format, the importer reads it back, the messages must match.
 * Names and bodies lean on what breaks parsers (docs/design/formats.md §1.8 E2, E4, E10; §5): spaces inside
 * names, emoji, full-width characters, が, bodies with blank lines, lines that look like dates or
 * messages, leading/trailing ASCII and U+3000 spaces, and double quotes.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { WallClock } from '../../src/core/time.js';

export interface ConversationMessage {
  /** `unsent`: the sender withdrew a message; the body is what the source writes for it, so renderers supply it. */
  readonly kind: 'text' | 'unsent';
  readonly sender: string;
  /** Lines joined with `\n`; never contains `\r`. */
  readonly body: string;
  /** Wall-clock minute (no zone); non-decreasing through the conversation. */
  readonly at: WallClock;
}

export interface Conversation {
  readonly title: string;
  /** Distinct, none is another followed by a space and more (so a member list can split `name text`). */
  readonly members: readonly string[];
  readonly messages: readonly ConversationMessage[];
}

const NAME_PARTS = ['山田', '太郎', '佐藤', '花子', 'が', 'Alice', 'Bob', 'ｱﾘｽ', 'Ａ', '😀', '🍣', '@dev', '(youtube)', 'ー', 'ゆう'];

/** A display name: one to three parts, sometimes with a space between them (E4). */
export const senderNameArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...NAME_PARTS), fc.constantFrom('', '', ' ')), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([p, sep], i) => (i === 0 ? p : sep + p)).join(''));

const TITLES = ['制作チーム', 'Website Renewal', '佐藤花子', 'ロゴ案件 2024', 'Team 🍣'];
export const roomTitleArb: fc.Arbitrary<string> = fc.constantFrom(...TITLES);

/** Pieces of body lines, including the ones parsers mistake for structure. */
const BODY_TOKENS = [
  'お疲れさまです',
  '見積書',
  'ok',
  'Hello',
  'thanks!',
  '😀',
  'Ａ',
  '。',
  ' ',
  '  ',
  '\u3000',
  '"',
  '""',
  'a"b',
  '\t',
  '2024/01/05(金)',
  'Tue, 1/6/2026',
  '2021.01.01 金曜日',
  '12:34\tX\tY',
  '09:00 山田 太郎 hi',
  '[写真]はまだです',
];

/** One line of a body: tokens side by side, possibly empty, possibly only spaces. */
export const bodyLineArb: fc.Arbitrary<string> = fc.array(fc.constantFrom(...BODY_TOKENS), { maxLength: 4 }).map((t) => t.join(''));

/** A body of two to five lines; blank lines and structure-looking lines inside (E2). */
export const multiLineBodyArb: fc.Arbitrary<string> = fc.array(fc.oneof(bodyLineArb, fc.constant('')), { minLength: 2, maxLength: 5 }).map((l) => l.join('\n'));

export const bodyArb: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: bodyLineArb }, { weight: 1, arbitrary: multiLineBodyArb });

export interface ConversationOptions {
  readonly minMessages?: number;
  readonly maxMessages?: number;
  /** Bodies to draw from (default `bodyArb`); filter it for a format's unrepresentable bodies. */
  readonly body?: fc.Arbitrary<string>;
  readonly sender?: fc.Arbitrary<string>;
  /** Include `unsent` events (default false). */
  readonly withUnsent?: boolean;
  /** Largest gap between messages in minutes (default three days). */
  readonly maxGapMinutes?: number;
}

/** Members none of which is another plus a space and more: `山田` and `山田 太郎` would be ambiguous in `山田 太郎 text`. */
function separable(names: readonly string[]): boolean {
  return names.every((a) => names.every((b) => a === b || !b.startsWith(`${a} `)));
}

export function conversationArb(o: ConversationOptions = {}): fc.Arbitrary<Conversation> {
  const sender = o.sender ?? senderNameArb;
  const members = fc.uniqueArray(sender, { minLength: 2, maxLength: 4 }).filter(separable);
  const event = fc.record({
    who: fc.nat(),
    // About one event in ten is an unsend, when asked for.
    unsent: o.withUnsent ? fc.integer({ min: 0, max: 9 }).map((n) => n === 0) : fc.constant(false),
    body: o.body ?? bodyArb,
    // Mostly minutes apart (several messages a day, same-minute ones too), sometimes days.
    gap: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 90 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: o.maxGapMinutes ?? 3 * 24 * 60 }) },
    ),
  });
  return fc
    .record({
      title: roomTitleArb,
      members,
      start: fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
      events: fc.array(event, { minLength: o.minMessages ?? 1, maxLength: o.maxMessages ?? 12 }),
    })
    .map(({ title, members: names, start, events }) => {
      // Wall-clock arithmetic in UTC: calendar minutes, no zone rules involved.
      let at = DateTime.fromJSDate(start, { zone: 'UTC' }).startOf('minute');
      const messages = events.map((e): ConversationMessage => {
        at = at.plus({ minutes: e.gap });
        const wall: WallClock = { year: at.year, month: at.month, day: at.day, hour: at.hour, minute: at.minute };
        return { kind: e.unsent ? 'unsent' : 'text', sender: names[e.who % names.length]!, body: e.unsent ? '' : e.body, at: wall };
      });
      return { title, members: names, messages };
    });
}
