import type { Database } from '../db/client.js';
import type { ConversationEventFact } from '../domain/facts.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { InboxStatus } from '../generated/prisma/enums.js';
import type { Logger } from '../logger.js';

type Tx = Prisma.TransactionClient;

/** A received body, as the receiver stores it. */
export interface NewInboxEvent {
  source: string;
  eventId: string | null;
  type: string | null;
  conversationKey: string | null;
  rawBody: string;
  attempts: number;
  status: InboxStatus;
  error: string | null;
  /** When it arrived (default: when it is stored). */
  receivedAt?: Date;
}

export interface InboxRow {
  id: number;
  source: string;
  eventId: string | null;
  type: string | null;
  rawBody: string;
}

export interface Outcome {
  id: number;
  status: 'PROCESSED' | 'IGNORED' | 'FAILED';
  error: string | null;
}

/**
 * Keeps a received body: one INSERT. A second delivery of a stored event id is not stored
 * again: it counts as one more attempt (at least the platform's own attempt number) and
 * reports `duplicate`.
 */
export async function storeInboxEvent(db: Database, event: NewInboxEvent): Promise<StoredEvent> {
  const now = event.receivedAt ?? new Date();
  const [row] = await db.query<{ id: number; inserted: boolean }>(
    `INSERT INTO webhook_events (source, event_id, type, conversation_key, raw_body, status, error, attempts,
                                 received_at, processed_at)
     VALUES ($1, $2, $3, $4, $5, $6::"InboxStatus", $7, $8, $9, $10)
     ON CONFLICT (source, event_id) DO UPDATE
       SET attempts = GREATEST(webhook_events.attempts + 1, EXCLUDED.attempts)
     RETURNING id, (xmax = 0) AS inserted`,
    [
      event.source,
      event.eventId,
      event.type,
      event.conversationKey,
      event.rawBody,
      event.status,
      event.error,
      event.attempts,
      now,
      event.status === 'PENDING' ? null : now,
    ],
  );
  if (!row) throw new Error(`webhook event ${event.eventId} was neither stored nor found`);
  return { id: row.id, duplicate: !row.inserted };
}

export interface StoredEvent {
  id: number;
  duplicate: boolean;
}

const keyOf = (event: { source: string; eventId: string | null }) => `${event.source}\u0001${event.eventId}`;

/**
 * Stores many bodies in one statement, in their order. `again: 'count'` counts a stored event
 * id as one more attempt (a delivery); `again: 'skip'` leaves it as it is (moving bodies that may
 * already be there: from the spool after a crash, say). A body without an event id is skipped
 * when the same bytes received at the same instant are already stored.
 */
export async function insertInboxEvents(
  db: Database,
  events: NewInboxEvent[],
  again: 'count' | 'skip',
): Promise<{ id: number; inserted: boolean; source: string; event_id: string | null }[]> {
  if (events.length === 0) return [];
  const now = new Date();
  const rows = events.map((event, ord) => ({
    ord,
    source: event.source,
    event_id: event.eventId,
    type: event.type,
    conversation_key: event.conversationKey,
    raw_body: event.rawBody,
    status: event.status,
    error: event.error,
    attempts: event.attempts,
    received_at: event.receivedAt ?? now,
    processed_at: event.status === 'PENDING' ? null : (event.receivedAt ?? now),
  }));
  const skip = again === 'skip';
  return db.query(
    `INSERT INTO webhook_events (source, event_id, type, conversation_key, raw_body, status, error, attempts,
                                 received_at, processed_at)
     SELECT source, event_id, type, conversation_key, raw_body, status::"InboxStatus", error, attempts,
            received_at, processed_at
     FROM jsonb_to_recordset($1::jsonb)
       AS x(ord int, source text, event_id text, type text, conversation_key text, raw_body text, status text,
            error text, attempts int, received_at timestamptz, processed_at timestamptz)
     ${
       skip
         ? `WHERE x.event_id IS NOT NULL OR NOT EXISTS (
              SELECT 1 FROM webhook_events w
              WHERE w.event_id IS NULL AND w.received_at = x.received_at AND w.raw_body = x.raw_body)`
         : ''
     }
     ORDER BY ord
     ON CONFLICT (source, event_id) ${
       skip
         ? 'DO NOTHING'
         : 'DO UPDATE SET attempts = GREATEST(webhook_events.attempts + 1, EXCLUDED.attempts)'
     }
     RETURNING id, (xmax = 0) AS inserted, source, event_id`,
    [JSON.stringify(rows)],
  );
}

