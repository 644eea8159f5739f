import type Database from 'better-sqlite3';
import { isUtf8 } from 'node:buffer';
import { canonicalMessage } from '../core/canonical.js';
import type { Message } from '../core/types.js';
import { FORM_COLUMNS, FORM_WIDTH, formText, pushForm, type FormValue } from './message-forms.js';

/** Rows read and written at a time: the conversion's memory stays flat however many messages there are. */
const STEP = 4096;

const FIELDS = ['body', 'editedAt', 'externalId', 'kind', 'sender', 'senderId', 'sentAt', 'v'].join();

/** The message a stored canonical form is the form of, or null when it is not exactly one (then it stays verbatim). */
function messageOf(bytes: Buffer): Message | null {
  if (!isUtf8(bytes)) return null;
  const text = bytes.toString('utf8');
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || Object.keys(o).sort().join() !== FIELDS) return null;
  const m = o as Message & { v: unknown };
  if (m.v !== 1) return null;
  try {
    return canonicalMessage(m) === text ? m : null;
  } catch {
    return null;
  }
}

/**
 * Migration 0005's own step: every row of the old `messages` (key, canonical JSON bytes) into
 * `__new_messages` in its compact form, in rowid order, inside the migrations' one transaction. A
 * row is made compact only when the form re-made from the new row is the stored bytes exactly;
 * any other row (a damaged one included) is kept byte for byte, key and all, so `verify` reports
 * afterwards what it reported before.
 */
export function compactLegacyMessages(sqlite: Database.Database): void {
  const read = sqlite.prepare('SELECT rowid, hash, canonical_json FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?').raw();
  const put = sqlite.prepare(
    `INSERT INTO __new_messages (hash, ${FORM_COLUMNS}) VALUES (${Array(1 + FORM_WIDTH)
      .fill('?')
      .join(', ')})`,
  );
  let after = -Infinity;
  for (;;) {
    const rows = read.all(after, STEP) as [number, unknown, unknown][];
    if (rows.length === 0) return;
    for (const [rowid, hash, stored] of rows) {
      after = rowid;
      const message = Buffer.isBuffer(stored) ? messageOf(stored) : null;
      const values: FormValue[] = [];
      if (message !== null) pushForm(message, (stored as Buffer).toString('utf8'), values);
      const compact = message !== null && values[7] === null && Buffer.from(formText(values, 0), 'utf8').equals(stored as Buffer);
      put.run(hash, ...(compact ? values : [null, null, null, null, null, null, null, stored]));
    }
  }
}
