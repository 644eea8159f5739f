/**
 * Property: a generated conversation, written in any LINE variant (test/support/line-render.ts),
 * reads back as the same messages — senders, times in the zone, bodies byte for byte. Bodies are
 * drawn from what breaks parsers (blank lines, date- and message-looking lines, quotes, spaces).
 * Excluded, because the format itself cannot tell them apart (FORMAT.md "Ambiguities"): a one-line
 * mobile body that starts with `"`; in desktop files, a body line that looks like a record or a
 * body that ends in a blank line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClockToIso } from '../../../src/core/time.js';
import { decodeInput } from '../../../src/importers/decode.js';
import { lineImporter } from '../../../src/importers/line/index.js';
import { type Conversation, bodyArb, conversationArb } from '../../support/arbitraries.js';
import { LINE_VARIANTS, type LineVariant, isDesktop, renderLine, unsendText } from '../../support/line-render.js';

const ZONES = ['Asia/Tokyo', 'America/New_York', 'Europe/London'];

/** Bodies each layout can carry unambiguously (see the header comment). */
function representable(variant: LineVariant): (body: string) => boolean {
  if (!isDesktop(variant)) return (body) => body.includes('\n') || !body.startsWith('"');
  return (body) => {
    const [, ...more] = body.split('\n');
    if (more.length > 0 && more[more.length - 1] === '') return false;
    // Record-shaped: a clock, a desktop date line, or a message line with its date in front (the Q? form).
    return more.every(
      (l) => !/^(?:午前|午後|上午|下午)?\d{1,2}:\d{2}/.test(l) && !/^\d{4}\.\d{1,2}\.\d{1,2} /.test(l) && !/^\d{4}\/\d{1,2}\/\d{1,2}[(（].[)）] /.test(l),
    );
  };
}

function expected(c: Conversation, variant: LineVariant, tz: string): unknown[] {
  return c.messages.map((m) => ({
    kind: m.kind,
    sender: m.sender,
    sentAt: wallClockToIso(m.at, tz),
    body: m.kind === 'unsent' ? unsendText(variant, m.sender) : m.body,
  }));
}

function dayFirstResolvable(c: Conversation): boolean {
  return c.messages.some((m) => m.at.day > 12);
}

describe('LINE: every variant reads back what was written', () => {
  for (const variant of LINE_VARIANTS) {
    it(variant, () => {
      const arb = fc.record({
        conversation: conversationArb({ body: bodyArb.filter(representable(variant)), withUnsent: true }),
        eol: fc.constantFrom('\n' as const, '\r\n' as const),
        lfInsideQuotes: fc.boolean(),
        header: fc.boolean(),
        tz: fc.constantFrom(...ZONES),
      });
      fc.assert(
        fc.property(arb, ({ conversation, eol, lfInsideQuotes, header, tz }) => {
          if (variant === 'en-new-day-first') fc.pre(dayFirstResolvable(conversation));
          const text = renderLine(conversation, { variant, eol, lfInsideQuotes: eol === '\r\n' && lfInsideQuotes, header });
          const input = decodeInput(new TextEncoder().encode(text), 'chat.txt');
          const outcome = lineImporter.parse(input, { tz, members: isDesktop(variant) ? conversation.members : [], roomTitle: null });
          if (!outcome.ok) throw new Error(`${outcome.error.message}\n---\n${text}`);
          const got = outcome.result.messages.map(({ kind, sender, sentAt, body }) => ({ kind, sender, sentAt, body }));
          expect(got, text).toEqual(expected(conversation, variant, tz));
          expect(outcome.result.truncated).toBeNull();
          const withHeader = header && !isDesktop(variant);
          expect(outcome.result.room.title).toBe(withHeader ? conversation.title : null);
          expect(outcome.result.coverage).toBe(withHeader ? 'full' : 'window');
          expect(outcome.result.warnings.some((w) => typeof w.message !== 'string' && w.message.key === 'line.warn.name-guess')).toBe(false);
        }),
        { numRuns: Number(process.env['RUNS'] ?? 150) },
      );
    });
  }
});
