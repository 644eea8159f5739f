/**
 * The archive's cut of an original (src/core/chunking/archive-chunking.ts): the header up to the
 * first blank line is a chunk of its own, the rest is FastCDC's, and the chunks joined are always
 * the original.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_CHUNKING, HEAD_MAX, headEnd, KNOWN_CHUNKINGS } from '../../../src/core/chunking/archive-chunking.js';
import { ARCHIVE_CHUNKER, chunks } from '../../../src/core/chunking/fastcdc.js';

const cut = (bytes: Uint8Array): Buffer[] => [...ARCHIVE_CHUNKING.chunks(bytes)].map((c) => Buffer.from(c));
const header = (saved: string, eol: string): string => `[LINE] 案件Aのトーク履歴${eol}保存日時：${saved}${eol}${eol}`;
/** ~60 KB of chat after the header: several FastCDC chunks. */
const body = (eol: string): string =>
  Array.from({ length: 900 }, (_, i) => `${String(9 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}\t佐藤花子\t第${i}件 了解です${eol}`).join(
    '',
  );

describe('the archive’s chunking', () => {
  it('joins back to the input, every chunk non-empty and at most maxSize, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200_000 }), fc.nat(HEAD_MAX + 100), (random, at) => {
        // A blank line somewhere (often inside the head's reach) in otherwise random bytes.
        const bytes = Buffer.concat([Buffer.from(random.subarray(0, at)), Buffer.from('\r\n\r\n'), Buffer.from(random.subarray(at))]);
        for (const input of [random, bytes]) {
          const pieces = cut(input);
          expect(Buffer.concat(pieces).equals(Buffer.from(input))).toBe(true);
          for (const p of pieces) expect(p.length > 0 && p.length <= ARCHIVE_CHUNKING.maxSize).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('cuts a LINE header (LF or CRLF) off as its own chunk, and the rest as FastCDC alone would', () => {
    for (const eol of ['\n', '\r\n']) {
      const head = Buffer.from(header('2026/11/20 21:15', eol));
      const rest = Buffer.from(body(eol));
      const pieces = cut(Buffer.concat([head, rest]));
      expect(pieces[0]!.equals(head)).toBe(true);
      expect(pieces.slice(1)).toEqual([...chunks(rest, ARCHIVE_CHUNKER)].map((c) => Buffer.from(c)));
      expect(pieces.length).toBeGreaterThan(3);
    }
  });

  it('shares every chunk after the header between two exports saved on different days', () => {
    const day1 = cut(Buffer.from(header('2026/11/20 21:15', '\r\n') + body('\r\n')));
    const day2 = cut(Buffer.from(header('2026/11/21 21:15', '\r\n') + body('\r\n')));
    expect(day1[0]!.equals(day2[0]!)).toBe(false);
    expect(day2.slice(1)).toEqual(day1.slice(1));
    // FastCDC alone stores the first 4 KiB or more again for a changed date.
    const plain1 = [...chunks(Buffer.from(header('2026/11/20 21:15', '\r\n') + body('\r\n')), ARCHIVE_CHUNKER)];
    const plain2 = [...chunks(Buffer.from(header('2026/11/21 21:15', '\r\n') + body('\r\n')), ARCHIVE_CHUNKER)];
    expect(Buffer.from(plain2[0]!).equals(Buffer.from(plain1[0]!))).toBe(false);
    expect(plain2[0]!.length).toBeGreaterThanOrEqual(ARCHIVE_CHUNKER.minSize);
  });

  it('leaves a file with no blank line in its first HEAD_MAX bytes to FastCDC alone', () => {
    expect(headEnd(Buffer.from('{"messages":[]}\n\n'))).toBe(17);
    const late = Buffer.concat([Buffer.alloc(HEAD_MAX - 1, 0x61), Buffer.from('\n\n'), Buffer.from(body('\n'))]);
    expect(headEnd(late)).toBe(0);
    expect(cut(late)).toEqual([...chunks(late, ARCHIVE_CHUNKER)].map((c) => Buffer.from(c)));
    // The blank line's last byte at HEAD_MAX - 1 is still the head's; one byte later it is not.
    const edge = Buffer.concat([Buffer.alloc(HEAD_MAX - 2, 0x61), Buffer.from('\n\n')]);
    expect(headEnd(edge)).toBe(HEAD_MAX);
    expect(headEnd(Buffer.concat([Buffer.from('x'), edge]))).toBe(0);
    expect(headEnd(Buffer.from('no blank line\r\nat all\r\n'))).toBe(0);
  });

  it('names itself apart from FastCDC alone, which older originals keep and verify accepts', () => {
    expect(ARCHIVE_CHUNKING.name).toBe('head1024+fastcdc2020/4096/16384/65535/nc2');
    expect(KNOWN_CHUNKINGS).toEqual([ARCHIVE_CHUNKING.name, 'fastcdc2020/4096/16384/65535/nc2']);
  });
});
