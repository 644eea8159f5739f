import { describe, expect, it } from 'vitest';
import { canonicalMessage, MESSAGE_TAG, messageHash } from '../../src/core/canonical.js';
import fc from 'fast-check';
import { sha256Hex, taggedHashBinary, taggedHashHex } from '../../src/core/hash.js';
import type { Message } from '../../src/core/types.js';
import { entryCanonical, entryHash } from '../../src/store/entry-hash.js';

// Known answers pin every hash format (docs/hashing.md): a change here is a format change and
// needs a new version tag, never an edit of the expected hex.
const message: Message = {
  kind: 'text',
  sender: '佐藤花子',
  senderId: null,
  sentAt: '2024-03-01T09:05:00+09:00',
  body: '見積書を送りました',
  externalId: null,
  editedAt: null,
};

describe('hash formats', () => {
  it('raw bytes are plain SHA-256 (what sha256sum prints)', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('the canonical message form is RFC 8785 with sorted keys and every field', () => {
    expect(canonicalMessage(message)).toBe(
      '{"body":"見積書を送りました","editedAt":null,"externalId":null,"kind":"text","sender":"佐藤花子","senderId":null,"sentAt":"2024-03-01T09:05:00+09:00","v":1}',
    );
  });

  it('a message hash is SHA-256 over the tagged, length-prefixed canonical form', () => {
    const json = canonicalMessage(message);
    const manual = sha256Hex(Buffer.concat([Buffer.from(`chatproof/message/1 ${Buffer.byteLength(json)}\0`), Buffer.from(json)]));
    expect(messageHash(message)).toBe(manual);
    expect(messageHash(message)).toBe('96d08d66c46ab18bafea95b6fc07d51fb8243f0c209b1e677e5305a581abf929');
  });

  it('the binary form of a tagged hash is the hex form, for any text (lone surrogates too)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' })), (text) => {
        expect(Buffer.from(taggedHashBinary(MESSAGE_TAG, text), 'latin1').toString('hex')).toBe(taggedHashHex(MESSAGE_TAG, text));
      }),
      { numRuns: 500 },
    );
    for (const text of [canonicalMessage(message), 'lone \ud800 surrogate', '\udc00', '']) {
      expect(Buffer.from(taggedHashBinary(MESSAGE_TAG, text), 'latin1').toString('hex')).toBe(taggedHashHex(MESSAGE_TAG, text));
    }
    expect(Buffer.from(taggedHashBinary(MESSAGE_TAG, canonicalMessage(message)), 'latin1').toString('hex')).toBe(messageHash(message));
  });

  it('any field change changes the hash', () => {
    const base = messageHash(message);
    for (const change of [
      { body: '見積書を送りました ' },
      { sender: '佐藤 花子' },
      { sentAt: '2024-03-01T09:06:00+09:00' },
      { kind: 'unsent' as const },
      { editedAt: '2024-03-02T00:00:00+09:00' },
    ]) {
      expect(messageHash({ ...message, ...change })).not.toBe(base);
    }
  });

  it('an entry hash commits to seq, kind, time, room, previous hash and payload', () => {
    const e = { seq: 1, kind: 'note', at: '2024-03-01T00:00:00Z', roomId: 'r1', prevHash: null, payload: { note: { text: 'x' } } };
    expect(entryCanonical(e)).toBe('{"at":"2024-03-01T00:00:00Z","kind":"note","payload":{"note":{"text":"x"}},"prev":null,"roomId":"r1","seq":1,"v":1}');
    expect(entryHash(e)).toBe(taggedHashHex('chatproof/entry/1', entryCanonical(e)));
    expect(entryHash(e)).toBe('a13073f88630ac92528f91f9a5ae6cd73fb9f29a7e8f0ddbb75c7a34d4e2dc6d');
  });
});
