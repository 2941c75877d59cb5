// pnpm bench ingest [--pglite] [--burst=4000] [--senders=16] [--rate=200] [--ack-seconds=15]
//                   [--backlog=100000] [--repeat=3] [--cpu-prof-dir=<dir>]
//
// Measures the ingest engine against a real Radar process, beside a reference measured in the
// same run on the same database: the single-row INSERT ceiling (pgbench, 8 clients, ~2 KB rows
// with a unique key on PostgreSQL; the same INSERT in a loop on PGlite, which has one
// connection). Prints, per repetition and as the median:
//   - the burst: `--burst` deliveries posted by `--senders` concurrent senders, events/s until
//     the inbox is drained, and its ratio to the ceiling;
//   - the webhook's answer (ack) p50/p99/max at `--rate` deliveries/s offered while a backlog,
//     stored before Radar starts, drains (after one uncounted second of the same load);
//   - once, the time to drain `--backlog` PENDING events stored before Radar starts.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { writeBatch } from '../src/db/write-batch.js';
import { type RadarProcess, spawnRadar } from '../test/process.js';
import type { Delivery } from '../test/scenario-data.js';
import { throwawayPostgres } from './bench-support.js';
import { deliver, forEachBounded, webhookUrl } from './simulator/deliver.js';
import { generateTraffic } from './simulator/traffic.js';

const { values: options } = parseArgs({
  options: {
    pglite: { type: 'boolean', default: false },
    burst: { type: 'string', default: '4000' },
    senders: { type: 'string', default: '16' },
    rate: { type: 'string', default: '200' },
    'ack-seconds': { type: 'string', default: '15' },
    backlog: { type: 'string', default: '100000' },
    repeat: { type: 'string', default: '3' },
    'cpu-prof-dir': { type: 'string' },
  },
  allowPositionals: true,
});
const burst = Number(options.burst);
const senders = Number(options.senders);
const rate = Number(options.rate);
const ackSeconds = Number(options['ack-seconds']);
const backlog = Number(options.backlog);
const repeat = Number(options.repeat);
const adminToken = 'bench-admin-token-0123456789';
/** Events waiting when the ack phase starts: more than either database drains in its duration. */
const backlogForAck = options.pglite ? 6_000 : 40_000;
const webhookToken = 'bench-webhook-token-0123456789';

interface Target {
  /** Radar's environment for this database. */
  env: Record<string, string>;
  /** Stores PENDING bodies before Radar starts (the backlog). */
  preload(bodies: string[]): Promise<void>;
  /** Single-row INSERTs per second, same database. */
  ceiling(): Promise<number>;
  drop(): Promise<void>;
}

async function postgresTarget(): Promise<Target> {
  const server = await throwawayPostgres();
  const db = await openDatabase({ url: server.url });
  await migrate(db);
  return {
    env: { DATABASE_URL: server.url },
    async preload(bodies) {
      await preloadInbox(db, bodies);
    },
    async ceiling() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query('DROP TABLE IF EXISTS bench_ceiling');
      await client.query('CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, key text UNIQUE, body text)');
      await client.end();
      const script = path.join(os.tmpdir(), `radar-ceiling-${process.pid}.sql`);
      fs.writeFileSync(
        script,
        "INSERT INTO bench_ceiling (key, body) VALUES (md5(random()::text || clock_timestamp()::text), repeat('x', 2000));\n",
      );
      const pgbench = pgbenchPath();
      const output = execFileSync(
        pgbench,
        ['-n', '-c', '8', '-j', '2', '-T', '10', '-f', script, server.url],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
      if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's output:\n${output}`);
      return tps;
    },
    async drop() {
      await db.close().catch(() => {});
      await server.drop();
    },
  };
}

