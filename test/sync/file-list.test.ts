import { describe, expect, it } from 'vitest';
import { type ChatworkFile, compareFileLists, FILE_LIST_LIMIT, filesFromMeta, hasFileChanges } from '../../src/sync/file-list.js';

function file(fileId: string, name: string, uploadedAt = '2024-03-01T09:00:00+09:00', size = 100): ChatworkFile {
  return { fileId, name, size, uploadedAt, messageId: '1', accountId: '7', sha256: null };
}

describe('compareFileLists', () => {
  it('finds added, removed and renamed files by file id', () => {
    const before = [file('1', 'spec.pdf'), file('2', 'estimate.xlsx'), file('3', 'draft.txt')];
    const after = [file('1', 'spec.pdf'), file('3', 'draft-v2.txt'), file('4', 'invoice.pdf')];
    const c = compareFileLists(before, after);
    expect(c.added.map((f) => f.fileId)).toEqual(['4']);
    expect(c.removed.map((f) => f.name)).toEqual(['estimate.xlsx']);
    expect(c.changed.map((x) => [x.before.name, x.after.name])).toEqual([['draft.txt', 'draft-v2.txt']]);
    expect(c.notCovered).toEqual([]);
    expect(hasFileChanges(c)).toBe(true);
  });

  it('is empty for the same listing, whether or not the bytes were downloaded since', () => {
    const before = [file('1', 'spec.pdf')];
    const c = compareFileLists(before, [{ ...before[0]!, sha256: 'ab'.repeat(32) }]);
    expect(hasFileChanges(c)).toBe(false);
  });

  it('does not call a file gone when a full list (100) no longer reaches back to it', () => {
    const old = file('old', 'old.pdf', '2023-01-01T00:00:00+09:00');
    const full = Array.from({ length: FILE_LIST_LIMIT }, (_, i) => file(`n${i}`, `n${i}.pdf`, '2024-06-01T00:00:00+09:00'));
    const c = compareFileLists([old, file('recent', 'recent.pdf', '2024-07-01T00:00:00+09:00')], full);
    expect(c.notCovered.map((f) => f.fileId)).toEqual(['old']);
    expect(c.removed.map((f) => f.fileId)).toEqual(['recent']);
  });
});

describe('filesFromMeta', () => {
  it('reads the list a sync capture keeps, and null where there is none', () => {
    const f = file('9007199254740995', '見積書.pdf');
    expect(filesFromMeta({ files: [f, { junk: true }] })).toEqual([f]);
    expect(filesFromMeta({ encoding: 'utf-8' })).toBeNull();
    expect(filesFromMeta(undefined)).toBeNull();
  });
});
