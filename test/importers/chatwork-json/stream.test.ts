/**
 * The Chatwork JSON importer's streamed parse (docs/performance.md): the list is read once to
 * check every message and gather the warnings, and each message is made again from its bytes as
 * it is stored, so a 200k list never holds its messages at once. It must be exactly the whole parse.
 */
import { describe, expect, it } from 'vitest';
import type { Message, Warning } from '../../../src/core/types.js';
import { render } from '../../../src/i18n/message.js';
import { chatworkJsonImporter } from '../../../src/importers/chatwork-json/index.js';
import { decodeInput } from '../../../src/importers/decode.js';
import { streamedParse, type StreamedParse } from '../../../src/importers/importer.js';
import { DEFAULT_OPTIONS } from '../../support/conformance.js';

/** One pass over the stream: its messages and the warnings found while making them. */
function pass(result: StreamedParse): { messages: Message[]; making: Warning[] } {
  const making: Warning[] = [];
  return { messages: [...result.messages.each(making)], making };
}

describe('the Chatwork list streamed (read once to check, each message made again as it is stored)', () => {
  const item = (id: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    message_id: String(1_000_000_000_000_000_000n + BigInt(id)),
    account: { account_id: 7, name: '山田', avatar_image_url: '' },
    body: `見積もり${id}です\r\n2行目`,
    send_time: 1_700_000_000 + id,
    update_time: id % 3 === 0 ? 1_700_000_500 + id : 0,
    ...extra,
  });

  it('gives every message of the whole parse, in order, each pass alike; warnings before any pass', () => {
    // A duplicate id and a missing update_time: warnings found by the checking read.
    const list = [...Array.from({ length: 50 }, (_, i) => item(i)), item(7), (({ update_time: _u, ...rest }) => rest)(item(60))];
    const input = decodeInput(new TextEncoder().encode(JSON.stringify(list, null, 1)), 'room-1.json');
    const whole = chatworkJsonImporter.parse(input, DEFAULT_OPTIONS);
    const streamed = streamedParse(chatworkJsonImporter, input, DEFAULT_OPTIONS);
    if (!whole.ok || !streamed.ok) throw new Error('the list should parse');
    expect(whole.result.messages).toHaveLength(52);
    expect(whole.result.warnings.length).toBeGreaterThanOrEqual(2);
    expect(streamed.result.warningsWith([])).toEqual(whole.result.warnings);
    const first = pass(streamed.result);
    expect(first.messages).toEqual(whole.result.messages);
    expect(first.making).toEqual([]);
    expect(pass(streamed.result).messages).toEqual(first.messages);
  });

  it('refuses a bad message anywhere before any message is stored, and a syntax error after it still wins', () => {
    const bad = [item(1), item(2, { send_time: 'soon' }), item(3)];
    const refused = chatworkJsonImporter.stream!(decodeInput(new TextEncoder().encode(JSON.stringify(bad)), null), DEFAULT_OPTIONS);
    expect(refused.ok).toBe(false);
    const broken = new TextEncoder().encode(`${JSON.stringify(bad).slice(0, -1)},}]`);
    const outcome = chatworkJsonImporter.stream!(decodeInput(broken, null), DEFAULT_OPTIONS);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(render('en', outcome.error.text)).toMatch(/JSON/);
  });
});
