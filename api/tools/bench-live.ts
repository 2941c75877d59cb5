// pnpm bench live [--pglite] [--subscribers=1000,5000] [--events=20]
//
// Opens that many real WebSocket subscribers on a real Radar process (half `conversationUpdated`,
// half `liveOverview`, as dashboards do), posts webhook events one at a time, and prints per size
// the time from the POST to each subscriber's push (p50/p99/max), the share of pushes delivered,
// and the server's JavaScript heap per idle subscriber. The reference measured in the same run is one
// subscriber: the push latency of a lone dashboard on the same machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { type RadarProcess, spawnRadar } from '../test/process.js';
import { throwawayPostgres } from './bench-support.js';
import { deliver, webhookUrl } from './simulator/deliver.js';
import { generateTraffic } from './simulator/traffic.js';

const { values: options } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    subscribers: { type: 'string', default: '1000,5000' },
    events: { type: 'string', default: '20' },
  },
  allowPositionals: true,
});
const sizes = [1, ...String(options.subscribers).split(',').map(Number)];
const events = Number(options.events);
const adminToken = 'bench-admin-token-0123456789';
const webhookToken = 'bench-webhook-token-0123456789';

async function target(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (options.pglite) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-bench-live-'));
    return {
      env: { DATA_DIR: dataDir },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const server = await throwawayPostgres('radar_bench_live');
  return { env: { DATABASE_URL: server.url }, drop: () => server.drop() };
}

async function heapUsedBytes(url: string): Promise<number> {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })
  ).text();
  return Number(/^radar_nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1]);
}

interface Subscriber {
  socket: WebSocket;
  pushes: number[];
}

/**
 * One dashboard's subscription over a plain socket speaking graphql-transport-ws: a push is timed
 * when its frame arrives, before any parsing, so that what the load generator (on the same
 * machine) spends on a thousand clients is not counted as the server's latency.
 */
function subscribe(url: string, kind: 'updated' | 'overview'): Promise<Subscriber> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const subscriber: Subscriber = { socket, pushes: [] };
  const query =
    kind === 'updated'
      ? 'subscription { conversationUpdated { id status waitingSince lastMessage { text } assignee { name } } }'
      : 'subscription { liveOverview { waiting queued inProgress bot agents { agent { name } openConversations } } }';
  return new Promise((resolve, reject) => {
    // liveOverview sends its current value at once: the subscriber is ready after it.
    let ready = kind === 'updated';
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${adminToken}` } }),
      ),
    );
    socket.on('message', (data) => {
      const at = performance.now();
      const text = String(data);
      if (text.includes('"connection_ack"')) {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        if (ready) resolve(subscriber);
      } else if (text.includes('"next"')) {
        if (ready) subscriber.pushes.push(at);
        else {
          ready = true;
          resolve(subscriber);
        }
      } else if (text.includes('"error"')) reject(new Error(text));
    });
    socket.on('error', reject);
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);

async function measure(size: number, bodies: string[]) {
  const db = await target();
  let radar: RadarProcess | null = null;
  try {
    radar = await spawnRadar({
      ...db.env,
      RADAR_ADMIN_TOKEN: adminToken,
      UMBLER_WEBHOOK_TOKEN: webhookToken,
      LOG_LEVEL: 'warn',
    });
    const hook = webhookUrl(radar.url, webhookToken);
    // Warm up: the first event pays for connections and code paths that are then ready.
    await deliver(hook, bodies[0] as string);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await heapUsedBytes(radar.url);
    const subscribers: Subscriber[] = [];
    for (let i = 0; i < size; i += 200) {
      const chunk = Array.from({ length: Math.min(200, size - i) }, (_, j) =>
        subscribe(radar!.url, (i + j) % 2 === 0 ? 'overview' : 'updated'),
      );
      subscribers.push(...(await Promise.all(chunk)));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await heapUsedBytes(radar.url);
    const latencies: number[] = [];
    let delivered = 0;
    for (let e = 1; e <= events; e++) {
      for (const s of subscribers) s.pushes.length = 0;
      const posted = performance.now();
      const answer = await deliver(hook, bodies[e] as string);
      if (answer.status >= 300) throw new Error(`delivery answered ${answer.status}`);
      const deadline = posted + 5_000;
      while (subscribers.some((s) => s.pushes.length === 0) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      for (const s of subscribers) {
        if (s.pushes.length === 0) continue;
        delivered++;
        latencies.push((s.pushes[0] as number) - posted);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    for (const s of subscribers) s.socket.close();
    latencies.sort((a, b) => a - b);
    return {
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.at(-1) ?? 0,
      share: delivered / (size * events),
      perSubscriberKiB: (after - before) / size / 1024,
    };
  } finally {
    if (radar) {
      radar.child.kill('SIGTERM');
      await radar.exited();
    }
    await db.drop();
  }
}

async function main() {
  const d = 4 * 3_600_000;
  const bodies = generateTraffic(events * 4, d, Date.now() - 2 * d, { retries: 0, duplicates: 0 })
    .filter((delivery) => (delivery.body as { Type: string }).Type === 'Message')
    .map((delivery) => JSON.stringify(delivery.body));
  console.log(
    `Radar live bench on ${options.pglite ? 'PGlite' : 'PostgreSQL'}, ${os.cpus().length} cores, ${events} events per size`,
  );
  console.log(
    `${'subscribers'.padEnd(12)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}${'delivered'.padStart(11)}${'KiB/sub'.padStart(10)}`,
  );
  for (const size of sizes) {
    const r = await measure(size, bodies);
    const memory = size === 1 ? '-' : r.perSubscriberKiB.toFixed(1);
    console.log(
      `${String(size).padEnd(12)}${ms(r.p50)}${ms(r.p99)}${ms(r.max)}${`${(r.share * 100).toFixed(1)}%`.padStart(11)}${memory.padStart(10)}`,
    );
  }
}

await main();
