import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, type ExecutionResult, execute, parse } from 'graphql';
import { afterAll, beforeAll } from 'vitest';
import type { Viewer } from '../src/auth.js';
import { type Config, loadConfig } from '../src/config.js';
import { type App, createContext } from '../src/context.js';
import type { Database } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createPubSub } from '../src/pubsub.js';
import { type Radar, startRadar } from '../src/radar.js';
import { schema } from '../src/schema/index.js';
import { createSlaMonitor } from '../src/sla-monitor.js';
import { type DatabaseKind, openTestDatabase, type TestDatabase } from './databases.js';

export const adminToken = 'test-admin-token-0123456789';
export const webhookToken = 'test-webhook-token-0123456789';

export const viewers = {
  admin: { role: 'ADMIN', name: 'admin', tokenId: null },
  supervisor: { role: 'SUPERVISOR', name: 'supervisor', tokenId: 1 },
  integrator: { role: 'INTEGRATOR', name: 'integrator', tokenId: 2 },
} satisfies Record<string, Viewer>;

const testDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-test-'));

export function testConfig(overrides: Partial<Record<string, string>> = {}): Config {
  return loadConfig({
    PORT: '0',
    RADAR_ADMIN_TOKEN: adminToken,
    UMBLER_WEBHOOK_TOKEN: webhookToken,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // A data folder of the test run's own (test servers' spools), and no spooling from a moment's
    // load on a busy test machine unless a test asks for it.
    DATA_DIR: testDataDir,
    SPOOL_AFTER_MS: '2000',
    ...overrides,
  });
}

/** The in-process application for executing operations directly against the schema. */
export function createTestApp(db: Database, config = testConfig()): App {
  const logger = createLogger(config.logLevel);
  const pubsub = createPubSub({ logger });
  return { config, db, logger, pubsub, sla: createSlaMonitor({ db, pubsub, logger, config }) };
}

/** Executes an operation in-process, as the given viewer, with a fresh context. */
export async function run<TResult, TVariables = Record<string, unknown>>(
  app: App,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode | string,
  variables?: TVariables,
  viewer: Viewer | null = viewers.admin,
): Promise<ExecutionResult<TResult>> {
  const result = await execute({
    schema,
    document: typeof document === 'string' ? parse(document) : document,
    variableValues: variables as Record<string, unknown> | undefined,
    contextValue: createContext(app, viewer),
  });
  return result as ExecutionResult<TResult>;
}

/** Like `run`, but fails the test on any GraphQL error. */
export async function runOk<TResult, TVariables = Record<string, unknown>>(
  app: App,
  document: TypedDocumentNode<TResult, TVariables> | DocumentNode | string,
  variables?: TVariables,
  viewer: Viewer | null = viewers.admin,
): Promise<TResult> {
  const result = await run(app, document, variables, viewer);
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.data as TResult;
}

/** A real Radar on a random port, over an already opened test database. */
export function startTestServer(
  db: Database,
  overrides: Partial<Record<string, string>> = {},
): Promise<Radar> {
  const config = testConfig(overrides);
  return startRadar(config, createLogger(config.logLevel), { db });
}

/** For a suite: a fresh database of `kind` and a real Radar on it, both closed after the suite. */
export function serveForSuite(
  kind: DatabaseKind,
  overrides: Partial<Record<string, string>> = {},
): { readonly db: TestDatabase; readonly radar: Radar } {
  const server = {} as { db: TestDatabase; radar: Radar };
  beforeAll(async () => {
    server.db = await openTestDatabase(kind);
    server.radar = await startTestServer(server.db, overrides);
  });
  afterAll(async () => {
    await server.radar?.close();
    await server.db?.close();
  });
  return server;
}
