/**
 * migrations/0005: message rows move from their canonical JSON bytes to the message's fields
 * (src/store/message-forms.ts). The archive of the old layout is made from a current one by the
 * reverse of the migration (test/support/old-layout.ts).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_TAG } from '../../src/core/canonical.js';
import { taggedHashOfBytes } from '../../src/core/hash.js';
import { render } from '../../src/i18n/message.js';
import { migrationsDir } from '../../src/paths.js';
import { Archive } from '../../src/store/archive.js';
import { FORM_COLUMNS, formText } from '../../src/store/message-forms.js';
import { verifyArchive } from '../../src/store/verify.js';
import { toLayoutBefore0005 } from '../support/old-layout.js';
import { seedArchive } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

/** Not the canonical form (keys out of order), stored under the hash of its own bytes: kept as it is. */
const ODD = Buffer.from(
  '{"v":1,"kind":"text","sender":"佐藤","senderId":null,"sentAt":"2024-03-01T09:00:00+09:00","body":"順序違い","externalId":null,"editedAt":null}',
);

/** The seeded archive in the layout before 0005, with `extra` run on it; its rows (hex key → form bytes) and log. */
function oldArchive(extra = ''): { rows: Map<string, Buffer>; log: unknown[] } {
  seedArchive(tmp.db);
  toLayoutBefore0005(tmp.db);
  const db = new Database(tmp.db);
  try {
    db.prepare('INSERT INTO messages (hash, canonical_json) VALUES (?, ?)').run(Buffer.from(taggedHashOfBytes(MESSAGE_TAG, ODD), 'latin1'), ODD);
    if (extra) db.exec(`DROP TRIGGER messages_no_update; ${extra}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = db.prepare('SELECT lower(hex(hash)), canonical_json FROM messages').raw().all() as [string, Buffer][];
    return { rows: new Map(rows), log: db.prepare('SELECT * FROM log ORDER BY seq').all() };
  } finally {
    db.close();
  }
}

/** Each row's form as the archive now gives it: re-made from the fields, or kept verbatim. */
function formsOf(sqlite: Database.Database): Map<string, Buffer> {
  const rows = sqlite.prepare(`SELECT lower(hex(hash)), ${FORM_COLUMNS} FROM messages`).raw().all() as unknown[][];
  return new Map(rows.map((r) => [r[0] as string, Buffer.isBuffer(r[8]) ? r[8] : Buffer.from(formText(r, 1), 'utf8')]));
}

describe('migration 0005: message rows as their fields', () => {
  it('keeps every key, form byte and log entry; the canonical ones become fields; the archive verifies', () => {
    const before = oldArchive();
    expect(before.rows.size).toBe(5);
    const a = Archive.open(tmp.db);
    try {
      expect(verifyArchive(a.sqlite).problems).toEqual([]);
      expect(formsOf(a.sqlite)).toEqual(before.rows);
      expect(a.sqlite.prepare('SELECT * FROM log ORDER BY seq').all()).toEqual(before.log);
      // The odd form alone stays verbatim; the others keep no JSON at all.
      expect(a.sqlite.prepare('SELECT canonical_json FROM messages WHERE canonical_json IS NOT NULL').pluck().all()).toEqual([ODD]);
      expect(a.sqlite.prepare('SELECT DISTINCT typeof(kind) || typeof(sent_at) FROM messages WHERE canonical_json IS NULL').pluck().all()).toEqual([
        'integerinteger',
      ]);
      expect(() => a.sqlite.exec('DELETE FROM messages')).toThrow(/append-only/);
      expect(() => a.sqlite.exec("UPDATE messages SET body = 'x'")).toThrow(/append-only/);
    } finally {
      a.close();
    }
  });

  it('carries a damaged row through byte for byte, so verify reports what it reported before', () => {
    const before = oldArchive(
      "UPDATE messages SET canonical_json = CAST(replace(CAST(canonical_json AS TEXT), '仮払い', '未払い') AS BLOB) WHERE CAST(canonical_json AS TEXT) LIKE '%仮払い%';",
    );
    const a = Archive.open(tmp.db);
    try {
      expect(formsOf(a.sqlite)).toEqual(before.rows);
      const report = verifyArchive(a.sqlite);
      expect(report.problems.map((p) => [p.kind, render('en', p.where).split(' ').slice(0, 2).join(' ')])).toEqual([['message-hash-mismatch', 'messages row']]);
    } finally {
      a.close();
    }
  });

  it("stops under drizzle-kit's own migrator, which would drop the forms, and changes nothing", () => {
    const before = oldArchive();
    const db = new Database(tmp.db);
    try {
      expect(() => migrate(drizzle(db), { migrationsFolder: migrationsDir })).toThrow(/messages not converted/);
      const after = db.prepare('SELECT lower(hex(hash)), canonical_json FROM messages').raw().all() as [string, Buffer][];
      expect(new Map(after)).toEqual(before.rows);
      expect(db.prepare("SELECT COUNT(*) FROM pragma_table_info('messages') WHERE name = 'body'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
