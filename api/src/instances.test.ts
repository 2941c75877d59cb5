import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../test/clients.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../test/databases.js';
import { type RadarProcess, spawnRadar } from '../test/process.js';
import { loadScenario } from '../test/scenario-data.js';
import { deliver, webhookUrl } from '../tools/simulator/deliver.js';

const adminToken = 'instances-admin-token-0123456789';
const webhookToken = 'instances-webhook-token-0123456789';
const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(databaseKinds.includes('postgres') && redisUrl)(
  'two Radar instances on one PostgreSQL and Redis',
  () => {
    let db: TestDatabase;
    const instances: RadarProcess[] = [];
    const start = () =>
      spawnRadar({
        DATABASE_URL: db.url as string,
        REDIS_URL: redisUrl as string,
        RADAR_ADMIN_TOKEN: adminToken,
        UMBLER_WEBHOOK_TOKEN: webhookToken,
        LOG_LEVEL: 'warn',
      });
    beforeAll(async () => {
      db = await openTestDatabase('postgres');
      instances.push(await start(), await start());
    });
    afterAll(async () => {
      for (const radar of instances) {
        if (radar.child.exitCode === null) radar.child.kill('SIGKILL');
        await radar.exited();
      }
      await db?.close();
    });

    it('share one inbox and every change: killing one in the middle of a burst loses nothing answered 2xx', async () => {
      const [a, b] = instances as [RadarProcess, RadarProcess];
      const client = wsClient(b.url, adminToken);
      const updates = collect(client, 'subscription { conversationUpdated { externalId } }');
      await new Promise((resolve) => setTimeout(resolve, 300));

      const deliveries = loadScenario('two-days').deliveries.slice(0, 400);
      const answered = new Set<string>();
      let killed = false;
      for (const [index, delivery] of deliveries.entries()) {
        if (index === 200) {
          a.child.kill('SIGKILL');
          await a.exited();
          killed = true;
        }
        const target = killed || index % 2 === 1 ? b : a;
        const answer = await deliver(webhookUrl(target.url, webhookToken), JSON.stringify(delivery.body), {
          attempt: delivery.attempt,
        });
        if (answer.status < 300) answered.add((delivery.body as { EventId: string }).EventId);
      }
      // Changes applied by either instance reached the subscriber on B, through Redis.
      await updates.next(1, 10_000);

      const deadline = Date.now() + 60_000;
      for (;;) {
        const status = await httpGraphQL(b.url, adminToken, '{ ingestStatus { pending } }');
        if (status.data?.ingestStatus.pending === 0) break;
        if (Date.now() > deadline) throw new Error('the inbox did not drain');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const stored = await db.prisma.webhookEvent.findMany({
        where: { eventId: { in: [...answered] } },
        select: { eventId: true, status: true },
      });
      expect(stored.map((row) => row.eventId).sort()).toEqual([...answered].sort());
      expect(stored.every((row) => row.status === 'PROCESSED')).toBe(true);
      // Each message once: applying an event twice could not add a second row, but would not fail either.
      const messages = await db.prisma.$queryRaw<{ dup: bigint }[]>`
      SELECT count(*) - count(DISTINCT external_id) AS dup FROM messages`;
      expect(Number(messages[0]?.dup)).toBe(0);
      updates.stop();
      await client.dispose();
    });
  },
);