function pgbenchPath(): string {
  for (const dir of ['/usr/lib/postgresql']) {
    if (!fs.existsSync(dir)) continue;
    for (const version of fs.readdirSync(dir).sort().reverse()) {
      const candidate = path.join(dir, version, 'bin', 'pgbench');
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return 'pgbench';
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'radar-bench-'));
  return {
    env: { DATA_DIR: dataDir },
    async preload(bodies) {
      const db = await openDatabase({ dataDir });
      await migrate(db);
      await preloadInbox(db, bodies);
      await db.close();
    },
    async ceiling() {
      const lite = await PGlite.create();
      await lite.exec('CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, key text UNIQUE, body text)');
      const body = 'x'.repeat(2000);
      const started = performance.now();
      let rows = 0;
      while (performance.now() - started < 5000) {
        await lite.query('INSERT INTO bench_ceiling (key, body) VALUES ($1, $2)', [randomUUID(), body]);
        rows++;
      }
      const perSecond = rows / ((performance.now() - started) / 1000);
      await lite.close();
      return perSecond;
    },
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function preloadInbox(db: Awaited<ReturnType<typeof openDatabase>>, bodies: string[]) {
  for (let i = 0; i < bodies.length; i += 1000) {
    const chunk = bodies.slice(i, i + 1000).map((rawBody) => {
      const body = JSON.parse(rawBody);
      return { event_id: body.EventId, type: body.Type, key: body.Payload.Content.Id, raw: rawBody };
    });
    await db.prisma.$executeRaw`
      INSERT INTO webhook_events (source, event_id, type, conversation_key, raw_body, status)
      SELECT 'umbler', event_id, type, key, raw, 'PENDING'
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(event_id text, type text, key text, raw text)`;
  }
}

/** Realistic bodies, none in the future, each with its own EventId. */
function traffic(events: number): string[] {
  const durationMs = 8 * 3_600_000;
  const deliveries: Delivery[] = [];
  while (deliveries.length < events) {
    // Every delivery a new event: what is counted is events applied.
    const faults = { retries: 0, duplicates: 0 };
    deliveries.push(
      ...generateTraffic(Math.ceil(events / 8), durationMs, Date.now() - 2 * durationMs, faults),
    );
  }
  return deliveries
    .sort((a, b) => a.deliverAtMs - b.deliverAtMs)
    .slice(0, events)
    .map((delivery) => JSON.stringify(delivery.body));
}

async function ingestStatus(url: string): Promise<{ pending: number }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query: '{ ingestStatus { pending } }' }),
  });
  const body = (await response.json()) as { data: { ingestStatus: { pending: number } } };
  return body.data.ingestStatus;
}