/** A delivery the inbox did not take within its time. */
export class LateError extends Error {
  constructor(ms: number) {
    super(`the inbox did not store the delivery within ${ms} ms`);
  }
}

/** Rows one statement stores at most. */
const MAX_STORE_BATCH = 256;

interface Waiting {
  event: NewInboxEvent;
  settle(result: StoredEvent | Error): void;
}

/**
 * The receiver's inbox: deliveries that arrive while an INSERT is on its way are stored together
 * by the next one (group commit), so a burst costs one statement and one commit per batch, not
 * per delivery. Each caller still gets its own row and its own `duplicate`. A body without an
 * event id, or a second delivery of an id already in the batch, goes through on its own.
 */
export function inboxWriter(db: Database, logger: Logger) {
  let queue: Waiting[] = [];
  let writing = false;

  async function flush() {
    writing = true;
    try {
      await drain();
    } finally {
      writing = false;
    }
  }

  async function drain() {
    while (queue.length > 0) {
      const batch: Waiting[] = [];
      const alone: Waiting[] = [];
      const later: Waiting[] = [];
      const keys = new Set<string>();
      for (const waiting of queue) {
        const key = keyOf(waiting.event);
        if (batch.length + alone.length >= MAX_STORE_BATCH || keys.has(key)) later.push(waiting);
        // Nothing to match its row by: stored alone (a malformed body; rare).
        else if (waiting.event.eventId === null) alone.push(waiting);
        else {
          keys.add(key);
          batch.push(waiting);
        }
      }
      queue = later;
      for (const waiting of alone) await storeOne(waiting);
      if (batch.length === 1) await storeOne(batch[0] as Waiting);
      else if (batch.length > 1) await storeMany(batch);
    }
  }

  async function storeOne(waiting: Waiting) {
    await storeInboxEvent(db, waiting.event).then(waiting.settle, (error) =>
      waiting.settle(error instanceof Error ? error : new Error(String(error))),
    );
  }

  async function storeMany(batch: Waiting[]) {
    let stored: Awaited<ReturnType<typeof insertInboxEvents>>;
    try {
      stored = await insertInboxEvents(
        db,
        batch.map((waiting) => waiting.event),
        'count',
      );
    } catch (error) {
      logger.warn({ err: error, rows: batch.length }, 'a batch of deliveries could not be stored together');
      // One row the set cannot take must not fail the others: each on its own, with its own error.
      for (const waiting of batch) await storeOne(waiting);
      return;
    }
    const byKey = new Map(stored.map((row) => [keyOf({ source: row.source, eventId: row.event_id }), row]));
    for (const { event, settle } of batch) {
      const row = byKey.get(keyOf(event));
      settle(
        row
          ? { id: row.id, duplicate: !row.inserted }
          : new Error(`webhook event ${event.eventId} was neither stored nor found`),
      );
    }
  }

  return {
    /**
     * Stores one received body; resolves once it is committed. Not committed within
     * `lateAfterMs`, it rejects with a `LateError` (withdrawn if it still waits for its turn; once
     * its statement is on its way, that statement still completes). A plain timer, not an
     * `AbortSignal`: measured, a signal per delivery was a tenth of the receiver's cost.
     */
    store(event: NewInboxEvent, lateAfterMs?: number): Promise<StoredEvent> {
      return new Promise((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const waiting: Waiting = {
          event,
          settle: (result) => {
            clearTimeout(timer);
            if (result instanceof Error) reject(result);
            else resolve(result);
          },
        };
        if (lateAfterMs !== undefined) {
          timer = setTimeout(() => {
            const index = queue.indexOf(waiting);
            if (index >= 0) queue.splice(index, 1);
            reject(new LateError(lateAfterMs));
          }, lateAfterMs);
        }
        queue.push(waiting);
        if (!writing) void flush();
      });
    },
  };
}

