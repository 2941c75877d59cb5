import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// graphql 16 ships CJS and ESM builds; libraries loaded by Node get the CJS one, so the
// sources under test must too, or `instanceof GraphQLSchema` fails across the two copies.
const graphqlCjs = createRequire(here('./api/package.json')).resolve('graphql');

/**
 * The longest files first, so that the last file to finish is not one of them (on a clean clone
 * there is no timing cache, and the week over HTTP, ~150 s, started 250 s into a 580 s run).
 */
const slowest = [
  'test/scenario-http.week.test.ts',
  'test/scenario-http.test.ts',
  'src/shutdown.test.ts',
  'src/db/write-batch.test.ts',
  'src/ingest/outage.test.ts',
];
class SlowestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = slowest.findIndex((name) => file.moduleId.endsWith(`/api/${name}`));
      return index === -1 ? slowest.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // Two files at a time on this 2-core machine: PGlite runs in the test's own thread, so a
    // PGlite file leaves the second core idle (measured on the six slowest files: 267 s one at a
    // time, 174 s two at a time). Browser files still run one at a time (see e2e below).
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
        test: {
          name: 'api',
          root: here('./api'),
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts'],
          environment: 'node',
          // One module graph per worker, not per file: importing the schema and Prisma again for
          // each of ~50 files cost ~4 s a file (measured: 8 files 54 s isolated, 31 s not).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: here('./client/vite.config.ts'),
        test: {
          name: 'client',
          root: here('./client'),
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'e2e',
          root: here('./e2e'),
          globalSetup: ['./global-setup.ts'],
          include: ['**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
