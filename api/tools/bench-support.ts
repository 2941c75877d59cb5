import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * A new, empty PostgreSQL database next to DATABASE_URL (or TEST_DATABASE_URL) for one
 * benchmark, and how to drop it. Exits with a clear message when neither is set.
 */
export async function throwawayPostgres(prefix = 'radar_bench'): Promise<{
  url: string;
  name: string;
  host: string;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server, or pass --pglite.');
    process.exit(2);
  }
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    host: url.host,
    async drop() {
      // FORCE would kill connections that are still closing, and pg reports that as an uncaught
      // error: give them a moment first.
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          return await admin(`DROP DATABASE IF EXISTS ${name}`);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