/**
 * Takes up to `limit` PENDING events, oldest first, locked until the caller's transaction ends
 * (`SKIP LOCKED`: several Radar instances share the inbox without taking the same event).
 * An event whose fact `held` gives (parsed by this process on receipt) comes with it, its body
 * not read back; the others come with their bodies.
 */
export async function claimPending(
  tx: Tx,
  limit: number,
  held: (id: number) => ConversationEventFact | undefined = () => undefined,
): Promise<ClaimedRow[]> {
  const claimed = await tx.$queryRaw<Omit<InboxRow, 'rawBody'>[]>`
    SELECT id, source, event_id AS "eventId", type FROM webhook_events
    WHERE status = 'PENDING' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  // Only an event with an id is parsed on receipt into a fact (its id is the fact's key).
  const facts = new Map(claimed.map((row) => [row.id, row.eventId === null ? undefined : held(row.id)]));
  const unread = claimed.filter((row) => !facts.get(row.id)).map((row) => row.id);
  const bodies =
    unread.length === 0
      ? []
      : await tx.$queryRaw<{ id: number; rawBody: string }[]>`
          SELECT id, raw_body AS "rawBody" FROM webhook_events WHERE id = ANY(${unread}::int[])`;
  const bodyOf = new Map(bodies.map((row) => [row.id, row.rawBody]));
  return claimed.map((row): ClaimedRow => {
    const fact = facts.get(row.id);
    if (fact && row.eventId !== null) return { ...row, eventId: row.eventId, rawBody: null, fact };
    const rawBody = bodyOf.get(row.id);
    if (rawBody === undefined)
      throw new Error(`inbox event ${row.id} was claimed but its body was not found`);
    return { ...row, rawBody };
  });
}

/** A claimed event: with its body, or with the fact this process parsed from it on receipt. */
export type ClaimedRow = Omit<InboxRow, 'rawBody'> &
  ({ rawBody: string; fact?: undefined } | { eventId: string; rawBody: null; fact: ConversationEventFact });

/** The time an outcome is recorded (`clock_timestamp`: a batch's transaction may have begun before its events arrived). */
export async function recordOutcomes(tx: Tx | Database['prisma'], outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await tx.$executeRaw`
    UPDATE webhook_events w SET status = x.status::"InboxStatus", error = x.error, processed_at = clock_timestamp()
    FROM jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) AS x(id int, status text, error text)
    WHERE w.id = x.id`;
}

export interface InboxStatusReport {
  pending: number;
  failed: number;
  oldestPendingAt: Date | null;
  processedPerMinute: number;
}

/** How far behind processing is: what `ingestStatus` and `/readyz` report. */
export async function inboxStatus(db: Database): Promise<InboxStatusReport> {
  const [row] = await db.prisma.$queryRaw<
    { pending: bigint; failed: bigint; oldest: Date | null; last_minute: bigint }[]
  >`
    SELECT
      (SELECT count(*) FROM webhook_events WHERE status = 'PENDING') AS pending,
      (SELECT count(*) FROM webhook_events WHERE status = 'FAILED') AS failed,
      (SELECT min(received_at) FROM webhook_events WHERE status = 'PENDING') AS oldest,
      (SELECT count(*) FROM webhook_events
        WHERE status <> 'PENDING' AND processed_at >= now() - interval '1 minute') AS last_minute`;
  return {
    pending: Number(row?.pending ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestPendingAt: row?.oldest ?? null,
    processedPerMinute: Number(row?.last_minute ?? 0),
  };
}
