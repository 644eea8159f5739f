/**
 * The hot-path fixes the benchmark led to (docs/performance.md) must not change a single output:
 * each fast path is checked against the straightforward form it replaced. No timing here — that
 * belongs to `npm run bench`.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { changesForCapture } from '../../src/app/changes.js';
import { FORMAT_NAMES } from '../../src/cli/commands/import.js';
import { canonicalMessage, canonicalMessageGeneric } from '../../src/core/canonical.js';
import { taggedHashHex } from '../../src/core/hash.js';
import { epochToIso, isoBefore, utcIso, wallClockToIso, type WallClock } from '../../src/core/time.js';
import { MerkleBuilder, merkleRootHex } from '../../src/core/merkle.js';
import { withHash, type Message, type MessageKind } from '../../src/core/types.js';
import { importers } from '../../src/importers/registry.js';
import { Archive } from '../../src/store/archive.js';
import { FORM_COLUMNS, formText } from '../../src/store/message-forms.js';
import { MessageEncoder, RowWriter } from '../../src/store/message-rows.js';
import { tempArchive } from '../support/temp.js';

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('見積書を送りました', '"quoted"\\', '\u2028\u2029', '🍀🍀', '\\ud800 is not a surrogate', 'C:\\udemy'),
);
const nullable = fc.option(text, { nil: null });
const kind = fc.constantFrom<MessageKind>('text', 'media', 'call', 'system', 'unsent');
/** Times as importers write them (kept as packed integers, src/store/message-forms.ts), and any text. */
const isoTime = fc
  .tuple(
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: -720, max: 840 }),
    fc.boolean(),
  )
  .map(([d, offset, z]) => {
    if (z) return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const abs = Math.abs(offset);
    const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return `${new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19)}${zone}`;
  });
const time = fc.oneof({ weight: 3, arbitrary: isoTime }, { weight: 1, arbitrary: text });
const message: fc.Arbitrary<Message> = fc.record({
  kind,
  sender: nullable,
  senderId: nullable,
  sentAt: time,
  body: text,
  externalId: nullable,
  editedAt: fc.option(time, { nil: null }),
});

/** The result of `f`, or the fact that it threw. */
function outcome(f: () => string): string {
  try {
    return f();
  } catch {
    return '(throws)';
  }
}

describe('canonical message fast path', () => {
  it('gives the generic RFC 8785 form byte for byte, and throws where it throws', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(outcome(() => canonicalMessage(m))).toBe(outcome(() => canonicalMessageGeneric(m)));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a lone surrogate like the generic form', () => {
    const m: Message = { kind: 'text', sender: 'a', senderId: null, sentAt: '2024-03-01T09:05:00+09:00', body: 'x\ud800y', externalId: null, editedAt: null };
    expect(() => canonicalMessage(m)).toThrow();
    expect(() => canonicalMessage({ ...m, body: '🍀' })).not.toThrow();
  });

  it('keeps a backslash before "ud" (the fast path\'s fallback signal) as text', () => {
    const m: Message = {
      kind: 'text',
      sender: 'a',
      senderId: null,
      sentAt: '2024-03-01T09:05:00+09:00',
      body: 'C:\\udemy \\ud83d',
      externalId: null,
      editedAt: null,
    };
    expect(canonicalMessage(m)).toBe(canonicalMessageGeneric(m));
    expect(canonicalMessage(m)).toContain('"body":"C:\\\\udemy \\\\ud83d"');
  });
});

describe('tagged hash in one shot', () => {
  it('equals hashing the head and the UTF-8 body in two updates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (content) => {
        const body = Buffer.from(content, 'utf8');
        const reference = createHash('sha256').update(`chatproof/message/1 ${body.length}\0`).update(body).digest('hex');
        expect(taggedHashHex('chatproof/message/1', content)).toBe(reference);
      }),
    );
  });
});

