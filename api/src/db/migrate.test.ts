import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { MigrationError, migrate, pendingMigrations, readMigrations } from './migrate.js';
import { diffToSchema, isEmptyMigration } from './schema-engine.js';

describeEachDatabase('migrations', (kind) => {
  let db: TestDatabase;
  afterEach(async () => db?.close());

  it('build exactly the tables, columns, types, nullability and indexes schema.prisma declares', async () => {
    db = await openTestDatabase(kind);
    if (kind === 'pglite') {
      // Prisma's own schema engine compares the live database with schema.prisma.
      const drift = await diffToSchema(db.adapterFactory);
      expect(drift.trim(), drift).toBe('-- This is an empty migration.');
      expect(isEmptyMigration(drift)).toBe(true);
    } else {
      // The engine cannot read PostgreSQL's catalog through adapter-pg ('char' columns), so
      // PostgreSQL is held to the catalog of PGlite, which the engine has just checked.
      const reference = await openTestDatabase('pglite');
      try {
        expect(await catalogOf(db)).toEqual(await catalogOf(reference));
      } finally {
        await reference.close();
      }
    }
  });

  it('notice a database that drifted from schema.prisma', async () => {
    db = await openTestDatabase(kind);
    const before = await catalogOf(db);
    await db.withSession((s) =>
      s.exec('ALTER TABLE agents ADD COLUMN nickname text; DROP INDEX "samples_kind_ended_at_idx"'),
    );
    if (kind === 'pglite') {
      const drift = await diffToSchema(db.adapterFactory);
      expect(drift).toContain('DROP COLUMN "nickname"');
      expect(drift).toContain('CREATE INDEX "samples_kind_ended_at_idx"');
    }
    expect(await catalogOf(db)).not.toEqual(before);
  });

  it("are recorded in Prisma's _prisma_migrations format and applied once", async () => {
    db = await openTestDatabase(kind, { migrated: false });
    const all = readMigrations();
    expect(await migrate(db)).toEqual(all.map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.withSession((s) =>
      s.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(all[i]?.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('leave the database as it was when one fails, and name it with the SQL error', async () => {
    db = await openTestDatabase(kind, { migrated: false });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-migrations-'));
    fs.mkdirSync(path.join(dir, '20200101000000_good'));
    fs.writeFileSync(path.join(dir, '20200101000000_good/migration.sql'), 'CREATE TABLE good (id int);');
    fs.mkdirSync(path.join(dir, '20200102000000_broken'));
    fs.writeFileSync(
      path.join(dir, '20200102000000_broken/migration.sql'),
      'CREATE TABLE half (id int);\nALTER TABLE missing ADD COLUMN x int;',
    );
    const error = await migrate(db, readMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe('20200102000000_broken');
    expect((error as Error).message).toMatch(/20200102000000_broken failed: .*"missing" does not exist/);
    const tables = await db.withSession((s) =>
      s.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('good', 'half')",
      ),
    );
    expect(tables.map((t) => t.table_name)).toEqual(['good']);
    const recorded = await db.withSession((s) =>
      s.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"'),
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(['20200101000000_good']);
  });

  if (kind === 'postgres') {
    it('let two instances start together without racing', async () => {
      db = await openTestDatabase(kind, { migrated: false });
      const { openDatabase } = await import('./client.js');
      const other = await openDatabase({ url: db.url as string });
      try {
        const [a, b] = await Promise.all([migrate(db), migrate(other)]);
        expect([...a, ...b].sort()).toEqual(readMigrations().map((m) => m.name));
      } finally {
        await other.close();
      }
    });
  }
});

/** Tables, columns (type, nullability, default), indexes and constraints of the public schema. */
async function catalogOf(db: TestDatabase) {
  return db.withSession(async (s) => ({
    columns: await s.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    ),
    indexes: await s.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
    ),
    constraints: await s.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1, 2`,
    ),
    enums: await s.query(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, e.enumsortorder`,
    ),
  }));
}
