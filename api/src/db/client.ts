import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

/** Plain SQL access for the migrator and the few statements Prisma cannot express. */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly prisma: PrismaClient;
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * One statement on its own, outside Prisma: for the receiver's hot path, where Prisma's
   * per-statement cost is most of the statement's (measured).
   */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` with a dedicated session (PGlite's single connection, or a pooled client). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return 'url' in target ? openPostgres(target.url) : openPglite(target);
}

/**
 * No statement may hold a connection longer than this: a read that would (a GraphQL query over a
 * huge period, say) is cancelled by PostgreSQL and reported as QUERY_TIMEOUT. PGlite, which runs
 * in this process, cannot interrupt a statement: there the cost limit bounds reads.
 */
export const STATEMENT_TIMEOUT_MS = 15_000;

/** `pg` reads `query_timeout` from a query's config too (its types do not say so). */
const sessionQuery = (text: string, values?: unknown[]): pg.QueryConfig =>
  ({ text, values, query_timeout: 24 * 3_600_000 }) as pg.QueryConfig;

async function openPostgres(url: string): Promise<Database> {
  // Dates travel without a zone: the session must be UTC or every timestamp shifts by its offset.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A server that is gone or frozen must not hold a request for ever: see `db/health.ts`.
    connectionTimeoutMillis: 5_000,
    query_timeout: STATEMENT_TIMEOUT_MS + 2_000,
    options: `-c TimeZone=UTC -c statement_timeout=${STATEMENT_TIMEOUT_MS}`,
  });
  // An idle connection the server drops (restart, failover) must not crash the process:
  // the pool replaces it on next use.
  pool.on('error', () => {});
  const adapterFactory = new PrismaPg(pool);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'postgres',
    prisma,
    adapterFactory,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          // A session's statements (migrations) may set their own statement timeout: no client-side one.
          exec: async (sql) => void (await client.query(sessionQuery(sql))),
          query: async (sql, params) => (await client.query(sessionQuery(sql, params))).rows,
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(target: { dataDir: string } | { memory: true }): Promise<Database> {
  let dataDir: string | undefined;
  if ('dataDir' in target) {
    dataDir = path.join(target.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(dataDir);
  const adapterFactory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    withSession: (work) =>
      work({
        exec: async (sql) => void (await pglite.exec(sql)),
        query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
      }),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