async function drained(url: string): Promise<number> {
  for (;;) {
    if ((await ingestStatus(url)).pending === 0) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function start(target: Target): Promise<RadarProcess> {
  const profiles = options['cpu-prof-dir'];
  return spawnRadar(
    {
      ...target.env,
      RADAR_ADMIN_TOKEN: adminToken,
      UMBLER_WEBHOOK_TOKEN: webhookToken,
      LOG_LEVEL: 'warn',
    },
    // One .cpuprofile per Radar process, written when it exits (open it in Chrome's DevTools).
    { nodeArgs: profiles ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profiles)}`] : [] },
  );
}

async function stop(radar: RadarProcess) {
  radar.child.kill('SIGTERM');
  await radar.exited();
}

/** `count` deliveries from `concurrency` senders as fast as they are answered. */
async function postBurst(url: string, bodies: string[], concurrency: number) {
  const hook = webhookUrl(url, webhookToken);
  await forEachBounded(bodies, concurrency, async (body) => {
    const answer = await deliver(hook, body);
    if (answer.status >= 300) throw new Error(`delivery answered ${answer.status}`);
  });
}

/** Deliveries at a fixed rate, whatever the answers: their answer times. */
async function postAtRate(url: string, bodies: string[], perSecond: number): Promise<number[]> {
  const hook = webhookUrl(url, webhookToken);
  const latencies: number[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const [index, body] of bodies.entries()) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      (async () => {
        const sent = performance.now();
        const answer = await deliver(hook, body);
        latencies.push(performance.now() - sent);
        if (answer.status >= 300) throw new Error(`delivery answered ${answer.status}`);
      })(),
    );
  }
  await Promise.all(inFlight);
  return latencies.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const kind = options.pglite ? 'PGlite (on disk, in the Radar process)' : 'PostgreSQL';
  console.log(`Radar ingest bench on ${kind}, ${os.cpus().length} cores`);
  const runs: { ceiling: number; burstRate: number; afterLast: number; ack: number[] }[] = [];
  for (let run = 1; run <= repeat; run++) {
    const target = options.pglite ? await pgliteTarget() : await postgresTarget();
    try {
      const ceiling = await target.ceiling();
      const radar = await start(target);
      try {
        const bodies = traffic(burst);
        const burstBodies = bodies.slice(0, burst);
        const started = performance.now();
        await postBurst(radar.url, burstBodies, senders);
        const lastPosted = performance.now();
        const done = await drained(radar.url);
        const burstRate = burst / ((done - started) / 1000);

        await stop(radar);
        // A backlog stored before Radar starts drains while deliveries arrive at a fixed rate.
        const ack = await ackWhileDraining();
        runs.push({ ceiling, burstRate, afterLast: (done - lastPosted) / 1000, ack });
        console.log(
          `run ${run}: ceiling ${ceiling.toFixed(0)} INSERT/s; burst of ${burst} from ${senders} senders ${burstRate.toFixed(0)} events/s ` +
            `(${(burstRate / ceiling).toFixed(3)}× the ceiling, drained ${((done - lastPosted) / 1000).toFixed(1)} s after the last delivery); ` +
            `ack at ${rate}/s while draining p50 ${ms(quantile(ack, 0.5))} p99 ${ms(quantile(ack, 0.99))} max ${ms(ack.at(-1) ?? 0)}`,
        );
      } finally {
        if (radar.child.exitCode === null) await stop(radar);
      }
    } finally {
      await target.drop();
    }
  }
  const ceiling = median(runs.map((r) => r.ceiling));
  const burstRate = median(runs.map((r) => r.burstRate));
  console.log(`\nmedian of ${runs.length}:`);
  console.log(`  INSERT ceiling              ${ceiling.toFixed(0)} rows/s`);
  console.log(
    `  burst                       ${burstRate.toFixed(0)} events/s = ${(burstRate / ceiling).toFixed(3)}× the ceiling`,
  );
  console.log(`  drained after last delivery ${median(runs.map((r) => r.afterLast)).toFixed(1)} s`);
  console.log(`  ack p50                     ${ms(median(runs.map((r) => quantile(r.ack, 0.5))))}`);
  console.log(`  ack p99                     ${ms(median(runs.map((r) => quantile(r.ack, 0.99))))}`);
  console.log(`  ack max                     ${ms(median(runs.map((r) => r.ack.at(-1) ?? 0)))}`);

  await longConversation();

  if (backlog > 0) {
    const target = options.pglite ? await pgliteTarget() : await postgresTarget();
    try {
      await target.preload(traffic(backlog));
      const started = performance.now();
      const radar = await start(target);
      try {
        const done = await drained(radar.url);
        const seconds = (done - started) / 1000;
        console.log(
          `  backlog of ${backlog} drained in ${seconds.toFixed(1)} s (${(backlog / seconds).toFixed(0)} events/s, start-up included)`,
        );
      } finally {
        await stop(radar);
      }
    } finally {
      await target.drop();
    }
  }
}

await main();

/** Ack latency at `rate`/s offered while a backlog (enough for the whole phase) drains. */
async function ackWhileDraining(): Promise<number[]> {
  const target = options.pglite ? await pgliteTarget() : await postgresTarget();
  try {
    const all = traffic(backlogForAck + rate * (ackSeconds + 1));
    await target.preload(all.slice(0, backlogForAck));
    const radar = await start(target);
    try {
      // One second of the same load first, not counted: what is measured is the steady state.
      await postAtRate(radar.url, all.slice(backlogForAck, backlogForAck + rate), rate);
      const ack = await postAtRate(radar.url, all.slice(backlogForAck + rate), rate);
      const pending = (await ingestStatus(radar.url)).pending;
      if (pending === 0) console.log('  (the backlog drained before the ack phase ended: use a larger one)');
      return ack;
    } finally {
      await stop(radar);
    }
  } finally {
    await target.drop();
  }
}

/** One event at a time into a 1,000-message chat: does an event cost more at its end? */
async function longConversation() {
  const db = options.pglite ? await openDatabase({ memory: true }) : null;
  const target = db ? null : await postgresTarget();
  const database = db ?? (await openDatabase({ url: (target as Target).env.DATABASE_URL as string }));
  try {
    await migrate(database);
    const start = Date.now() - 2 * 86_400_000;
    const costs: number[] = [];
    for (let n = 0; n < 1000; n++) {
      const at = new Date(start + n * 30_000);
      const agent = n % 2 === 1;
      const fact = {
        conversationExternalId: 'bench-long-chat',
        occurredAt: at,
        changes: ['MESSAGE_ADDED' as const],
        assigneeExternalId: 'bench-agent',
        open: true,
        message: {
          externalId: `bench-long-${n}`,
          sentAt: at,
          sender: agent ? ('AGENT' as const) : ('CUSTOMER' as const),
          isNote: false,
          agentExternalId: agent ? 'bench-agent' : null,
          type: 'TEXT',
          text: 'mensagem',
          signatureName: null,
          file: null,
          ad: null,
        },
      };
      const started = performance.now();
      await database.prisma.$transaction((tx) =>
        writeBatch(tx, [{ key: `bench-long-event-${n}`, fact }], 'America/Sao_Paulo'),
      );
      costs.push(performance.now() - started);
    }
    const first = median(costs.slice(10, 60));
    const last = median(costs.slice(-50));
    console.log(
      `  1,000-message chat           event cost ${ms(first)} near the start, ${ms(last)} at the end (${(last / first).toFixed(2)}×)`,
    );
  } finally {
    await database.close();
    await target?.drop();
  }
}
