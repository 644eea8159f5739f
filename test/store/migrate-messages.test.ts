/**
 * migrations/0002: archives written before it keyed messages by hex TEXT and held the canonical
 * form as TEXT. Such an archive is made here from a current one by the reverse of the migrations
 * after it (test/support/old-layout.ts) and of 0002 itself (the old table shape of migrations/0000
 * and its triggers), so the test needs no old binary.
 */
import { render } from '../../src/i18n/message.js';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { messageHash } from '../../src/core/canonical.js';
import { Archive } from '../../src/store/archive.js';
import { FORM_COLUMNS, formText } from '../../src/store/message-forms.js';
import { verifyArchive } from '../../src/store/verify.js';
import { msg, seedArchive } from '../support/seed.js';
import { tempArchive } from '../support/temp.js';
import { toLayoutBefore0003 } from '../support/old-layout.js';

const OLD_MESSAGES = `
  DROP TRIGGER messages_no_update;
  DROP TRIGGER messages_no_delete;
  CREATE TABLE messages_old (hash text PRIMARY KEY NOT NULL, canonical_json text NOT NULL);
  INSERT INTO messages_old SELECT lower(hex(hash)), CAST(canonical_json AS TEXT) FROM messages;
  DROP TABLE messages;
  ALTER TABLE messages_old RENAME TO messages;
  CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages BEGIN SELECT RAISE(ABORT, 'messages is append-only: UPDATE forbidden'); END;
  CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages BEGIN SELECT RAISE(ABORT, 'messages is append-only: DELETE forbidden'); END;
  DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations);
`;

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

/** The seeded archive as the previous version left it; `extra` runs on the old tables. */
function oldArchive(extra = ''): void {
  seedArchive(tmp.db);
  toLayoutBefore0003(tmp.db);
  const db = new Database(tmp.db);
  db.exec(OLD_MESSAGES + extra);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function column(sql: string): unknown[] {
  const db = new Database(tmp.db, { readonly: true });
  try {
    return db.prepare(sql).pluck().all();
  } finally {
    db.close();
  }
}

describe('migration 0002: messages as bytes', () => {
  it('keeps every message and hash, and the archive verifies', () => {
    oldArchive();
    const before = column('SELECT hash FROM messages ORDER BY hash') as string[];
    const bodies = column('SELECT canonical_json FROM messages ORDER BY hash') as string[];
    expect(before).toHaveLength(4);
    expect(typeof before[0]).toBe('string');

    const a = Archive.open(tmp.db);
    const report = verifyArchive(a.sqlite);
    a.close();
    expect(report.problems).toEqual([]);
    expect(report.messages).toBe(4);
    expect(column('SELECT lower(hex(hash)) FROM messages ORDER BY hash')).toEqual(before);
    // Migration 0005 then keeps the forms as their fields: each re-made form is the text it was.
    const db = new Database(tmp.db, { readonly: true });
    const forms = (db.prepare(`SELECT ${FORM_COLUMNS} FROM messages ORDER BY hash`).raw().all() as unknown[][]).map((r) => formText(r, 0));
    db.close();
    expect(forms).toEqual(bodies);
    expect(column('SELECT DISTINCT typeof(hash) FROM messages')).toEqual(['blob']);
  });

  it('still refuses UPDATE and DELETE on messages afterwards', () => {
    oldArchive();
    Archive.open(tmp.db).close();
    const db = new Database(tmp.db);
    try {
      expect(() => db.exec('DELETE FROM messages')).toThrow(/append-only/);
      expect(() => db.exec("UPDATE messages SET body = 'x'")).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('is done by a reading command too: a read-only open upgrades the archive first', () => {
    oldArchive();
    const a = Archive.open(tmp.db, { readonly: true });
    const report = verifyArchive(a.sqlite);
    a.close();
    expect(report.ok).toBe(true);
    expect(column('SELECT DISTINCT typeof(hash) FROM messages')).toEqual(['blob']);
  });

  it('lets a later import find the migrated messages (same hashes, no second copy)', () => {
    oldArchive();
    const a = Archive.open(tmp.db);
    try {
      const room = a.rooms().find((r) => r.title === '佐藤花子')!;
      const again = [msg('2024-03-01T09:05:00+09:00', '佐藤花子', '見積書を送りました')];
      a.recordCapture({
        room: { id: room.id },
        raw: Buffer.from('raw-3'),
        format: 'line',
        variant: 'line/test',
        parserVersion: 'line@1',
        tz: 'Asia/Tokyo',
        coverageKind: 'full',
        messages: again,
      });
      expect(a.sqlite.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(4);
      expect(
        a.sqlite
          .prepare('SELECT COUNT(*) FROM messages WHERE hash = ?')
          .pluck()
          .get(Buffer.from(messageHash(again[0]!), 'hex')),
      ).toBe(1);
    } finally {
      a.close();
    }
  });

  it('carries a damaged key through, so verify reports it instead of the upgrade failing', () => {
    oldArchive("DROP TRIGGER messages_no_update; UPDATE messages SET hash = 'not-a-hash' WHERE rowid = 1;");
    const a = Archive.open(tmp.db);
    const report = verifyArchive(a.sqlite);
    a.close();
    expect(report.problems.map((p) => p.kind)).toEqual(['message-hash-mismatch']);
    expect(render('en', report.problems.find((p) => p.kind === 'message-hash-mismatch')!.where)).toContain('messages row');
  });
});
