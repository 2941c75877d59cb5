import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../test/clients.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../test/databases.js';
import { adminToken, testConfig } from '../test/harness.js';
import { createLogger } from './logger.js';
import { type Radar, startRadar } from './radar.js';

describeEachDatabase('unexpected errors', (kind) => {
  let db: TestDatabase;
  let radar: Radar;
  const logs: string[] = [];
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // The agents query fails inside the server, with a message that must not reach clients.
    const prisma = new Proxy(db.prisma, {
      get(target, property) {
        if (property === 'agent') {
          return new Proxy(target.agent, {
            get(agents, method) {
              if (method === 'findMany') return () => Promise.reject(new Error('secret internal detail 42'));
              return Reflect.get(agents, method);
            },
          });
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const config = testConfig({ LOG_LEVEL: 'error' });
    radar = await startRadar(config, createLogger('error', sink), { db: { ...db, prisma } });
  });
  afterAll(async () => {
    await radar?.close();
    await db?.close();
  });

  it('are masked for clients over HTTP and WebSocket, and logged with their stack', async () => {
    const http = await httpGraphQL(radar.url, adminToken, '{ agents { id } }');
    expect(http.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(http)).not.toContain('secret internal detail');

    const client = wsClient(radar.url, adminToken);
    const overWs = collect(client, '{ agents { id } }');
    const [result] = await overWs.next(1);
    expect(result?.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toContain('secret internal detail');
    await client.dispose();

    const logged = logs.filter((line) => line.includes('secret internal detail 42'));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged[0]).toMatch(/"stack":"Error: secret internal detail 42/);
  });
});
