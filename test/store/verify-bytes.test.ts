/**
 * `verify` reads stored canonical forms as text for speed (src/store/verify.ts) but must judge the
 * stored bytes: a change that decodes to the same text (invalid UTF-8 in place of U+FFFD) is
 * still a change.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { msg, verifyAt } from '../support/seed.js';
import { toolMissing } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';

let tmp = tempArchive();
afterEach(() => {
  tmp.cleanup();
  tmp = tempArchive();
});

/** An archive whose one message holds U+FFFD, as a LINE line with damaged bytes does after import. */
function archiveWithReplacementCharacter(): void {
  const a = Archive.open(tmp.db);
  a.recordCapture({
    room: { source: 'line', externalId: null, title: 'r' },
    raw: Buffer.from('raw'),
    format: 'line',
    variant: 'line/test',
    parserVersion: 'line@1',
    tz: 'Asia/Tokyo',
    coverageKind: 'full',
    messages: [msg('2024-03-01T09:05:00+09:00', '佐藤花子', '見積\uFFFD書です')],
  });
  a.close();
}

describe('verify judges the stored bytes of each message', () => {
  it('accepts a message that holds U+FFFD', () => {
    archiveWithReplacementCharacter();
    expect(verifyAt(tmp.db).problems).toEqual([]);
  });

  it('finds U+FFFD replaced by invalid UTF-8 that decodes to the same text', () => {
    archiveWithReplacementCharacter();
    const db = new Database(tmp.db);
    const stored = db.prepare('SELECT canonical_json FROM messages').pluck().get() as Buffer;
    const replacement = Buffer.from('\uFFFD', 'utf8');
    const at = stored.indexOf(replacement);
    // F0 90 80 is a 4-byte sequence cut short: a decoder gives one U+FFFD for its 3 bytes.
    const damaged = Buffer.concat([stored.subarray(0, at), Buffer.from([0xf0, 0x90, 0x80]), stored.subarray(at + 3)]);
    expect(damaged.toString('utf8')).toBe(stored.toString('utf8'));
    db.exec('DROP TRIGGER messages_no_update');
    db.prepare('UPDATE messages SET canonical_json = ?').run(damaged);
    db.close();
    const r = verifyAt(tmp.db);
    expect(r.problems.map((p) => p.kind)).toEqual(['message-hash-mismatch']);
  });

  // NOT NULL is checked on write only; a damaged page can still hold a NULL there. better-sqlite3
  // refuses to edit the stored schema (defensive mode), so the sqlite3 shell lifts the constraint.
  const sqlite3Missing = toolMissing('sqlite3', 'apt-get install sqlite3');
  it.skipIf(sqlite3Missing !== null)(
    `finds a message whose stored form became NULL (a damaged page), rather than crashing${sqlite3Missing ? ` (skipped: ${sqlite3Missing})` : ''}`,
    () => {
      archiveWithReplacementCharacter();
      const db = new Database(tmp.db);
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages'").pluck().get() as string;
      db.close();
      const lifted = sql.replace(/(canonical_json[^,]*?)\s+NOT NULL/i, '$1');
      expect(lifted).not.toBe(sql);
      const quoted = lifted.replaceAll("'", "''");
      execFileSync('sqlite3', [
        tmp.db,
        '.dbconfig defensive off',
        `PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = '${quoted}' WHERE name = 'messages'; PRAGMA writable_schema = OFF;`,
      ]);
      const again = new Database(tmp.db);
      again.exec('DROP TRIGGER messages_no_update');
      again.prepare('UPDATE messages SET canonical_json = NULL').run();
      again.close();
      const r = verifyAt(tmp.db);
      expect(r.problems.map((p) => p.kind)).toContain('message-hash-mismatch');
    },
  );
});
