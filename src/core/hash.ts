import { createHash, hash as oneShot } from 'node:crypto';

/** SHA-256 of raw bytes, lower-case hex. Plain (untagged) so that `sha256sum` gives the same value. */
export function sha256Hex(data: Uint8Array | string): string {
  return oneShot('sha256', data, 'hex');
}

export function sha256Bytes(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * Tagged, versioned preimage (docs/hashing.md): `<tag> <byte length>\0<content>`.
 * The tag keeps a message hash from ever equalling an entry hash or a raw file hash.
 */
export function taggedHashHex(tag: string, content: string): string {
  // One string, one one-shot hash: the same bytes as hashing head then body, without two Buffer
  // copies and a Hash object per message (issue 8: twice as fast; tags are ASCII, so the head's
  // UTF-8 is the string itself).
  return oneShot('sha256', `${tag} ${Buffer.byteLength(content, 'utf8')}\0${content}`, 'hex');
}
