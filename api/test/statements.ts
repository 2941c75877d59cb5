import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
} from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../src/generated/prisma/client.js';

/**
 * Wraps the driver adapter Prisma talks through, so every SQL statement sent to the database
 * is seen: batched `findUnique`s count once, a resolver per row counts once per row.
 */
export function countStatements(factory: SqlMigrationAwareDriverAdapterFactory) {
  const statements: string[] = [];
  const watch = <T extends SqlQueryable>(queryable: T): T =>
    new Proxy(queryable, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property === 'queryRaw' || property === 'executeRaw') {
          return (query: SqlQuery) => {
            statements.push(query.sql);
            return value.call(target, query);
          };
        }
        if (property === 'startTransaction') {
          return async (...args: unknown[]) => watch(await value.apply(target, args));
        }
        return value.bind(target);
      },
    });
  const adapter = new Proxy(factory, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'connect') return async () => watch((await factory.connect()) as SqlDriverAdapter);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { prisma: new PrismaClient({ adapter }), statements };
}
