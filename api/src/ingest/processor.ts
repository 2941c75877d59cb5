import type { App } from '../context.js';
import type { Metrics } from '../metrics.js';
import type { RecentFacts } from './recent.js';
import { ingestPending, yieldToReceiver } from './service.js';

export interface InboxProcessor {
  start(): void;
  /** Finishes the batch in flight, then stops. PENDING events wait for the next start. */
  stop(): Promise<void>;
  /** Says that an event was stored. */
  wake(): void;
  /** Resolves once the loop finds no PENDING event left (at once when stopped). */
  idle(): Promise<void>;
}

// Other instances' events (PostgreSQL) are only seen by polling.
const POLL_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;
const MAX_BATCH = { pglite: 100, postgres: 500 } as const;

/**
 * How long one batch may hold the database. PGlite has a single connection: a webhook's INSERT
 * waits for the batch in flight, so its batches stay short; PostgreSQL answers the receiver on
 * another connection, and longer batches cost fewer round trips per event.
 */
const TARGET_BATCH_MS = { pglite: 40, postgres: 80 } as const;

/**
 * While deliveries are arriving (one stored within `RECEIVING_MS`), batches are kept shorter: on
 * PostgreSQL a batch's parsing, garbage and large writes hold the event loop the receiver answers
 * on; on PGlite every statement runs on that loop, and a delivery's INSERT waits for the batch's
 * commit. Measured with a backlog draining under 200 deliveries/s, ack p99 on PostgreSQL: 23-30 ms
 * with batches of up to 500 (80 ms), 14-26 ms with up to 150 (40 ms); on PGlite: 58-90 ms at 40 ms,
 * 28-42 ms at 15 ms (8 ms was no better). A backlog alone drains 10-20 % slower in short batches,
 * so they are kept to when someone is waiting for an answer.
 */
const WHILE_RECEIVING = {
  pglite: { maxBatch: 100, targetMs: 15 },
  postgres: { maxBatch: 150, targetMs: 40 },
} as const;
const RECEIVING_MS = 1_000;
/**
 * Past this many deliveries a second, answers queue behind one another whatever the batch
 * length, and short batches only slow the draining (measured on a burst of 4,000 from 16
 * senders: 1,300-1,500 events/s in short batches, 1,660-1,930 in long ones).
 */
const FLOOD_PER_SECOND = 500;

/**
 * Once caught up, the loop waits this long before taking what has arrived since: a batch costs
 * nearly the same for one event as for fifty, so during a burst events are applied together.
 */
const GATHER_MS = { pglite: 40, postgres: 10 } as const;

/**
 * One loop per process, taking PENDING events oldest first in batches: within a process each
 * conversation's events are applied in arrival order. Across instances order is not needed for
 * correctness, since every event is an idempotent fact and a batch locks its conversations.
 * The batch size follows how long batches take, to stay near `TARGET_BATCH_MS`. Facts the
 * receiver parsed (`recent`) are not parsed again.
 */
export function createInboxProcessor(app: App, metrics?: Metrics, recent?: RecentFacts): InboxProcessor {
  const { logger } = app;
  const gather = GATHER_MS[app.db.kind];
  /** Deliveries stored in the current and in the previous `RECEIVING_MS` window. */
  const arrivals = { window: 0, now: 0, before: 0 };
  const countArrival = () => {
    const window = Math.floor(performance.now() / RECEIVING_MS);
    if (window !== arrivals.window) {
      arrivals.before = window === arrivals.window + 1 ? arrivals.now : 0;
      arrivals.now = 0;
      arrivals.window = window;
    }
    arrivals.now++;
  };
  /** The batch's limits now: shorter on PostgreSQL while deliveries arrive, unless they flood in. */
  const limits = () => {
    const window = Math.floor(performance.now() / RECEIVING_MS);
    const recent =
      window === arrivals.window
        ? Math.max(arrivals.now, arrivals.before)
        : window === arrivals.window + 1
          ? arrivals.now
          : 0;
    return recent > 0 && recent < (FLOOD_PER_SECOND * RECEIVING_MS) / 1000
      ? WHILE_RECEIVING[app.db.kind]
      : { maxBatch: MAX_BATCH[app.db.kind], targetMs: TARGET_BATCH_MS[app.db.kind] };
  };
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let dirty = true;
  let sleeping = false;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  // Small at first: the first batches also pay for warming up (code, connections, plans).
  let batchSize = app.db.kind === 'pglite' ? 4 : 20;
  /** After a failed batch, its events are retried one at a time to find the one that fails. */
  let isolate = 0;

  const settleIdle = () => {
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      wakeUp = done;
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
    });

  async function run() {
    let failures = 0;
    while (running) {
      dirty = false;
      const { maxBatch, targetMs } = limits();
      const size = isolate > 0 ? 1 : Math.min(batchSize, maxBatch);
      const started = performance.now();
      try {
        const { claimed, failed } = await ingestPending(app, size, recent);
        const ms = performance.now() - started;
        if (claimed > 0) {
          metrics?.batches.observe(ms / 1000);
          metrics?.events.inc({ status: 'done' }, claimed - failed);
          if (failed > 0) metrics?.events.inc({ status: 'failed' }, failed);
        }
        failures = 0;
        if (isolate > 0) isolate--;
        // Toward the time budget, but never more than doubling: one slow batch must not follow a fast one.
        else if (claimed === size) {
          const next = Math.round((size * targetMs) / Math.max(ms, 1));
          batchSize = Math.max(1, Math.min(maxBatch, size * 2, next));
        }
        if (claimed > 0)
          logger.debug({ events: claimed, failed, ms: Math.round(ms), next: batchSize }, 'inbox batch');
        if (claimed === size) {
          // PGlite answers within promise callbacks: without a turn of the event loop here,
          // batch after batch would run before any socket is read (measured: deliveries unread
          // for seconds while a backlog drained in batches too small to reach parseRows' yield).
          await yieldToReceiver();
          continue;
        }
        if (claimed > 0 || dirty) {
          // Not `sleep`: deliveries arriving meanwhile must not cut the wait short.
          await new Promise((resolve) => setTimeout(resolve, gather).unref());
          continue;
        }
      } catch (error) {
        if (size > 1) {
          logger.warn({ err: error, events: size }, 'inbox batch failed; retrying its events one at a time');
          isolate = size;
          continue;
        }
        failures++;
        logger.error({ err: error }, 'webhook inbox unavailable; retrying');
        dirty = true;
        await sleep(Math.min(MAX_BACKOFF_MS, 250 * 2 ** failures));
        continue;
      }
      settleIdle();
      sleeping = true;
      await sleep(POLL_MS);
      sleeping = false;
    }
    settleIdle();
  }

  return {
    start() {
      if (running) return;
      running = true;
      dirty = true;
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
    wake() {
      dirty = true;
      countArrival();
      wakeUp?.();
    },
    idle() {
      if (!running || (sleeping && !dirty)) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
