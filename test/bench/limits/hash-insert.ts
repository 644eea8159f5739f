/**
 * The hash+insert limit (docs/performance.md): read a LINE export, split it into messages, SHA-256 each one
 * and insert (hash, text) with better-sqlite3 in one transaction, with the archive's pragmas and
 * table shape. Nothing else: no canonical JSON, no Merkle tree, no log. `import` is judged against
 * this. Usage: node hash-insert.js EXPORT DB → one JSON line on stdout.
 */
import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { forEachMessage } from './split.js';

const [file, dbPath] = process.argv.slice(2);
if (file === undefined || dbPath === undefined) throw new Error('usage: hash-insert.js EXPORT DB');

const t0 = performance.now();
const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
const t1 = performance.now();
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS messages (hash TEXT PRIMARY KEY NOT NULL, canonical_json TEXT NOT NULL)');
const insert = db.prepare('INSERT OR IGNORE INTO messages (hash, canonical_json) VALUES (?, ?)');
let messages = 0;
db.transaction(() => {
  messages = forEachMessage(text, (m) => {
    insert.run(hash('sha256', m), m);
  });
})();
const t2 = performance.now();
db.close();
process.stdout.write(JSON.stringify({ messages, readMs: t1 - t0, hashInsertMs: t2 - t1, totalMs: performance.now() - t0 }) + '\n');
