/**
 * Originals kept as content-defined chunks (docs/hashing.md §1, src/store/blobs/): the bytes come back
 * exactly and are checked on the way out, a grown re-export adds about its new bytes, and a
 * damaged chunk is one finding of `verify`, however many originals hold it.
 */
import { render } from '../../../src/i18n/message.js';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/hash.js';
import { IntegrityError } from '../../../src/core/errors.js';
import { Archive } from '../../../src/store/archive.js';
import { verifyArchive } from '../../../src/store/verify.js';
import { lineExport } from '../../reliability/support/line-export.js';
import { chunkHashes } from '../../support/lists.js';
import { msg } from '../../support/seed.js';
import { tempArchive } from '../../support/temp.js';

const day1 = Buffer.from(lineExport({ title: '案件A', messages: 4000, tag: 'a' }));
/** The same chat exported again a day later: the same history, 40 more messages at the end. */
const day2 = Buffer.from(lineExport({ title: '案件A', messages: 4040, tag: 'a' }));

function capture(room: { id: string } | { source: 'line'; externalId: null; title: string }, raw: Buffer, body: string) {
  return {
    room,
    raw,
    format: 'line',
    variant: 'line/test',
    parserVersion: 'line@1',
    tz: 'Asia/Tokyo',
    coverageKind: 'full' as const,
    messages: [msg('2024-03-01T09:05:00+09:00', '佐藤花子', body)],
  };
}

function stored(db: Database.Database): { chunks: number; bytes: number } {
  return db.prepare('SELECT COUNT(*) AS chunks, COALESCE(SUM(length(data)), 0) AS bytes FROM chunks').get() as { chunks: number; bytes: number };
}

