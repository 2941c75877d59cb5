import { GraphQLError } from 'graphql';
import { expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../test/databases.js';
import { maskError } from '../graphql-limits.js';
import { STATEMENT_TIMEOUT_MS } from './client.js';

it.runIf(databaseKinds.includes('postgres'))(
  'PostgreSQL connections stop any statement that runs past the timeout',
  async () => {
    const db = await openTestDatabase('postgres');
    try {
      const [row] = await db.prisma.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
      expect(row?.statement_timeout).toBe(`${STATEMENT_TIMEOUT_MS / 1000}s`);
      const stopped = await db.prisma
        .$transaction(async (tx) => {
          await tx.$executeRaw`SET LOCAL statement_timeout = 50`;
          await tx.$queryRaw`SELECT pg_sleep(1)`;
        })
        .then(
          () => null,
          (error: Error) => error.message,
        );
      expect(stopped).toMatch(/statement timeout/);
    } finally {
      await db.close();
    }
  },
);

it('reports a statement stopped by the timeout as QUERY_TIMEOUT, not as an unexpected error', () => {
  const logged: unknown[] = [];
  const stopped = new GraphQLError('x', {
    originalError: new Error('canceling statement due to statement timeout'),
  });
  const masked = maskError(stopped, (error) => logged.push(error));
  expect(masked.extensions.code).toBe('QUERY_TIMEOUT');
  expect(masked.message).toMatch(/shorter period/);
  expect(logged).toEqual([]);
});
