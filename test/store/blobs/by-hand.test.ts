/**
 * docs/files.md: a kept file taken out of the archive with the `sqlite3` shell alone, chunk by
 * chunk, gives the bytes whose SHA-256 the log states. The recipe is run here as written.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/hash.js';
import { Archive } from '../../../src/store/archive.js';
import { lineExport } from '../../reliability/support/line-export.js';
import { tempArchive } from '../../support/temp.js';

/** The recipe's commands, from docs/files.md, with the hash filled in. */
function recipe(sha256: string): string {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'files.md'), 'utf8');
  const block = /```sh\n(sqlite3 archive\.db "WITH RECURSIVE[\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/files.md has no sqlite3 recipe for chunked files');
  return block[1]!.replaceAll('…', sha256).replaceAll('LP_v2.pdf', 'out.bin');
}

describe('taking a kept file out by hand (docs/files.md)', () => {
  it('gives the original bytes, across compressed and stored chunks, walking its list of chunks down from the root', () => {
    const tmp = tempArchive();
    try {
      // Text that compresses, then bytes that do not: both kinds of chunk.
      const text = Buffer.from(lineExport({ title: '手作業', messages: 20_000, tag: 'h' }));
      const noise = Buffer.alloc(150_000);
      for (let i = 0; i < noise.length; i += 32) Buffer.from(sha256Hex(String(i)), 'hex').copy(noise, i);
      const file = Buffer.concat([text, noise]);
      const a = Archive.open(tmp.db);
      a.append('note', null, { note: { text: 'file' } }, [file]);
      const kinds = a.sqlite.prepare('SELECT SUM(length(data) = size) AS stored, SUM(length(data) < size) AS compressed FROM chunks').get();
      expect(kinds).toEqual({ stored: expect.any(Number), compressed: expect.any(Number) });
      expect(Object.values(kinds as object).every((n) => (n as number) > 0)).toBe(true);
      // Enough chunks that their list is a tree, not only a root.
      expect(a.sqlite.prepare('SELECT levels FROM blob_chunk_roots WHERE blob_sha256 = ?').pluck().get(sha256Hex(file))).toBeGreaterThan(0);
      a.close();
      execFileSync('bash', ['-c', recipe(sha256Hex(file)).replace('archive.db', tmp.db)], { cwd: tmp.dir });
      expect(sha256Hex(readFileSync(join(tmp.dir, 'out.bin')))).toBe(sha256Hex(file));
    } finally {
      tmp.cleanup();
    }
  });
});
