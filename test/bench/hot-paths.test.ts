/**
 * The hot-path fixes the benchmark led to (docs/performance.md) must not change a single output:
 * each fast path is checked against the straightforward form it replaced. No timing here — that
 * belongs to `npm run bench`.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { changesForCapture } from '../../src/cli/changes.js';
import { FORMAT_NAMES } from '../../src/cli/commands/import.js';
import { canonicalMessage, canonicalMessageGeneric } from '../../src/core/canonical.js';
import { taggedHashHex } from '../../src/core/hash.js';
import { epochToIso } from '../../src/core/time.js';
import { MerkleBuilder, merkleRootHex } from '../../src/core/merkle.js';
import type { Message, MessageKind } from '../../src/core/types.js';
import { importers } from '../../src/importers/registry.js';
import { Archive } from '../../src/store/archive.js';
import { tempArchive } from '../support/temp.js';

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const text = fc.oneof(fc.string({ unit: anyUnit, maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('見積書を送りました', '"quoted"\\', '\u2028\u2029', '🍀🍀', '\\ud800 is not a surrogate', 'C:\\udemy'));
const nullable = fc.option(text, { nil: null });
const kind = fc.constantFrom<MessageKind>('text', 'media', 'call', 'system', 'unsent');
const message: fc.Arbitrary<Message> = fc.record({ kind, sender: nullable, senderId: nullable, sentAt: text, body: text, externalId: nullable, editedAt: nullable });

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
    fc.assert(fc.property(message, (m) => {
      expect(outcome(() => canonicalMessage(m))).toBe(outcome(() => canonicalMessageGeneric(m)));
    }), { numRuns: 2000 });
  });

  it('refuses a lone surrogate like the generic form', () => {
    const m: Message = { kind: 'text', sender: 'a', senderId: null, sentAt: '2024-03-01T09:05:00+09:00', body: 'x\ud800y', externalId: null, editedAt: null };
    expect(() => canonicalMessage(m)).toThrow();
    expect(() => canonicalMessage({ ...m, body: '🍀' })).not.toThrow();
  });

  it('keeps a backslash before "ud" (the fast path\'s fallback signal) as text', () => {
    const m: Message = { kind: 'text', sender: 'a', senderId: null, sentAt: '2024-03-01T09:05:00+09:00', body: 'C:\\udemy \\ud83d', externalId: null, editedAt: null };
    expect(canonicalMessage(m)).toBe(canonicalMessageGeneric(m));
    expect(canonicalMessage(m)).toContain('"body":"C:\\\\udemy \\\\ud83d"');
  });
});

describe('tagged hash in one shot', () => {
  it('equals hashing the head and the UTF-8 body in two updates', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (content) => {
      const body = Buffer.from(content, 'utf8');
      const reference = createHash('sha256').update(`chatproof/message/1 ${body.length}\0`).update(body).digest('hex');
      expect(taggedHashHex('chatproof/message/1', content)).toBe(reference);
    }));
  });
});

describe('Merkle builder over hex leaves', () => {
  it('pushHex(h) builds the same root as push(bytes of h) and as the RFC definition', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 70 }), (leaves) => {
      const hex = new MerkleBuilder();
      for (const l of leaves) hex.pushHex(Buffer.from(l).toString('hex'));
      expect(hex.rootHex()).toBe(merkleRootHex(leaves));
      expect(hex.size).toBe(leaves.length);
    }));
  });

  it('refuses a leaf that is not 32 bytes of hex', () => {
    expect(() => new MerkleBuilder().pushHex('abc')).toThrow(TypeError);
    expect(() => new MerkleBuilder().pushHex('zz'.repeat(32))).toThrow(TypeError);
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
    kind, sender: '佐藤花子', senderId: null, sentAt: `2024-03-01T09:${String(minute).padStart(2, '0')}:00+09:00`, body, externalId: null, editedAt: null,
  });

  it('counts the same changes as reading the capture back', () => {
    const a = Archive.open(tmp.db);
    try {
      const first = [msg(1, 'おはようございます'), msg(2, '見積書です'), msg(3, '確認します'), msg(4, '了解')];
      const later = [msg(1, 'おはようございます'), msg(2, '見積書です（修正）'), msg(3, '佐藤花子がメッセージの送信を取り消しました', 'unsent'), msg(5, '追加です')];
      const base = { raw: Buffer.from('x'), format: 'line', variant: 'line/test', parserVersion: 'line@test', tz: 'Asia/Tokyo', coverageKind: 'full' as const, meta: {} };
      const r1 = a.recordCapture({ ...base, room: { source: 'line', externalId: null, title: 'テスト' }, messages: first });
      const fresh = changesForCapture(a, r1.room.id, r1.capture.id);
      expect(changesForCapture(a, r1.room.id, r1.capture.id, { messages: first, hashes: r1.messageHashes })).toEqual(fresh);
      expect(fresh).toEqual({ added: 4, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 });
      const r2 = a.recordCapture({ ...base, raw: Buffer.from('y'), room: { id: r1.room.id }, messages: later });
      const readBack = changesForCapture(a, r1.room.id, r2.capture.id);
      expect(changesForCapture(a, r1.room.id, r2.capture.id, { messages: later, hashes: r2.messageHashes })).toEqual(readBack);
      expect(readBack.added + readBack.edited + readBack.unsent + readBack.unchanged).toBe(later.length);
    } finally {
      a.close();
    }
  });
});

describe('epoch seconds to ISO by the hour', () => {
  const zones = ['Asia/Tokyo', 'UTC', 'Etc/UTC', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Apia', 'Africa/Casablanca', 'Pacific/Chatham'];
  const reference = (s: number, zone: string): string => DateTime.fromSeconds(s, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;

  it('writes what luxon writes, across DST changes and odd offsets', () => {
    // From before standard time (local mean time offsets) to past 2100, near and far from changes.
    const seconds = fc.oneof(fc.integer({ min: -2_500_000_000, max: 4_200_000_000 }), fc.integer({ min: 1_300_000_000, max: 1_330_000_000 }));
    fc.assert(fc.property(seconds, fc.constantFrom(...zones), (s, zone) => {
      expect(epochToIso(s, zone)).toBe(reference(s, zone));
    }), { numRuns: 5000 });
  });

  it('is exact in every minute around a DST change', () => {
    // America/New_York, 2024-03-10 07:00 UTC (02:00 → 03:00 local) and 2024-11-03 06:00 UTC.
    for (const change of [1_710_054_000, 1_730_613_600]) {
      for (let s = change - 7200; s <= change + 7200; s += 60) expect(epochToIso(s, 'America/New_York')).toBe(reference(s, 'America/New_York'));
    }
  });
});
