import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './client.js';

export const migrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

// Prisma's own lock id, so `prisma migrate deploy` and Radar never migrate at the same time.
const advisoryLockId = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    readonly migration: string,
    override readonly cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const bookkeepingTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations, each in its own transaction, recorded in Prisma's
 * `_prisma_migrations` format so `prisma migrate status` agrees. Returns the names applied.
 */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  return db.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [advisoryLockId]);
    try {
      await session.exec(bookkeepingTable);
      const applied = new Set(
        (
          await session.query<{ migration_name: string }>(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
        ).map((row) => row.migration_name),
      );
      const done: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        await apply(session, migration);
        done.push(migration.name);
      }
      return done;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [advisoryLockId]);
    }
  });
}

async function apply(session: SqlSession, migration: Migration): Promise<void> {
  await session.exec('BEGIN');
  try {
    // A migration may rewrite a large table: it is exempt from the pool's statement timeout.
    await session.exec('SET LOCAL statement_timeout = 0');
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw new MigrationError(migration.name, error);
  }
}

/** Names of migrations on disk that the database has not finished applying. */
export async function pendingMigrations(db: Database, migrations = readMigrations()) {
  const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return migrations.map((m) => m.name).filter((name) => !applied.has(name));
}
