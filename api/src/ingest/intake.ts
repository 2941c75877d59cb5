import type { Database } from '../db/client.js';
import { type DatabaseHealth, isDatabaseUnavailable } from '../db/health.js';
import type { ConversationEventFact } from '../domain/facts.js';
import type { Logger } from '../logger.js';
import {
  inboxWriter,
  insertInboxEvents,
  type NewInboxEvent,
  type StoredEvent,
  storeInboxEvent,
} from './inbox.js';
import type { RecentFacts } from './recent.js';
import { openSpool } from './spool.js';

/**
 * Bodies moved from the spool into the inbox per statement: PGlite runs statements on this
 * process's thread, so its statements stay short for the receiver's sake.
 */
const MOVE_BATCH = { pglite: 50, postgres: 500 } as const;
/** While the spool holds bodies the database could not take, another try this often. */
const RETRY_MS = 1_000;

export type Kept = StoredEvent | { spooled: true };

export interface Intake {
  /**
   * Keeps a received body, durably, before its delivery is answered. A PENDING body's `fact`, as
   * the receiver parsed it, is handed to this process's processor (`recent`).
   */
  keep(event: NewInboxEvent, fact?: ConversationEventFact): Promise<Kept>;
  /** Bodies in the spool, not yet in the inbox. */
  readonly spooled: number;
  /** Moves what is spooled (also what an earlier run left) into the inbox, in order. */
  start(): void;
  close(): Promise<void>;
}

/**
 * Where a received body is kept: the inbox (one INSERT, shared by deliveries that arrive
 * together), or, when PostgreSQL is down or cannot take it within `spoolAfterMs`, the
 * spool, from which it is moved into the inbox, in order and exactly once, as soon as the
 * database can take it. While the spool holds bodies, new ones join it (so order is kept).
 */
export async function openIntake(deps: {
  db: Database;
  health: DatabaseHealth;
  logger: Logger;
  spoolDir: string;
  /** How long a delivery may wait for PostgreSQL (`SPOOL_AFTER_MS`, default 500 ms) before it is spooled. */
  spoolAfterMs: number;
  /** Bodies reached the inbox: the processor may take them. */
  onStored: () => void;
  /** Where the facts of stored bodies wait for the processor. */
  recent?: RecentFacts;
}): Promise<Intake> {
  const { db, health, logger, onStored, recent } = deps;
  // On PostgreSQL deliveries arriving together share one INSERT. (On PGlite each INSERT goes on
  // its own, queued in PGlite itself, where they all pass before the processor's next batch;
  // measured: sharing one made each answer wait for a batch.)
  const inbox = inboxWriter(db, logger);
  const spool = await openSpool(deps.spoolDir);
  const deadline = deps.spoolAfterMs;
  let running = false;
  let moving: Promise<void> | null = null;
  let retry: NodeJS.Timeout | undefined;

  async function moveAll() {
    while (running && spool.size > 0 && health.up) {
      const segments = await spool.closedSegments();
      if (segments.length === 0) break;
      for (const segment of segments) {
        let bodies = 0;
        for await (const events of spool.read(segment, MOVE_BATCH[db.kind])) {
          await insertInboxEvents(db, events, 'skip').catch(() => moveOneByOne(events));
          bodies += events.length;
          onStored();
        }
        await spool.moved(segment, bodies);
        logger.info({ bodies, left: spool.size }, 'spooled deliveries moved into the inbox');
      }
    }
  }

  /** A batch the inbox refused while the database is up: a body it cannot take must not hold the rest. */
  async function moveOneByOne(events: NewInboxEvent[]) {
    for (const event of events) {
      try {
        await insertInboxEvents(db, [event], 'skip');
      } catch (error) {
        // Not there (yet): kept in the spool, moved on the next try.
        if (!health.up || !(error instanceof Error) || isDatabaseUnavailable(error)) throw error;
        // There, and refusing this body: kept FAILED with the reason (if that fails too, the
        // spool keeps it and the next try starts again).
        logger.error({ err: error, eventId: event.eventId }, 'the inbox refused a spooled delivery');
        await insertInboxEvents(
          db,
          [{ ...event, status: 'FAILED', error: `could not be stored: ${error.message}` }],
          'skip',
        );
      }
    }
  }

  function move() {
    if (!running || moving || spool.size === 0) return;
    moving = moveAll()
      .catch((error) => logger.warn({ err: error }, 'spooled deliveries could not be moved yet; retrying'))
      .finally(() => {
        moving = null;
        clearTimeout(retry);
        if (running && spool.size > 0) retry = setTimeout(move, health.up ? 50 : RETRY_MS).unref();
      });
  }
  health.onChange((up) => {
    if (up) move();
  });

  function stored(result: StoredEvent, event: NewInboxEvent, fact?: ConversationEventFact): StoredEvent {
    if (!result.duplicate) {
      if (fact) recent?.remember(result.id, fact, event.rawBody.length);
      onStored();
    }
    return result;
  }

  async function toSpool(event: NewInboxEvent): Promise<Kept> {
    await spool.append(event);
    move();
    return { spooled: true };
  }

  return {
    async keep(received, fact) {
      const event = { ...received, receivedAt: received.receivedAt ?? new Date() };
      // PGlite runs in this process and cannot be away: a slow INSERT there only waits for a
      // batch, and the spool would not make it faster (measured: spooling made answers slower).
      if (db.kind === 'pglite') return stored(await storeInboxEvent(db, event), event, fact);
      if (!health.up || spool.size > 0) return toSpool(event);
      try {
        return stored(await inbox.store(event, deadline), event, fact);
      } catch (error) {
        // Late or refused: kept on disk instead. If its INSERT was already on its way and still
        // lands, moving it later finds it stored and skips it.
        logger.debug({ err: error }, 'delivery spooled: the inbox did not take it in time');
        return toSpool(event);
      }
    },
    get spooled() {
      return spool.size;
    },
    start() {
      running = true;
      move();
    },
    async close() {
      running = false;
      clearTimeout(retry);
      await moving;
      await spool.close();
    },
  };
}
