/**
 * src/store/migrate.ts applies drizzle-kit's migrations without drizzle-orm's runtime. It must
 * leave an archive exactly as drizzle's own `migrate()` does: same schema, same bookkeeping rows,
 * from nothing and from every earlier migration.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/store/migrate.js';
import { migrationsDir } from '../../src/paths.js';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  return db;
}

function state(db: Database.Database): unknown {
  return {
    schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
    applied: db.prepare('SELECT id, hash, created_at FROM __drizzle_migrations ORDER BY created_at').all(),
  };
}

/** The first `n` migrations as drizzle-orm applies them: its migrate() on a folder whose journal stops there. */
function drizzleUpTo(db: Database.Database, n: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'chatproof-migrations-'));
  try {
    cpSync(migrationsDir, dir, { recursive: true });
    const journalPath = join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, n) }));
    migrate(drizzle(db), { migrationsFolder: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('applyMigrations', () => {
  const count = readMigrationFiles({ migrationsFolder: migrationsDir }).length;

  it('knows more than one migration (else the "from an earlier one" cases prove little)', () => {
    expect(count).toBeGreaterThanOrEqual(3);
  });

  for (let from = 0; from <= count; from++) {
    it(`leaves the same archive as drizzle-orm's migrate(), starting after ${from} migration(s)`, () => {
      const theirs = memoryDb();
      const ours = memoryDb();
      if (from > 0) {
        drizzleUpTo(theirs, from);
        drizzleUpTo(ours, from);
      }
      migrate(drizzle(theirs), { migrationsFolder: migrationsDir });
      applyMigrations(ours);
      expect(state(ours)).toEqual(state(theirs));
      expect((state(ours) as { applied: unknown[] }).applied).toHaveLength(count);
    });
  }

  it('does nothing the second time', () => {
    const db = memoryDb();
    applyMigrations(db);
    const once = state(db);
    applyMigrations(db);
    expect(state(db)).toEqual(once);
  });

  it('applies nothing when a migration fails part-way: the archive stays as it was', () => {
    const db = memoryDb();
    drizzleUpTo(db, 1);
    // migrations/0001 creates this trigger after others; one already there makes it fail midway.
    db.exec('CREATE TRIGGER rooms_no_update BEFORE UPDATE ON rooms BEGIN SELECT 1; END');
    const before = state(db);
    expect(() => applyMigrations(db)).toThrow(/rooms_no_update` already exists/);
    expect(state(db)).toEqual(before);
  });
});
