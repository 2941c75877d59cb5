import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase } from '../../../test/databases.js';
import { adminToken, webhookToken } from '../../../test/harness.js';
import { loadScenario } from '../../../test/scenario-data.js';
import { graphql, liveState } from '../../../test/webhook-support.js';
import { deliver, forEachBounded, webhookUrl } from '../../../tools/simulator/deliver.js';
import { type Database, openDatabase } from '../../db/client.js';

// A real Radar process killed with SIGKILL while Umbler is delivering: whatever it answered 2xx
// must survive, and the events it had not processed yet are processed after the restart.

const apiRoot = fileURLToPath(new URL('../../../', import.meta.url));
const KILL_AFTER_ANSWERS = 60;

interface Target {
  env: Record<string, string>;
  /** PENDING events in the database, read while no Radar runs. */
  pendingEvents(): Promise<number>;
  cleanup(): Promise<void>;
}

const countPending = (db: Database) => db.prisma.webhookEvent.count({ where: { status: 'PENDING' } });

async function pgliteTarget(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radar-crash-'));
  return {
    env: { DATA_DIR: dataDir },
    async pendingEvents() {
      const db = await openDatabase({ dataDir });
      try {
        return await countPending(db);
      } finally {
        await db.close();
      }
    },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const db = await openTestDatabase('postgres');
  return { env: { DATABASE_URL: db.url! }, pendingEvents: () => countPending(db), cleanup: () => db.close() };
}

describeEachDatabase('a Radar killed with SIGKILL mid-stream', (kind) => {
  it('keeps every answered delivery and processes it after the restart', { timeout: 240_000 }, async () => {
    const target = kind === 'pglite' ? await pgliteTarget() : await postgresTarget();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const url = webhookUrl(baseUrl, webhookToken);
    const { deliveries, expected } = loadScenario('tiny');
    let radar = await startRadarProcess(port, target.env);
    try {
      const answered = new Map<number, number>();
      const unanswered: number[] = [];
      let killed: Promise<unknown> | null = null;
      await forEachBounded(deliveries, 16, async (delivery, index) => {
        if (killed) {
          unanswered.push(index);
          return;
        }
        try {
          const answer = await deliver(url, JSON.stringify(delivery.body), { attempt: delivery.attempt });
          answered.set(index, answer.status);
        } catch {
          unanswered.push(index);
        }
        if (answered.size === KILL_AFTER_ANSWERS && !killed) {
          killed = once(radar, 'exit');
          radar.kill('SIGKILL');
        }
      });
      await killed;
      expect(answered.size).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS);
      expect(unanswered.length).toBeGreaterThan(0);

      // Answered but not yet processed when the process died: the restart must pick them up.
      expect(await target.pendingEvents()).toBeGreaterThan(0);
      radar = await startRadarProcess(port, target.env);
      // Like Umbler: what got no answer is delivered again, as a later attempt.
      for (const index of unanswered.sort((a, b) => a - b)) {
        const delivery = deliveries[index]!;
        const answer = await deliver(url, JSON.stringify(delivery.body), { attempt: delivery.attempt + 1 });
        answered.set(index, answer.status);
      }
      expect([...answered.values()].filter((status) => status !== 202 && status !== 200)).toEqual([]);

      const inbox = await drainedInbox(baseUrl);
      for (const index of answered.keys()) {
        const { EventId } = deliveries[index]!.body as { EventId: string };
        expect(inbox.get(EventId), EventId).toBe('PROCESSED');
      }
      expect(await liveState(baseUrl, adminToken)).toEqual(expected.live);
    } finally {
      if (radar.exitCode === null && radar.signalCode === null) {
        radar.kill('SIGTERM');
        await once(radar, 'exit');
      }
      await target.cleanup();
    }
  });
});

function startRadarProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const { DATABASE_URL: _ignored, DATA_DIR: _default, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: {
      ...inherited,
      PORT: String(port),
      RADAR_ADMIN_TOKEN: adminToken,
      UMBLER_WEBHOOK_TOKEN: webhookToken,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const exited = () => reject(new Error(`Radar exited while starting:\n${output}`));
    child.once('exit', exited);
    const poll = async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (response.ok) {
          child.off('exit', exited);
          resolve(child);
          return;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        reject(new Error(`Radar did not become ready:\n${output}`));
        return;
      }
      setTimeout(poll, 100);
    };
    void poll();
  });
}

/** Every inbox event's status once none is PENDING, read through the admin GraphQL API. */
async function drainedInbox(baseUrl: string): Promise<Map<string, string>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const statuses = new Map<string, string>();
    let after: string | null = null;
    for (let hasNextPage = true; hasNextPage; ) {
      const page: {
        webhookEvents: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { eventId: string | null; status: string } }[];
        };
      } = await graphql(
        baseUrl,
        adminToken,
        `query Inbox($after: String) {
          webhookEvents(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            edges { node { eventId status } }
          }
        }`,
        { after },
      );
      for (const { node } of page.webhookEvents.edges) statuses.set(node.eventId ?? '', node.status);
      hasNextPage = page.webhookEvents.pageInfo.hasNextPage;
      after = page.webhookEvents.pageInfo.endCursor;
    }
    if (![...statuses.values()].includes('PENDING')) return statuses;
    if (Date.now() > deadline) throw new Error('the inbox did not drain after the restart');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
