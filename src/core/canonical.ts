import canonicalizeImpl from 'canonicalize';
import type { Message } from './types.js';
import { taggedHashHex } from './hash.js';

/** RFC 8785 (JCS). Throws on values JSON cannot carry (NaN, Infinity, BigInt). */
export function canonicalJson(value: unknown): string {
  const out = (canonicalizeImpl as (v: unknown) => string | undefined)(value);
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return out;
}

export const MESSAGE_TAG = 'chatproof/message/1';

const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

/**
 * The canonical form v1 of a message (docs/hashing.md): every field, `null` for absent ones.
 *
 * Fast path (docs/performance.md): the `canonicalize` package walks, sorts and checks a
 * generic object, ~3 µs a message, a tenth of an import. A message has fixed keys whose values are
 * strings or null, so JSON.stringify of an object built with its keys already in RFC 8785 order
 * (UTF-16 code-unit order) gives the same bytes: JSON.stringify's string escaping is the one RFC
 * 8785 §3.2.2.2 prescribes, except for a lone surrogate, which `canonicalize` refuses (I-JSON) and
 * JSON.stringify writes as an escape from `\ud800` to `\udfff`. So the output is searched once for `\ud` (seven regex scans of
 * the fields cost a third of the fast path): a hit, real or not (an escaped backslash before "ud"),
 * takes the generic path, which throws or serialises exactly as before. test/bench/hot-paths.test.ts
 * checks the two agree on arbitrary messages.
 */
export function canonicalMessage(m: Message): string {
  if (
    isStringOrNull(m.body) &&
    isStringOrNull(m.sender) &&
    isStringOrNull(m.senderId) &&
    isStringOrNull(m.sentAt) &&
    isStringOrNull(m.kind) &&
    isStringOrNull(m.externalId) &&
    isStringOrNull(m.editedAt)
  ) {
    const json = JSON.stringify({
      body: m.body,
      editedAt: m.editedAt,
      externalId: m.externalId,
      kind: m.kind,
      sender: m.sender,
      senderId: m.senderId,
      sentAt: m.sentAt,
      v: 1,
    });
    if (!json.includes('\\ud')) return json;
  }
  return canonicalMessageGeneric(m);
}

/** The reference: the same form through the generic RFC 8785 serialiser. */
export function canonicalMessageGeneric(m: Message): string {
  return canonicalJson({
    v: 1,
    kind: m.kind,
    sender: m.sender,
    senderId: m.senderId,
    sentAt: m.sentAt,
    body: m.body,
    externalId: m.externalId,
    editedAt: m.editedAt,
  });
}

export function messageHash(m: Message): string {
  return taggedHashHex(MESSAGE_TAG, canonicalMessage(m));
}

export function messageFromCanonical(json: string): Message {
  const o = JSON.parse(json) as Record<string, unknown>;
  if (o['v'] !== 1) throw new TypeError(`unknown canonical message version ${String(o['v'])}`);
  return {
    kind: o['kind'] as Message['kind'],
    sender: (o['sender'] ?? null) as string | null,
    senderId: (o['senderId'] ?? null) as string | null,
    sentAt: o['sentAt'] as string,
    body: o['body'] as string,
    externalId: (o['externalId'] ?? null) as string | null,
    editedAt: (o['editedAt'] ?? null) as string | null,
  };
}
