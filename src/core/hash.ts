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
  // copies and a Hash object per message (docs/performance.md: twice as fast; tags are ASCII, so the head's
  // UTF-8 is the string itself).
  return oneShot('sha256', `${tag} ${Buffer.byteLength(content, 'utf8')}\0${content}`, 'hex');
}

/**
 * `taggedHashHex` as a 32-character binary string (`latin1`): for a hash that goes on into a
 * Merkle tree or another hash rather than out as text, without hex and back (`verify`'s re-parse
 * of a 1M-message original made and read back two million hex strings).
 */
export function taggedHashBinary(tag: string, content: string): string {
  return oneShot('sha256', `${tag} ${Buffer.byteLength(content, 'utf8')}\0${content}`, 'binary');
}

/** Grows to the largest message seen; hashing is synchronous, so one buffer serves every call. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * `taggedHashHex` of content already in UTF-8 bytes, as a 32-character binary string (`latin1`):
 * what `verify` needs for the stored canonical forms, without decoding them to a string and
 * encoding them again (a Buffer result would cost Node 20's `crypto.hash` four times as much).
 */
export function taggedHashOfBytes(tag: string, content: Uint8Array): string {
  const head = `${tag} ${content.length}\0`;
  if (scratch.length < head.length + content.length) scratch = Buffer.allocUnsafe(2 * (head.length + content.length));
  const at = scratch.write(head, 0, 'latin1');
  scratch.set(content, at);
  return oneShot('sha256', scratch.subarray(0, at + content.length), 'binary');
}
