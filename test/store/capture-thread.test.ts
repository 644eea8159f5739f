/**
 * Large captures are written by two threads (src/store/capture-thread.ts). They must store what
 * the one-thread recordCapture stores, row for row, and fail the way it fails: whole or not at
 * all, with no write lock left behind in this process.
 */
import { type ChatproofError, describeError } from '../../src/core/errors.js';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { decodeInput } from '../../src/importers/decode.js';
import { lineImporter } from '../../src/importers/line/index.js';
import { Archive } from '../../src/store/archive.js';
import { THREAD_FROM, WriterThread } from '../../src/store/capture-thread.js';
import { keptIn } from '../../src/store/blobs/prepared.js';
import { sha256Hex } from '../../src/core/hash.js';
import type { NewCapture } from '../../src/store/capture-write.js';
import { verifyArchive } from '../../src/store/verify.js';
import { writeLineExport } from '../bench/gen/line.js';
import { FORM_COLUMNS } from '../../src/store/message-forms.js';
import { cli } from '../support/cli.js';
import { msg } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';
import { storedList } from '../support/lists.js';
import { STATE_ROWS, stateTablesExist, T } from '../../src/store/room-state/tables.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

/** Deterministic, varied messages: Japanese, emoji, multi-line, long bodies, repeats (deduplicated rows). */
function messages(n: number): Message[] {
  const bodies = fc.sample(
    fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('見積書を送りました', '確認しました\n納期は3/15で', '🍀'.repeat(3000))),
    { numRuns: n, seed: 42 },
  );
  return bodies.map((body, i) =>
    msg(new Date(Date.UTC(2024, 0, 1) + (i % 997) * 60_000).toISOString().replace('Z', '+00:00'), i % 5 === 0 ? null : `送信者${i % 7}`, body),
  );
}

function capture(ms: readonly Message[], room: NewCapture['room'] = { source: 'line', externalId: null, title: '案件' }): NewCapture {
  return {
    room,
    raw: Buffer.from(`raw ${ms.length}`),
    format: 'line',
    variant: 'line/test',
    parserVersion: 'line@1',
    tz: 'Asia/Tokyo',
    coverageKind: 'full',
    messages: ms,
    coverageEnd: '2030-01-01T00:00:00+09:00',
    meta: { encoding: 'utf-8' },
  };
}

/** What an archive holds, without the values that differ by nature (ids, times). */
function contents(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return {
      // Every column, with its stored type (quote() writes a BLOB as X'…', text quoted, an integer bare).
      messages: db
        .prepare(
          `SELECT lower(hex(hash)) AS h, ${FORM_COLUMNS.split(', ')
            .map((c) => `quote(${c})`)
            .join(" || ',' || ")} AS j FROM messages ORDER BY hash`,
        )
        .all(),
      captures: (
        db
          .prepare(`SELECT id, entry_seq, blob_sha256, format, variant, parser_version, tz, coverage_kind, coverage_from, coverage_to,
        message_count, merkle_root FROM captures ORDER BY entry_seq`)
          .all() as { id: string }[]
      ).map(({ id, ...c }) => ({ ...c, hashes: storedList(db, id).toString('hex') })),
      log: (db.prepare('SELECT seq, kind, payload FROM log ORDER BY seq').all() as { seq: number; kind: string; payload: string }[]).map((e) => {
        const p = JSON.parse(e.payload) as { capture?: Record<string, unknown>; room?: Record<string, unknown> };
        if (p.capture) p.capture = { ...p.capture, id: '-', roomId: '-', capturedAt: '-' };
        if (p.room) p.room = { ...p.room, id: '-' };
        return { ...e, payload: p };
      }),
      blobs: db.prepare('SELECT sha256, size FROM blobs ORDER BY sha256').all(),
      // A new room's kept state, written with its first capture (src/store/room-state/first.ts).
      state: stateTablesExist(db)
        ? {
            rooms: db.prepare(`SELECT messages, counts FROM ${T.rooms} ORDER BY k`).all(),
            captures: db.prepare(`SELECT room, n, changes FROM ${T.captures} ORDER BY room, n`).all(),
            messages: db
              .prepare(
                `SELECT s.room, s.ord, lower(hex(m.hash)) AS h, lower(hex(c.hash)) AS cur, s.status, s.first, s.last, s.as_of, s.history FROM ${STATE_ROWS} ORDER BY s.room, s.ord`,
              )
              .all(),
          }
        : null,
    };
  } finally {
    db.close();
  }
}