describe('Merkle builder over a stored hash list', () => {
  it('pushList(list) builds the same root as pushing each 32-byte leaf, and as the RFC definition', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 70 }), (leaves) => {
        const list = new MerkleBuilder();
        list.pushList(Buffer.concat(leaves));
        expect(list.rootHex()).toBe(merkleRootHex(leaves));
        expect(list.rootHex()).toBe(mth(leaves).toString('hex'));
        expect(list.size).toBe(leaves.length);
        const binary = new MerkleBuilder();
        for (const l of leaves) binary.pushBinary(Buffer.from(l).toString('latin1'));
        expect(binary.rootHex()).toBe(list.rootHex());
      }),
    );
  });

  it('refuses a binary leaf that is not 32 bytes', () => {
    expect(() => new MerkleBuilder().pushBinary('abc')).toThrow(TypeError);
    expect(() => new MerkleBuilder().pushBinary('x'.repeat(33))).toThrow(TypeError);
  });
});

/** RFC 6962 §2.1 MTH, written as the RFC states it. */
function mth(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1)
    return createHash('sha256')
      .update(Buffer.from([0]))
      .update(leaves[0]!)
      .digest();
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(mth(leaves.slice(0, k)))
    .update(mth(leaves.slice(k)))
    .digest();
}

describe('message rows encoded once', () => {
  it('hash the UTF-8 canonical form and store fields it is re-made from exactly, across statements, batches and oversize rows', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE messages (hash BLOB PRIMARY KEY NOT NULL, ${FORM_COLUMNS.replaceAll(',', ' BLOB,')} BLOB)`);
    // Past the encoder's 512 KiB batch: a row bigger than a whole batch gets one of its own.
    const big = fc
      .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.integer({ min: 20_000, max: 300_000 }))
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)));
    // Rows written compact (times packed, no JSON): the encoder's usual path, not only its fallbacks.
    let packed = 0;
    const row = fc.oneof({ weight: 30, arbitrary: message }, { weight: 1, arbitrary: fc.tuple(message, big).map(([m, body]) => ({ ...m, body })) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 300 }), (drawn) => {
        const messages = drawn.filter((m) => outcome(() => canonicalMessage(m)) !== '(throws)');
        db.exec('DELETE FROM messages');
        const writer = new RowWriter(db, messages.length);
        let batches = 0;
        const encoder = new MessageEncoder({ coverageKind: 'window' }, (b) => {
          batches++;
          writer.write(b);
        });
        for (const m of messages) encoder.add(m);
        const written = writer.finish(encoder.finish());
        expect(written.messageCount).toBe(messages.length);
        expect(written.hashList!.length).toBe(32 * messages.length);
        messages.forEach((m, i) => {
          const form = canonicalMessage(m);
          const hash = written.hashList!.subarray(32 * i, 32 * i + 32);
          expect(hash.toString('hex')).toBe(taggedHashHex('chatproof/message/1', form));
          const stored = db.prepare(`SELECT ${FORM_COLUMNS} FROM messages WHERE hash = ?`).raw().get(hash) as unknown[];
          expect(formText(stored, 0)).toBe(form);
        });
        expect(written.merkleRoot).toBe(mth(messages.map((_, i) => written.hashList!.subarray(32 * i, 32 * i + 32))).toString('hex'));
        expect(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(new Set(messages.map((m) => canonicalMessage(m))).size);
        packed += db.prepare("SELECT COUNT(*) FROM messages WHERE typeof(sent_at) = 'integer' AND canonical_json IS NULL").pluck().get() as number;
        if (messages.length === 0) expect(batches).toBe(0);
      }),
      { numRuns: 40 },
    );
    // Draws vary: 40 runs packed 83–130 rows when counted, so 20 leaves no room for chance and
    // still fails when no row takes the packed path.
    expect(packed).toBeGreaterThan(20);
    db.close();
  });
});

describe('import without loading the parsers at start-up', () => {
  it('lists the registry formats, in the registry order', () => {
    expect(FORMAT_NAMES).toEqual(importers.map((i) => i.format));
  });
});

describe('changes of a capture from the messages in memory', () => {
  let tmp = tempArchive();
  afterEach(() => {
    tmp.cleanup();
    tmp = tempArchive();
  });

  const msg = (minute: number, body: string, kind: MessageKind = 'text'): Message => ({
    kind,
    sender: '佐藤花子',
    senderId: null,
    sentAt: `2024-03-01T09:${String(minute).padStart(2, '0')}:00+09:00`,
    body,
    externalId: null,
    editedAt: null,
  });

  it('counts the same changes as reading the capture back', () => {
    const a = Archive.open(tmp.db);
    try {
      const first = [msg(1, 'おはようございます'), msg(2, '見積書です'), msg(3, '確認します'), msg(4, '了解')];
      const later = [
        msg(1, 'おはようございます'),
        msg(2, '見積書です（修正）'),
        msg(3, '佐藤花子がメッセージの送信を取り消しました', 'unsent'),
        msg(5, '追加です'),
      ];
      const base = {
        raw: Buffer.from('x'),
        format: 'line',
        variant: 'line/test',
        parserVersion: 'line@test',
        tz: 'Asia/Tokyo',
        coverageKind: 'full' as const,
        meta: {},
      };
      const r1 = a.recordCapture({ ...base, room: { source: 'line', externalId: null, title: 'テスト' }, messages: first });
      const fresh = changesForCapture(a, r1.room.id, r1.capture.id);
      // A new room's capture writes its state with it and hands back no list: nothing to compare it with.
      expect(r1.messageHashes).toBeNull();
      expect(fresh).toEqual({ added: 4, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 });
      const r2 = a.recordCapture({ ...base, raw: Buffer.from('y'), room: { id: r1.room.id }, messages: later });
      const readBack = changesForCapture(a, r1.room.id, r2.capture.id);
      expect(changesForCapture(a, r1.room.id, r2.capture.id, { messages: later, hashes: r2.messageHashes! })).toEqual(readBack);
      expect(readBack.added + readBack.edited + readBack.unsent + readBack.unchanged).toBe(later.length);
    } finally {
      a.close();
    }
  });
});

describe('a message with its hash, as one literal', () => {
  it('is the spread copy, field for field, and nothing more', () => {
    fc.assert(
      fc.property(message, fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), (m, hash) => {
        const copy = withHash(m, hash);
        expect(copy).toStrictEqual({ ...m, hash });
        expect(Object.keys(copy)).toEqual([...Object.keys(m), 'hash']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('instants compared as text where written alike', () => {
  const zones = ['Asia/Tokyo', 'UTC', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham'];
  const iso = fc
    .record({ ms: fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), zone: fc.constantFrom(...zones), millis: fc.boolean() })
    .map(({ ms, zone, millis }) =>
      DateTime.fromMillis(millis ? ms : ms - (ms % 1000), { zone }).toISO({ suppressMilliseconds: !millis, includeOffset: true })!,
    );
  const utc = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => utcIso(new Date(ms)));

  it('orders as Date.parse does, in one zone, across zones and offsets, with and without milliseconds', () => {
    const near = iso.chain((a) =>
      fc
        .integer({ min: -90_000_000, max: 90_000_000 })
        .map((d) => [a, DateTime.fromISO(a, { setZone: true }).plus({ milliseconds: d }).toISO({ includeOffset: true })!] as const),
    );
    fc.assert(
      fc.property(fc.oneof(fc.tuple(iso, iso), fc.tuple(utc, utc), fc.tuple(iso, utc), near), ([a, b]) => {
        expect(isoBefore(a, b)).toBe(Date.parse(a) < Date.parse(b));
        expect(isoBefore(b, a)).toBe(Date.parse(b) < Date.parse(a));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('epoch seconds to ISO by the hour', () => {
  const zones = [
    'Asia/Tokyo',
    'UTC',
    'Etc/UTC',
    'Europe/London',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Pacific/Apia',
    'Africa/Casablanca',
    'Pacific/Chatham',
  ];
  const reference = (s: number, zone: string): string => DateTime.fromSeconds(s, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;

  it('writes what luxon writes, across DST changes and odd offsets', () => {
    // From before standard time (local mean time offsets) to past 2100, near and far from changes.
    const seconds = fc.oneof(fc.integer({ min: -2_500_000_000, max: 4_200_000_000 }), fc.integer({ min: 1_300_000_000, max: 1_330_000_000 }));
    fc.assert(
      fc.property(seconds, fc.constantFrom(...zones), (s, zone) => {
        expect(epochToIso(s, zone)).toBe(reference(s, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('is exact in every minute around a DST change', () => {
    // America/New_York, 2024-03-10 07:00 UTC (02:00 → 03:00 local) and 2024-11-03 06:00 UTC.
    for (const change of [1_710_054_000, 1_730_613_600]) {
      for (let s = change - 7200; s <= change + 7200; s += 60) expect(epochToIso(s, 'America/New_York')).toBe(reference(s, 'America/New_York'));
    }
  });
});

describe('Asia/Tokyo without luxon', () => {
  const luxonWallClock = (t: WallClock, zone: string): string | null => {
    const dt = DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second ?? 0 }, { zone });
    return dt.isValid ? dt.toISO({ suppressMilliseconds: true, includeOffset: true }) : null;
  };
  // Impossible fields (month 13, February 30, hour 24) and fractions included: they must go to luxon's answer.
  const wallClock: fc.Arbitrary<WallClock> = fc.record(
    {
      year: fc.oneof(fc.integer({ min: 1940, max: 2100 }), fc.integer({ min: 1, max: 10_001 })),
      month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: -1, max: 14 })),
      day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 })),
      hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: -1, max: 25 })),
      minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: -1, max: 61 }), fc.double({ min: 0, max: 59, noNaN: true })),
      second: fc.option(fc.integer({ min: -1, max: 61 }), { nil: undefined }),
    },
    { requiredKeys: ['year', 'month', 'day', 'hour', 'minute'] },
  );

  it('reads a wall-clock time as luxon does, summer-time years and impossible dates included', () => {
    fc.assert(
      fc.property(wallClock, (t) => {
        expect(wallClockToIso(t, 'Asia/Tokyo')).toBe(luxonWallClock(t, 'Asia/Tokyo'));
      }),
      { numRuns: 5000 },
    );
  });

  it('is exact on every day of 1951–1953 (the last summer time, then none)', () => {
    for (let day = Date.UTC(1951, 0, 1); day < Date.UTC(1954, 0, 1); day += 86_400_000) {
      const d = new Date(day);
      for (const [hour, minute] of [
        [0, 0],
        [1, 30],
        [12, 0],
        [23, 59],
      ] as const) {
        const t = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute };
        expect(wallClockToIso(t, 'Asia/Tokyo')).toBe(luxonWallClock(t, 'Asia/Tokyo'));
      }
    }
  });

  it('writes epoch seconds as luxon does, on both sides of 1952', () => {
    const around1952 = fc.integer({ min: -700_000_000, max: -500_000_000 });
    fc.assert(
      fc.property(fc.oneof(around1952, fc.integer({ min: -2_500_000_000, max: 253_402_300_799 })), (s) => {
        expect(epochToIso(s, 'Asia/Tokyo')).toBe(DateTime.fromSeconds(s, { zone: 'Asia/Tokyo' }).toISO({ suppressMilliseconds: true, includeOffset: true }));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes now in UTC as luxon does, with and without milliseconds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 4_102_444_800_000 }),
          fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => s * 1000),
        ),
        (ms) => {
          expect(utcIso(new Date(ms))).toBe(DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true }));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
