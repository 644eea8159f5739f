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

/** The canonical form v1 of a message (docs/hashing.md): every field, `null` for absent ones. */
export function canonicalMessage(m: Message): string {
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
