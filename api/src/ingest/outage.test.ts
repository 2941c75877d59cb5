import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.js';
import { adminToken, webhookToken } from '../../test/harness.js';
import { ownPostgres, postgresBinaries } from '../../test/own-postgres.js';
import { type RadarProcess, spawnRadar } from '../../test/process.js';
import { deliver, webhookUrl } from '../../tools/simulator/deliver.js';
import { generateTraffic } from '../../tools/simulator/traffic.js';
import { openDatabase } from '../db/client.js';

// A PostgreSQL cluster of the test's own is stopped for 30 s, then frozen with SIGSTOP, then
// stopped again while Radar is killed with SIGKILL. Umbler pauses a webhook after 100 failed
// deliveries a day: every delivery must still be answered 2xx within a second, kept, and applied
// exactly once when the database is back, without restarting Radar.

const SECOND = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(databaseKinds.includes('postgres') && postgresBinaries() !== null)(
  'a PostgreSQL outage',
  () => {
    it('spools deliveries to disk, answers them in time, and moves them into the inbox exactly once', {
      timeout: 240_000,
    }, async () => {
      const cluster = await ownPostgres();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-outage-'));
      const env = {
        DATABASE_URL: cluster.url,
        DATA_DIR: dataDir,
        RADAR_ADMIN_TOKEN: adminToken,
        UMBLER_WEBHOOK_TOKEN: webhookToken,
        LOG_LEVEL: 'info',
      };
      const bodies = generateTraffic(60, 3_600_000, Date.now() - 2 * 3_600_000, {
        seed: 7,
        retries: 0,
        duplicates: 0,
      }).map((delivery) => JSON.stringify(delivery.body));
      const eventIds = new Set(bodies.map((body) => JSON.parse(body).EventId as string));
      expect(eventIds.size).toBe(bodies.length);
      expect(bodies.length).toBeGreaterThanOrEqual(212);
      let next = 0;
      let radar: RadarProcess | null = await spawnRadar(env);
      const hook = () => webhookUrl((radar as RadarProcess).url, webhookToken);
      const answers: { status: number; ms: number }[] = [];

      /** Delivers `count` bodies, `perSecond`, recording each answer's status and time. */
      const deliverSome = async (count: number, perSecond = 4) => {
        const sent: Promise<void>[] = [];
        for (let i = 0; i < count && next < bodies.length; i++) {
          const body = bodies[next++] as string;
          sent.push(
            (async () => {
              const started = performance.now();
              const answer = await deliver(hook(), body);
              answers.push({ status: answer.status, ms: performance.now() - started });
            })(),
          );
          await sleep(SECOND / perSecond);
        }
        await Promise.all(sent);
      };
      const readyz = async () => {
        const started = performance.now();
        const response = await fetch(`${(radar as RadarProcess).url}/readyz`);
        return { status: response.status, body: await response.json(), ms: performance.now() - started };
      };
      const graphqlCode = async () => {
        const response = await fetch(`${(radar as RadarProcess).url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
          body: JSON.stringify({ query: '{ ingestStatus { pending } }' }),
        });
        const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
        return { status: response.status, code: body.errors?.[0]?.extensions.code };
      };
      /** Everything delivered so far is in the inbox, once, and applied. */
      const allApplied = async () => {
        const deadline = Date.now() + 60 * SECOND;
        for (;;) {
          const db = await openDatabase({ url: cluster.url });
          try {
            const rows = await db.prisma.webhookEvent.groupBy({ by: ['status'], _count: true });
            const count = (status: string) => rows.find((row) => row.status === status)?._count ?? 0;
            if (count('PROCESSED') === next || Date.now() > deadline) {
              expect(rows.filter((row) => row.status !== 'PROCESSED')).toEqual([]);
              expect(count('PROCESSED')).toBe(next);
              const stored = await db.prisma.webhookEvent.findMany({ select: { eventId: true } });
              expect(new Set(stored.map((row) => row.eventId)).size).toBe(next);
              expect(stored.every((row) => eventIds.has(row.eventId as string))).toBe(true);
              return;
            }
          } finally {
            await db.close();
          }
          await sleep(250);
        }
      };
      const expectAnsweredInTime = () => {
        expect(answers.filter((answer) => answer.status < 200 || answer.status >= 300)).toEqual([]);
        expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(SECOND);
      };

      try {
        await deliverSome(20, 20);
        await allApplied();

        // Stopped for 30 s: deliveries go to the spool; readiness and GraphQL say why.
        cluster.stop();
        const stopped = deliverSome(120, 4);
        await sleep(2 * SECOND);
        const notReady = await readyz();
        expect(notReady.status).toBe(503);
        expect(notReady.body.status).toBe('database unavailable');
        expect(notReady.ms).toBeLessThan(SECOND);
        expect(await graphqlCode()).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
        // Exports say so in JSON before any byte of a file.
        for (const table of ['cycles', 'agents']) {
          const period = 'from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z';
          const exported = await fetch(`${(radar as RadarProcess).url}/api/exports/${table}.csv?${period}`, {
            headers: { authorization: `Bearer ${adminToken}` },
          });
          expect(exported.status, table).toBe(503);
          expect((await exported.json()).code, table).toBe('DATABASE_UNAVAILABLE');
        }
        await stopped;
        expect((await readyz()).body.spooled).toBeGreaterThan(100);
        cluster.start();
        // Back without a restart: all of it in the inbox, once, and applied.
        await allApplied();
        const ready = await readyz();
        expect(ready.status).toBe(200);
        expect(ready.body.spooled).toBe(0);
        expectAnsweredInTime();

        // Frozen: connections stay open and nothing answers.
        answers.length = 0;
        cluster.freeze();
        const frozen = deliverSome(32, 4);
        await sleep(2 * SECOND);
        const frozenReady = await readyz();
        expect(frozenReady.status).toBe(503);
        expect(frozenReady.ms).toBeLessThan(SECOND);
        await frozen;
        cluster.thaw();
        await allApplied();
        expectAnsweredInTime();

        // Stopped again, and Radar killed with SIGKILL: what it answered 2xx is on disk.
        answers.length = 0;
        cluster.stop();
        await deliverSome(40, 10);
        expectAnsweredInTime();
        radar.child.kill('SIGKILL');
        await radar.exited();
        radar = null;
        cluster.start();
        radar = await spawnRadar(env);
        await allApplied();
        expect(next).toBe(212);
      } finally {
        if (radar && radar.child.exitCode === null) {
          radar.child.kill('SIGKILL');
          await radar.exited();
        }
        cluster.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  },
);
