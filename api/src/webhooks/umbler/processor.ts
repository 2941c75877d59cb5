import type { GraphQLSchema } from 'graphql';
import type { App } from '../../context.js';
import type { Database } from '../../db/client.js';
import { handleNextPending, type PendingEvent } from './inbox.js';
import { loggableError, processBody } from './process.js';

export interface InboxProcessor {
  start(): void;
  /** Finishes the event in flight, then stops. PENDING events wait for the next start. */
  stop(): Promise<void>;
  /** Says that an event was stored. */
  wake(): void;
  /** Resolves once the loop finds no PENDING event left (at once when stopped). */
  idle(): Promise<void>;
}

// Other instances' events (PostgreSQL) are only seen by polling.
const POLL_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * One loop per process, taking PENDING events oldest first: within a process each conversation's
 * events are applied in arrival order. Across instances order is not needed for correctness, since
 * every event is an idempotent fact and `recordEvent` serialises each conversation.
 */
export function createInboxProcessor(app: App, schema: GraphQLSchema): InboxProcessor {
  const { logger } = app;
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let dirty = true;
  let sleeping = false;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];

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

  const handle = async (event: PendingEvent) => {
    const started = performance.now();
    const outcome = await processBody(app, schema, event.rawBody);
    if (outcome.status === 'FAILED' && !(await reachable(app.db))) {
      // Not the event's fault: leave it PENDING and retry once the database is back.
      throw new Error(`the database became unreachable while processing ${event.eventId}`);
    }
    const fields = {
      eventId: event.eventId,
      type: event.type,
      status: outcome.status,
      ms: Math.round(performance.now() - started),
    };
    if (outcome.status === 'FAILED') {
      logger.warn({ ...fields, error: loggableError(outcome.error) }, 'webhook event failed');
    } else {
      logger.debug(fields, 'webhook event processed');
    }
    return outcome;
  };

  async function run() {
    let failures = 0;
    while (running) {
      dirty = false;
      try {
        const handled = await handleNextPending(app.db, handle);
        failures = 0;
        if (handled || dirty) continue;
      } catch (error) {
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
      wakeUp?.();
    },
    idle() {
      if (!running || (sleeping && !dirty)) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

async function reachable(db: Database): Promise<boolean> {
  try {
    await db.prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
