import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export interface TestDatabase extends Database {
  /** The connection URL of a PostgreSQL test database (for servers started in other processes). */
  readonly url: string | null;
}

/**
 * A fresh, isolated database: in-memory PGlite, or a new PostgreSQL database created from
 * TEST_DATABASE_URL and dropped on close. Migrated unless `migrated: false`.
 */
export async function openTestDatabase(
  kind: DatabaseKind,
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  let db: Database;
  let url: string | null = null;
  let drop = async () => {};
  if (kind === 'pglite') {
    db = await openDatabase({ memory: true });
  } else {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `radar_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    db = await openDatabase({ url });
    drop = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  if (options.migrated !== false) await migrate(db);
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** Runs the same suite once per available database. */
export function describeEachDatabase(title: string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds) describe(`${title} [${kind}]`, () => suite(kind));
}
