import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Delivery, loadScenario, SCENARIOS } from '../test/scenario-data.js';
import { deliver, webhookUrl } from './simulator/deliver.js';
import { generateTraffic, shiftToNow } from './simulator/traffic.js';

const usage = `Posts realistic Umbler Talk webhook traffic to a running Radar.

  pnpm simulate [options]

  --url <url>          Radar's address (default http://localhost:4000)
  --token <token>      the webhook token (default: $UMBLER_WEBHOOK_TOKEN)
  --scenario <name>    ${SCENARIOS.join(', ')}, or the path of an events.jsonl (default tiny)
  --speed <n|max>      replay n times faster than real time, or as fast as possible (default 1)
  --shift-to-now       move every timestamp by one offset so the traffic looks current: the
                       scenario's last event is now, none is in the future
  --generate <chats>   instead of a scenario, make up traffic for that many chats
  --minutes <n>        how long generated traffic lasts, in real minutes (default 10)
  --seed <n>           generated traffic is the same for the same seed (bots, notes, transfers,
                       reopens, retries and duplicates included)
  --concurrency <n>    deliveries in flight at most (default 8)
  --help`;

interface Options {
  url: string;
  token: string;
  speed: number;
  concurrency: number;
}

interface Totals {
  sent: number;
  accepted: number;
  duplicates: number;
  ignored: number;
  rejected: number;
  errors: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:4000' },
      token: { type: 'string' },
      scenario: { type: 'string', default: 'tiny' },
      speed: { type: 'string', default: '1' },
      'shift-to-now': { type: 'boolean', default: false },
      generate: { type: 'string' },
      minutes: { type: 'string', default: '10' },
      seed: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const token = values.token ?? process.env.UMBLER_WEBHOOK_TOKEN;
  if (!token) {
    console.error('A webhook token is required: --token <token> or UMBLER_WEBHOOK_TOKEN.\n');
    console.error(usage);
    return 2;
  }
  const speed = values.speed === 'max' ? Number.POSITIVE_INFINITY : Number(values.speed);
  const concurrency = Number(values.concurrency);
  if (!(speed > 0) || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error('--speed must be a positive number or max, --concurrency a positive whole number.');
    return 2;
  }
  const options: Options = { url: values.url, token, speed, concurrency };

  let deliveries: Delivery[];
  let label: string;
  if (values.generate !== undefined) {
    const chats = Number(values.generate);
    const minutes = Number(values.minutes);
    if (!Number.isInteger(chats) || chats < 1 || !(minutes > 0)) {
      console.error('--generate takes a number of chats, --minutes a positive number.');
      return 2;
    }
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    deliveries = generateTraffic(chats, minutes * 60_000, Date.now(), { seed });
    label = `${chats} generated chats over ${minutes} min`;
  } else {
    deliveries = readScenario(values.scenario);
    label = `scenario ${values.scenario}`;
    // The last event lands at now: nothing is dated in the future (Radar refuses what is more than
    // a day ahead), and the latest conversations are the ones waiting now.
    if (values['shift-to-now']) deliveries = shiftToNow(deliveries, true);
  }

  const health = await fetch(`${options.url}/healthz`).catch(() => null);
  if (!health?.ok) {
    console.error(`Radar does not answer at ${options.url}: start it first (pnpm start).`);
    return 1;
  }
  console.log(
    `Sending ${deliveries.length} deliveries (${label}) to ${options.url}, ` +
      `${speed === Number.POSITIVE_INFINITY ? 'as fast as possible' : `speed ×${speed}`}, ` +
      `${concurrency} in flight at most.`,
  );
  const totals = await send(deliveries, options);
  return totals.errors > 0 || totals.rejected > 0 ? 1 : 0;
}

function readScenario(nameOrPath: string): Delivery[] {
  if ((SCENARIOS as readonly string[]).includes(nameOrPath)) return loadScenario(nameOrPath).deliveries;
  // pnpm runs scripts inside the package: a relative path is meant from where the command was typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), nameOrPath);
  if (!existsSync(file)) {
    throw new Error(`No scenario ${nameOrPath}: use ${SCENARIOS.join(', ')} or the path of an events.jsonl`);
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Delivery)
    .sort((a, b) => a.deliverAtMs - b.deliverAtMs);
}

/** Sends every delivery at its (compressed) time, printing progress, then a summary. */
async function send(deliveries: readonly Delivery[], options: Options): Promise<Totals> {
  const url = webhookUrl(options.url, options.token);
  const totals: Totals = { sent: 0, accepted: 0, duplicates: 0, ignored: 0, rejected: 0, errors: 0 };
  const firstAt = deliveries[0]?.deliverAtMs ?? 0;
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  let lastRejection = '';

  const progress = setInterval(() => report(false), 2_000);
  function report(final: boolean) {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? totals.sent / elapsed : 0;
    const line =
      `${final ? 'Done' : 'Progress'}: sent ${totals.sent}/${deliveries.length}, accepted ${totals.accepted}, ` +
      `duplicates ${totals.duplicates}, ignored ${totals.ignored}, rejected ${totals.rejected}, ` +
      `errors ${totals.errors}, ${elapsed.toFixed(1)} s, ${rate.toFixed(1)} deliveries/s`;
    console.log(line);
    if (final && lastRejection) console.log(`Last rejection: ${lastRejection}`);
  }

  try {
    for (const delivery of deliveries) {
      const dueIn =
        options.speed === Number.POSITIVE_INFINITY
          ? 0
          : started + (delivery.deliverAtMs - firstAt) / options.speed - Date.now();
      if (dueIn > 0) await sleep(dueIn);
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      const task = post(delivery).finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(progress);
  }
  report(true);
  return totals;

  async function post(delivery: Delivery) {
    totals.sent++;
    try {
      const answer = await deliver(url, JSON.stringify(delivery.body), { attempt: delivery.attempt });
      const status = answer.body?.status;
      if (answer.status === 200 && status === 'duplicate') totals.duplicates++;
      else if (answer.status === 202 && status === 'ignored') totals.ignored++;
      else if (answer.status >= 200 && answer.status < 300) totals.accepted++;
      else if (answer.status >= 400 && answer.status < 500) {
        totals.rejected++;
        lastRejection = `${answer.status} ${answer.body?.error ?? ''}`;
      } else totals.errors++;
    } catch {
      totals.errors++;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
