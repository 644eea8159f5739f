import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { NotePayload } from '../../src/core/entries/note.js';
import { sha256Hex } from '../../src/core/hash.js';
import { Archive } from '../../src/store/archive.js';
import { verifyArchive } from '../../src/store/verify.js';
import { tempArchive } from '../support/temp.js';

/** One archive for the file: each test builds on the log the one before left. */
const tmp = tempArchive();
const archive = Archive.open(tmp.db);
afterAll(() => {
  archive.close();
  tmp.cleanup();
});

describe('Archive.appendAll', () => {
  afterEach(() => expect(verifyArchive(archive.sqlite).ok).toBe(true));

  it('appends the entries consecutively, chained, each with its blobs', () => {
    const a = Buffer.from('first file');
    const b = Buffer.from('second file');
    const [e1, e2] = archive.appendAll([
      { kind: 'note', roomId: null, payload: { note: { text: 'one' }, blobs: [sha256Hex(a)] } as NotePayload, blobs: [a] },
      { kind: 'note', roomId: null, payload: { note: { text: 'two' }, blobs: [sha256Hex(b)] } as NotePayload, blobs: [b] },
    ]);
    expect([e1?.seq, e2?.seq, e2?.prevHash]).toEqual([1, 2, e1?.hash]);
    expect(archive.head()).toEqual({ seq: 2, hash: e2?.hash });
    expect(archive.blob(sha256Hex(b)).equals(b)).toBe(true);
  });

  it('lands nothing when one entry fails: no entry, no blob of the entries before it', () => {
    const before = archive.head();
    const kept = Buffer.from('would be kept');
    expect(() =>
      archive.appendAll([
        { kind: 'note', roomId: null, payload: { note: { text: 'fine' } }, blobs: [kept] },
        { kind: 'note', roomId: null, payload: { note: { text: 'no JSON form' }, n: Number.NaN } as NotePayload, blobs: [] },
      ]),
    ).toThrow();
    expect(archive.head()).toEqual(before);
    expect(archive.hasBlob(sha256Hex(kept))).toBe(false);
  });

  it('append is appendAll of one entry', () => {
    const e = archive.append('note', null, { note: { text: 'three' } });
    expect(archive.entry(e.seq)).toEqual(e);
  });
});