describe('originals as chunks', () => {
  it('gives back the exact bytes under the SHA-256 of the whole, from several compressed chunks', () => {
    const tmp = tempArchive();
    try {
      const a = Archive.open(tmp.db);
      const r = a.recordCapture(capture({ source: 'line', externalId: null, title: '案件A' }, day1, '1'));
      expect(r.capture.rawSha256).toBe(sha256Hex(day1));
      expect(a.blob(r.capture.rawSha256).equals(day1)).toBe(true);
      const { chunks, bytes } = stored(a.sqlite);
      expect(chunks).toBeGreaterThan(3);
      expect(bytes).toBeLessThan(day1.length / 2);
      expect(a.sqlite.prepare('SELECT size, chunker FROM blobs').get()).toEqual({ size: day1.length, chunker: 'head1024+fastcdc2020/4096/16384/65535/nc2' });
      a.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('stores a grown re-export as about its new bytes, and a copy in another room as nothing new', () => {
    const tmp = tempArchive();
    try {
      const a = Archive.open(tmp.db);
      const first = a.recordCapture(capture({ source: 'line', externalId: null, title: '案件A' }, day1, '1'));
      const after1 = stored(a.sqlite);
      a.recordCapture(capture({ id: first.room.id }, day2, '2'));
      const after2 = stored(a.sqlite);
      // 40 messages are ~3 KB of text; the last chunk of day 1 is cut differently now: a couple of chunks, not the whole export again.
      expect(after2.chunks - after1.chunks).toBeLessThanOrEqual(3);
      expect(after2.bytes - after1.bytes).toBeLessThan(after1.bytes / 5);
      a.recordCapture(capture({ source: 'line', externalId: null, title: '別のルーム' }, day2, '3'));
      expect(stored(a.sqlite)).toEqual(after2);
      expect(a.blob(sha256Hex(day2)).equals(day2)).toBe(true);
      expect(verifyArchive(a.sqlite).problems).toEqual([]);
      a.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('accepts an original cut the way earlier versions cut it, and names one cut no version made', () => {
    const tmp = tempArchive();
    try {
      const a = Archive.open(tmp.db);
      a.recordCapture(capture({ source: 'line', externalId: null, title: '案件A' }, day1, '1'));
      a.close();
      const db = new Database(tmp.db);
      db.exec('DROP TRIGGER blobs_no_update');
      // FastCDC alone, as migration 0003 and imports until the header was cut off stored originals.
      db.prepare('UPDATE blobs SET chunker = ?').run('fastcdc2020/4096/16384/65535/nc2');
      expect(verifyArchive(db).problems).toEqual([]);
      db.prepare('UPDATE blobs SET chunker = ?').run('fastcdc2020/2048/8192/32768/nc2');
      expect(verifyArchive(db).problems.map((p) => [p.kind, p.expected, p.actual])).toEqual([
        ['blob-chunker-unknown', 'head1024+fastcdc2020/4096/16384/65535/nc2', 'fastcdc2020/2048/8192/32768/nc2'],
      ]);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('keeps an empty original and one shorter than a chunk', () => {
    const tmp = tempArchive();
    try {
      const a = Archive.open(tmp.db);
      const [empty, small] = a.appendAll([
        { kind: 'note', roomId: null, payload: { note: { text: 'x' } }, blobs: [Buffer.alloc(0)] },
        { kind: 'note', roomId: null, payload: { note: { text: 'y' } }, blobs: [Buffer.from('小さい')] },
      ]);
      expect(empty && small).toBeTruthy();
      expect(a.blob(sha256Hex(Buffer.alloc(0))).length).toBe(0);
      expect(a.blob(sha256Hex('小さい')).toString()).toBe('小さい');
      expect(verifyArchive(a.sqlite).ok).toBe(true);
      a.close();
    } finally {
      tmp.cleanup();
    }
  });

  describe('a chunk shared by two originals, damaged behind the tool’s back', () => {
    function damaged(change: string): { tmp: ReturnType<typeof tempArchive>; a: Archive } {
      const tmp = tempArchive();
      const a = Archive.open(tmp.db);
      const first = a.recordCapture(capture({ source: 'line', externalId: null, title: '案件A' }, day1, '1'));
      a.recordCapture(capture({ id: first.room.id }, day2, '2'));
      a.close();
      const db = new Database(tmp.db);
      db.exec('DROP TRIGGER chunks_no_update');
      // The first chunk after the header (itself a chunk of its own, too short to be compressed): both exports hold it.
      const shared = chunkHashes(db, db.prepare('SELECT sha256 FROM blobs LIMIT 1').pluck().get() as string)[1]!;
      db.prepare(`UPDATE chunks SET ${change} WHERE hash = ?`).run(shared);
      db.close();
      return { tmp, a: Archive.open(tmp.db) };
    }

    for (const [what, change, kind] of [
      ['compressed bytes', "data = substr(data, 1, length(data) - 1) || x'00'", 'chunk-damaged'],
      [
        'bytes replaced by others that decompress',
        'data = (SELECT data FROM chunks ORDER BY rowid DESC LIMIT 1), size = (SELECT size FROM chunks ORDER BY rowid DESC LIMIT 1)',
        'chunk-hash-mismatch',
      ],
    ] as const) {
      it(`${what}: reading either original fails, and verify names the chunk once`, () => {
        const { tmp, a } = damaged(change);
        try {
          expect(() => a.blob(sha256Hex(day1))).toThrow(IntegrityError);
          expect(() => a.blob(sha256Hex(day2))).toThrow(IntegrityError);
          const report = verifyArchive(a.sqlite);
          expect(report.problems.map((p) => p.kind)).toEqual([kind]);
          expect(render('en', report.problems[0]!.where)).toMatch(/^chunks row [0-9a-f]{64}/);
        } finally {
          a.close();
          tmp.cleanup();
        }
      });
    }

    it('stored size: the bytes still hash right and are read, and verify names the chunk once', () => {
      const { tmp, a } = damaged('size = size + 1');
      try {
        expect(a.blob(sha256Hex(day2)).equals(day2)).toBe(true);
        const report = verifyArchive(a.sqlite);
        expect(report.problems.map((p) => p.kind)).toEqual(['chunk-size-mismatch']);
      } finally {
        a.close();
        tmp.cleanup();
      }
    });
  });
});
