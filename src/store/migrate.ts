import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { migrationsDir } from '../paths.js';
import { chunkLegacyOriginals } from './blobs/migrate-originals.js';
import { cutLegacyLists, treeLegacyLists } from './lists/migrate-lists.js';
import { compactLegacyMessages } from './migrate-messages.js';

/** drizzle's own bookkeeping table and columns, so drizzle-kit and older archives read it as before. */
const TABLE = '__drizzle_migrations';

/**
 * Applies the drizzle-kit migrations in migrations/ exactly as drizzle-orm's better-sqlite3
 * `migrate()` does (same statements, same `__drizzle_migrations` rows; test/store/migrate.test.ts
 * compares the two), with two differences:
 *
 * - drizzle-orm/better-sqlite3 takes ~35 ms to load, a tenth of importing 20k messages into a new
 *   archive (docs/performance.md); drizzle's migration-file reader used here is one small module.
 * - Everything runs under one IMMEDIATE transaction, the bookkeeping table included, so two
 *   processes opening a new archive at once take turns: the second finds nothing left to do.
 *   drizzle reads what was applied before taking the write lock, and the slower one failed.
 *
 * and one addition: a statement that names a data step (DATA_STEPS below)
 * runs it right after, in the same transaction: work SQL cannot do, such as cutting originals into
 * chunks. drizzle's migrate() leaves it out, and the migration then stops before losing anything.
 */
/** Steps of migrations that SQL cannot do, by the marker statement that stands for them in the migration's SQL. */
const DATA_STEPS: Readonly<Record<string, (sqlite: Database.Database) => void>> = {
  "SELECT 'chatproof:chunk-originals';": chunkLegacyOriginals,
  "SELECT 'chatproof:chunk-lists';": cutLegacyLists,
  "SELECT 'chatproof:compact-messages';": compactLegacyMessages,
  "SELECT 'chatproof:list-trees';": treeLegacyLists,
};

export function applyMigrations(sqlite: Database.Database): void {
  // Loaded only when something is pending; `require` because opening an archive is synchronous.
  const { readMigrationFiles } = createRequire(import.meta.url)('drizzle-orm/migrator') as typeof import('drizzle-orm/migrator');
  const migrations = readMigrationFiles({ migrationsFolder: migrationsDir });
  sqlite
    .transaction(() => {
      // Written as drizzle writes it, to the whitespace: sqlite_master keeps the statement's text.
      sqlite.exec(`
			CREATE TABLE IF NOT EXISTS "${TABLE}" (
				id SERIAL PRIMARY KEY,
				hash text NOT NULL,
				created_at numeric
			)
		`);
      const last = sqlite.prepare(`SELECT created_at FROM "${TABLE}" ORDER BY created_at DESC LIMIT 1`).pluck().get() as number | string | undefined;
      const record = sqlite.prepare(`INSERT INTO "${TABLE}" ("hash", "created_at") VALUES (?, ?)`);
      for (const m of migrations) {
        if (last !== undefined && Number(last) >= m.folderMillis) continue;
        for (const statement of m.sql) {
          sqlite.exec(statement);
          DATA_STEPS[statement.trim()]?.(sqlite);
        }
        record.run(m.hash, m.folderMillis);
      }
    })
    .immediate();
}
