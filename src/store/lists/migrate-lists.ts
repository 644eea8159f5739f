import type Database from 'better-sqlite3';
import { putList } from './hash-lists.js';

/**
 * Migration 0004's own step: every capture's whole list (`captures.message_hashes`) cut into
 * pieces, inside the migrations' one transaction. A damaged list is kept byte for byte, so
 * `verify` reports afterwards what it reported before.
 */
export function cutLegacyLists(sqlite: Database.Database): void {
  const ids = sqlite.prepare('SELECT id FROM captures ORDER BY rowid').pluck().all() as string[];
  const read = sqlite.prepare('SELECT message_hashes FROM captures WHERE id = ?').pluck();
  for (const id of ids) {
    const list = read.get(id);
    putList(sqlite, id, Buffer.isBuffer(list) ? list : Buffer.from(String(list), 'utf8'));
  }
}