/** Every stored form of the originals: blobs rows, chunks (as stored, compressed or not) and each original's chunk list. */
function originals(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return {
      blobs: db.prepare('SELECT sha256, size, chunker FROM blobs ORDER BY sha256').all(),
      chunks: db.prepare('SELECT lower(hex(hash)) AS hash, size, lower(hex(data)) AS data FROM chunks ORDER BY hash').all(),
      lists: db.prepare('SELECT blob_sha256, levels, lower(hex(root)) AS root FROM blob_chunk_roots ORDER BY blob_sha256').all(),
      nodes: db.prepare('SELECT lower(hex(hash)) AS hash FROM list_nodes ORDER BY hash').all(),
    };
  } finally {
    db.close();
  }
}

describe('a capture written by the writer thread', () => {
  it('stores exactly what recordCapture stores: rows, list, root, window, log entries', async () => {
    const first = messages(6000);
    const second = [...first.slice(100), ...messages(300).map((m) => ({ ...m, body: `${m.body} (new)` }))];
    const other = tempArchive();
    try {
      const one = Archive.open(other.db);
      const r1 = one.recordCapture(capture(first));
      const r2 = one.recordCapture(capture(second, { id: r1.room.id }));
      one.close();

      const two = Archive.open(tmp.db);
      const t1 = await WriterThread.start().record({ path: tmp.db, busyTimeoutMs: 1000 }, capture(first));
      const t2 = await WriterThread.start().record({ path: tmp.db, busyTimeoutMs: 1000 }, capture(second, { id: t1.room.id }));
      expect(verifyArchive(two.sqlite).problems).toEqual([]);
      two.close();

      expect(contents(tmp.db)).toEqual(contents(other.db));
      for (const [t, r] of [
        [t1, r1],
        [t2, r2],
      ] as const) {
        // A new room's list is stored as it is written, not handed back (contents() compares the stored lists).
        if (t.roomCreated) expect([t.messageHashes, r.messageHashes]).toEqual([null, null]);
        else expect(t.messageHashes!.equals(r.messageHashes!)).toBe(true);
        expect(t.capture.merkleRoot).toBe(r.capture.merkleRoot);
        expect(t.capture.coverage).toEqual(r.capture.coverage);
        expect(t.entry.seq).toBe(r.entry.seq);
      }
      expect(t1.roomCreated).toBe(true);
      expect(t2.roomCreated).toBe(false);
      // The hash list the thread hands back is the messages' tagged hashes, in order.
      expect(t2.messageHashes!.subarray(0, 32).toString('hex')).toBe(r2.messageHashes!.subarray(0, 32).toString('hex'));
    } finally {
      other.cleanup();
    }
  });

  it('stores nothing when a message cannot be encoded part-way, and leaves no lock behind', async () => {
    const a = Archive.open(tmp.db);
    a.recordCapture(capture(messages(10)));
    const before = contents(tmp.db);
    const bad = messages(5000);
    bad[4000] = msg('2024-03-01T09:05:00+09:00', 'a', 'lone \ud800 surrogate');
    await expect(WriterThread.start().record({ path: tmp.db, busyTimeoutMs: 1000 }, capture(bad))).rejects.toThrow();
    expect(contents(tmp.db)).toEqual(before);
    // The writer rolled back and closed: this process can write at once.
    a.append('note', null, { note: { text: 'after' } });
    a.close();
  });

  it('stores the original as putOriginal does, from chunks this thread cut while the writer worked', async () => {
    // A header (its own chunk), then ~400 KB of varied text (~25 FastCDC chunks); the second export
    // grows it (shares most chunks), the third is the second again (kept whole).
    const body = messages(6000)
      .map((m) => `${m.sentAt}\t${m.sender ?? ''}\t${m.body}`)
      .join('\n');
    const exports = [`[LINE] 案件のトーク履歴\n保存日時：2024/03/01 10:00\n\n${body.slice(0, 300_000)}`];
    exports.push(`[LINE] 案件のトーク履歴\n保存日時：2024/03/02 10:00\n\n${body}`, '');
    exports[2] = exports[1]!;
    const raws = exports.map((e) => Buffer.from(e, 'utf8'));
    const withRaw = (raw: Buffer, ms: readonly Message[], room?: NewCapture['room']): NewCapture => ({ ...capture(ms, room), raw });
    const other = tempArchive();
    try {
      const one = Archive.open(other.db);
      const r1 = one.recordCapture(withRaw(raws[0]!, messages(50)));
      for (const raw of raws.slice(1)) one.recordCapture(withRaw(raw, messages(60), { id: r1.room.id }));
      one.close();

      const two = Archive.open(tmp.db);
      const setup = { path: tmp.db, busyTimeoutMs: 1000 };
      // The first as `import` runs it; the second told wrongly that its original is kept (the
      // writer, which asks again, stores it all the same); the third told nothing.
      const t1 = await WriterThread.start().record(setup, withRaw(raws[0]!, messages(50)), undefined, keptIn(two.sqlite));
      await WriterThread.start().record(setup, withRaw(raws[1]!, messages(60), { id: t1.room.id }), undefined, () => true);
      await WriterThread.start().record(setup, withRaw(raws[2]!, messages(60), { id: t1.room.id }));
      expect(verifyArchive(two.sqlite).problems).toEqual([]);
      expect(raws.map((raw) => two.blob(sha256Hex(raw)).equals(raw))).toEqual([true, true, true]);
      two.close();
      expect(originals(tmp.db)).toEqual(originals(other.db));
      expect((originals(tmp.db) as { chunks: unknown[] }).chunks.length).toBeGreaterThan(20);
    } finally {
      other.cleanup();
    }
  });

  it('gives up with the busy error when another process holds the archive, and stores nothing', async () => {
    Archive.open(tmp.db).close();
    const before = contents(tmp.db);
    const holder = new Database(tmp.db);
    holder.exec('BEGIN IMMEDIATE');
    const a = Archive.open(tmp.db, { busyTimeoutMs: 200 });
    try {
      const many = messages(THREAD_FROM);
      const error: unknown = await a.recordCaptureAsync(capture(many)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'ArchiveError', message: expect.stringContaining('busy') });
      // Rebuilt from its catalog code and values, not from English: the Japanese reader gets Japanese.
      const ja = describeError(error as ChatproofError, 'ja');
      expect(ja.code).toMatch(/^archive\./);
      expect(ja.message).toMatch(/[\u3040-\u30ff]/);
      expect(ja.hint ?? '').toMatch(/[\u3040-\u30ff]/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(contents(tmp.db)).toEqual(before);
    a.close();
  });

  it('is what `import` uses from THREAD_FROM messages, and the stored capture verifies', async () => {
    const file = join(tmp.dir, 'big.txt');
    writeLineExport(file, { messages: THREAD_FROM + 10 });
    const run = await cli(['import', file, '--db', tmp.db, '--json']);
    expect(run.code).toBe(0);
    const out = run.json<{ capture: { messages: number; merkleRoot: string }; changes: { added: number } }>();
    expect(out.capture.messages).toBe(THREAD_FROM + 10);
    expect(out.changes.added).toBe(THREAD_FROM + 10);
    const verify = await cli(['verify', '--db', tmp.db, '--json']);
    expect(verify.code).toBe(0);
    // The same messages written by one thread give the same root and rows.
    const parsed = lineImporter.parse(decodeInput(readFileSync(file), 'big.txt'), { tz: 'Asia/Tokyo', members: [], roomTitle: null });
    if (!parsed.ok) throw parsed.error;
    const other = tempArchive();
    try {
      const one = Archive.open(other.db);
      const r = one.recordCapture(capture(parsed.result.messages));
      one.close();
      expect(out.capture.merkleRoot).toBe(r.capture.merkleRoot);
      expect((contents(tmp.db) as { messages: unknown }).messages).toEqual((contents(other.db) as { messages: unknown }).messages);
    } finally {
      other.cleanup();
    }
  });
});
