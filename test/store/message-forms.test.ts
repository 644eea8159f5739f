/**
 * A message row keeps the message's fields, not its canonical JSON (src/store/message-forms.ts);
 * the JSON every reader and `verify` hash is re-made from them. Through a real SQLite table, for
 * arbitrary messages: the form re-made is the canonical form byte for byte, whichever way the row
 * was stored, and the usual messages are stored compact.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalMessage } from '../../src/core/canonical.js';
import type { Message } from '../../src/core/types.js';
import { FORM_COLUMNS, FORM_WIDTH, formText, messageOfRow, packTime, pushForm, unpackTime, type FormValue } from '../../src/store/message-forms.js';

const db = new Database(':memory:');
db.exec(`CREATE TABLE messages (hash BLOB PRIMARY KEY NOT NULL, ${FORM_COLUMNS.replaceAll(',', ' BLOB,')} BLOB)`);
afterAll(() => db.close());
const put = db.prepare(
  `INSERT INTO messages (hash, ${FORM_COLUMNS}) VALUES (${Array(1 + FORM_WIDTH)
    .fill('?')
    .join(', ')})`,
);
const get = db.prepare(`SELECT ${FORM_COLUMNS} FROM messages WHERE hash = ?`).raw();

/** The row `m` is stored as, read back from SQLite. */
function throughSqlite(m: Message, json: string): unknown[] {
  const values: FormValue[] = [];
  pushForm(m, json, values);
  db.exec('DELETE FROM messages');
  put.run(Buffer.alloc(32), ...values);
  return get.get(Buffer.alloc(32)) as unknown[];
}

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '0', '12', '1.5', 'null', '\u0000x'),
);
const d2 = (lo: number, hi: number): fc.Arbitrary<string> => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));
/** ISO-like times: valid and invalid dates, every offset form, fractions, lower-case z, years outside 1000–9999. */
const iso = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')),
    d2(0, 13),
    d2(0, 32),
    d2(0, 24),
    d2(0, 60),
    d2(0, 60),
    fc.oneof(
      fc.constant('Z'),
      fc.constant('z'),
      fc.constant(''),
      fc.tuple(fc.constantFrom('+', '-'), d2(0, 99), d2(0, 99)).map(([s, h, m]) => `${s}${h}:${m}`),
    ),
    fc.constantFrom('', '.000', '.5'),
  )
  .map(([y, mo, d, h, mi, s, zone, frac]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`);
const time = fc.oneof(iso, text);
const kind = fc.oneof(fc.constantFrom('text', 'media', 'call', 'system', 'unsent'), text);
const nullable = fc.option(text, { nil: null });
const message = fc.record({
  kind,
  sender: nullable,
  senderId: nullable,
  sentAt: time,
  body: text,
  externalId: nullable,
  editedAt: fc.option(time, { nil: null }),
}) as fc.Arbitrary<Message>;

/** The canonical form of `m`, or null where there is none (a lone surrogate: the message cannot be stored at all). */
function formOf(m: Message): string | null {
  try {
    return canonicalMessage(m);
  } catch {
    return null;
  }
}

describe('message rows as fields', () => {
  it('re-make the canonical form byte for byte, and the message, for any message', () => {
    fc.assert(
      fc.property(message, (m) => {
        const json = formOf(m);
        if (json === null) return;
        const row = throughSqlite(m, json);
        expect(formText(row, 0)).toBe(json);
        expect(canonicalMessage(messageOfRow(row, 0))).toBe(json);
      }),
      { numRuns: 2000 },
    );
  });

  it('keep a form verbatim when the fields would not give it back (a field that is not text)', () => {
    const odd = {
      kind: 'text',
      sender: null,
      senderId: null,
      sentAt: '2024-03-01T09:00:00+09:00',
      body: 'x',
      externalId: 7,
      editedAt: null,
    } as unknown as Message;
    const json = canonicalMessage(odd);
    const row = throughSqlite(odd, json);
    expect(row.slice(0, 7)).toEqual([null, null, null, null, null, null, null]);
    expect(Buffer.isBuffer(row[7]) && row[7].toString('utf8')).toBe(json);
    expect(formText(row, 0)).toBe(json);
  });

  it('store the usual messages compact: kind and times as integers, no JSON', () => {
    const m: Message = {
      kind: 'unsent',
      sender: '佐藤',
      senderId: '42',
      sentAt: '2024-03-01T09:05:00+09:00',
      body: '本文',
      externalId: '1',
      editedAt: '2024-03-01T00:05:07Z',
    };
    const row = throughSqlite(m, canonicalMessage(m));
    expect(row.map((v) => (v === null ? 'null' : typeof v))).toEqual(['number', 'string', 'string', 'number', 'string', 'string', 'number', 'null']);
  });

  it('pack any ISO time with seconds and an offset or Z to an integer that gives it back', () => {
    const valid = fc
      .tuple(
        fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -1439, max: 1439 }),
        fc.boolean(),
      )
      .map(([d, offset, z]) => {
        if (z) return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
        const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19);
        const abs = Math.abs(offset);
        return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      });
    fc.assert(
      fc.property(valid, (t) => {
        const packed = packTime(t);
        expect(typeof packed).toBe('bigint');
        expect(unpackTime(Number(packed))).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });
});
