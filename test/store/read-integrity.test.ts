import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRootHex } from '../../src/core/merkle.js';
import { encodeChunk } from '../../src/store/blobs/chunk-store.js';
import { cli, tempArchive } from '../support/cli.js';
import { lastChunk, rewriteList, storedList } from '../support/lists.js';
import { importScenario, ROOM } from '../report/helpers.js';

/**
 * Re-hash on read: stored bytes changed behind the triggers' back are never handed on. A report
 * built from them would be refused by its recipient's verify-report with the wrong cause, so
 * `report` must stop with exit 5 before anything is written: no PDF, no log entry, no timestamp.
 */
const tmp = tempArchive();
const pristine = join(tmp.dir, 'pristine.db');
let n = 0;

beforeAll(async () => {
  await importScenario(tmp.db);
  const db = new Database(tmp.db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  copyFileSync(tmp.db, pristine);
});
afterAll(() => tmp.cleanup());

/** A copy of the archive with the triggers dropped and `sql` run on it, as someone with the file could. */
function damaged(sql: (db: Database.Database) => void): string {
  const file = join(tmp.dir, `damaged-${++n}.db`);
  copyFileSync(pristine, file);
  const db = new Database(file);
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) db.exec(`DROP TRIGGER "${name}"`);
  sql(db);
  db.close();
  return file;
}

function flipLastByte(b: Buffer): Buffer {
  const out = Buffer.from(b);
  out[out.length - 1] = out[out.length - 1]! ^ 0x01;
  return out;
}

const changeOneMessage = (db: Database.Database): void => {
  const row = db.prepare('SELECT hash, body FROM messages LIMIT 1').get() as { hash: Buffer; body: string };
  db.prepare('UPDATE messages SET body = ? WHERE hash = ?').run(`x${row.body}`, row.hash);
};

/** One byte of the first capture's original changed inside its last chunk, stored as chatproof stores chunks, so it still decompresses. */
const flipOriginal = (db: Database.Database): void => {
  const { hash, size, data } = lastChunk(db, db.prepare('SELECT blob_sha256 FROM captures ORDER BY entry_seq LIMIT 1').pluck().get() as string);
  const bytes = data.length === size ? data : inflateSync(data);
  db.prepare('UPDATE chunks SET data = ? WHERE hash = ?').run(encodeChunk(flipLastByte(bytes)), hash);
};

const logLength = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM log').pluck().get() as number;
  } finally {
    db.close();
  }
};

async function expectRefused(db: string, extra: readonly string[] = []): Promise<string> {
  const before = logLength(db);
  const out = join(tmp.dir, `report-${++n}.pdf`);
  const r = await cli(['report', ROOM, '-o', out, '--db', db, ...extra]);
  expect(r.code, r.stderr).toBe(5);
  expect(r.stderr).toContain('chatproof verify');
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(tmp.dir).filter((f) => f.startsWith(`report-${n}`))).toEqual([]);
  expect(logLength(db)).toBe(before);
  return r.stderr;
}

describe('report on a damaged archive', () => {
  it('an untouched copy still gives a report (the damage, not the copying, is what is refused)', async () => {
    const db = damaged(() => {});
    const out = join(tmp.dir, 'clean.pdf');
    const r = await cli(['report', ROOM, '-o', out, '--db', db, '--private']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('one flipped byte of a stored original: exit 5, no file, no log entry', async () => {
    expect(await expectRefused(damaged(flipOriginal))).toMatch(/stored file [0-9a-f]{64} is damaged: its chunk \d+ does not hash to/);
  });

  it('with --tsa, the damage is found before the TSA is asked: exit 5, not a timestamp (nor exit 6 from an unreachable TSA)', async () => {
    await expectRefused(damaged(flipOriginal), ['--tsa', 'http://127.0.0.1:9/tsa']);
  });

  it('a changed message row: exit 5 even for a private report, which embeds no originals', async () => {
    expect(await expectRefused(damaged(changeOneMessage), ['--private'])).toMatch(/Message [0-9a-f]{64} of (capture|room) \w+ has changed/);
  });

  it("a capture's message list reordered: exit 5 (its Merkle root no longer holds)", async () => {
    const db = damaged((d) => {
      const id = d.prepare('SELECT id FROM captures ORDER BY entry_seq LIMIT 1').pluck().get() as string;
      const h = storedList(d, id);
      rewriteList(d, id, Buffer.concat([h.subarray(32, 64), h.subarray(0, 32), h.subarray(64)]));
    });
    expect(await expectRefused(db, ['--private'])).toMatch(/message list of capture \w+ has changed/);
  });

  it('a list and the root in its captures row changed together: exit 5 (the log entry still states the old root)', async () => {
    const db = damaged((d) => {
      const id = d.prepare('SELECT id FROM captures ORDER BY entry_seq LIMIT 1').pluck().get() as string;
      const dropped = storedList(d, id).subarray(32);
      rewriteList(d, id, dropped);
      d.prepare('UPDATE captures SET merkle_root = ?, message_count = ? WHERE id = ?').run(listRootHex(dropped), dropped.length / 32, id);
    });
    expect(await expectRefused(db, ['--private'])).toMatch(/no longer matches its log entry/);
  });
});
