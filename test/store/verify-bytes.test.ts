/**
 * `verify` reads stored fields and verbatim forms as text for speed (src/store/verify.ts) but must
 * judge the stored bytes: a change that decodes to the same text (invalid UTF-8 in place of
 * U+FFFD) is still a change, in a field of a compact row as in a verbatim form.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { msg, verifyAt } from '../support/seed.js';
import { FORM_COLUMNS, formText } from '../../src/store/message-forms.js';
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

  /** F0 90 80 in place of the U+FFFD of `stored`: a 4-byte sequence cut short, which a decoder reads as one U+FFFD. */
  function invalidInPlace(stored: Buffer): Buffer {
    const at = stored.indexOf(Buffer.from('\uFFFD', 'utf8'));
    const damaged = Buffer.concat([stored.subarray(0, at), Buffer.from([0xf0, 0x90, 0x80]), stored.subarray(at + 3)]);
    expect(damaged.toString('utf8')).toBe(stored.toString('utf8'));
    return damaged;
  }

  it('finds U+FFFD in a stored field replaced by invalid UTF-8 that decodes to the same text', () => {
    archiveWithReplacementCharacter();
    const db = new Database(tmp.db);
    const stored = db.prepare('SELECT CAST(body AS BLOB) FROM messages').pluck().get() as Buffer;
    db.exec('DROP TRIGGER messages_no_update');
    db.prepare('UPDATE messages SET body = CAST(? AS TEXT)').run(invalidInPlace(stored));
    expect(db.prepare('SELECT typeof(body) FROM messages').pluck().get()).toBe('text');
    db.close();
    const r = verifyAt(tmp.db);
    expect(r.problems.map((p) => p.kind)).toEqual(['message-hash-mismatch']);
  });

  it('finds the same in a form kept verbatim (a message whose fields would not give its form back)', () => {
    archiveWithReplacementCharacter();
    const db = new Database(tmp.db);
    const row = db.prepare(`SELECT ${FORM_COLUMNS} FROM messages`).raw().get() as unknown[];
    db.exec('DROP TRIGGER messages_no_update');
    const verbatim = Buffer.from(formText(row, 0), 'utf8');
    const set = 'kind = NULL, sender = NULL, sender_id = NULL, sent_at = NULL, body = NULL, external_id = NULL, edited_at = NULL, canonical_json = ?';
    db.prepare(`UPDATE messages SET ${set}`).run(verbatim);
    db.close();
    expect(verifyAt(tmp.db).problems).toEqual([]);
    const again = new Database(tmp.db);
    again.prepare(`UPDATE messages SET ${set}`).run(invalidInPlace(verbatim));
    again.close();
    expect(verifyAt(tmp.db).problems.map((p) => p.kind)).toEqual(['message-hash-mismatch']);
  });

  it('finds a message whose fields became NULL (a damaged page), rather than crashing', () => {
    archiveWithReplacementCharacter();
    const db = new Database(tmp.db);
    db.exec('DROP TRIGGER messages_no_update');
    db.prepare('UPDATE messages SET kind = NULL, sent_at = NULL, body = NULL').run();
    db.close();
    expect(verifyAt(tmp.db).problems.map((p) => p.kind)).toEqual(['message-hash-mismatch']);
  });
});
