import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChunk, decodeChunkInto, encodeChunk } from '../../../src/store/blobs/chunk-store.js';

const out = new Uint8Array(65_536);

describe('decodeChunkInto: a stored chunk decoded into the caller’s buffer', () => {
  it('gives exactly what zlib gives, compressed or kept as it was', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 65_535 }),
          fc.string({ maxLength: 20_000 }).map((s) => new TextEncoder().encode(s.repeat(3)).subarray(0, 65_535)),
        ),
        (bytes) => {
          const stored = { size: bytes.length, data: encodeChunk(bytes) };
          const into = decodeChunkInto(stored, out);
          expect(into).not.toBeNull();
          expect(Buffer.from(into!).equals(decodeChunk(stored))).toBe(true);
          expect(into!.buffer).toBe(out.buffer);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives null, not other bytes of the stated size, where the size is wrong or the data is not deflate', () => {
    const bytes = new TextEncoder().encode('お疲れさまです。'.repeat(500));
    const data = encodeChunk(bytes);
    expect(data.length).toBeLessThan(bytes.length);
    expect(decodeChunkInto({ size: bytes.length - 1, data }, out)).toBeNull();
    expect(decodeChunkInto({ size: bytes.length + 1, data }, out)).toBeNull();
    expect(decodeChunkInto({ size: bytes.length, data: Buffer.from([0x78, 0x01, 0xff, 0xff, 0xff, 0xff]) }, out)).toBeNull();
  });
});
