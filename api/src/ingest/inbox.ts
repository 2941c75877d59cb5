import type { Database } from '../db/client.js';
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
export async function storeInboxEvent(
  db: Database,
  event: NewInboxEvent,
): Promise<{ id: number; duplicate: boolean }> {
  const now = new Date();
  const [row] = await db.prisma.$queryRaw<{ id: number; inserted: boolean }[]>`
    INSERT INTO webhook_events (source, event_id, type, conversation_key, raw_body, status, error, attempts,
                                received_at, processed_at)
    VALUES (${event.source}, ${event.eventId}, ${event.type}, ${event.conversationKey}, ${event.rawBody},
            ${event.status}::"InboxStatus", ${event.error}, ${event.attempts}, ${now},
            ${event.status === 'PENDING' ? null : now})
    ON CONFLICT (source, event_id) DO UPDATE
      SET attempts = GREATEST(webhook_events.attempts + 1, EXCLUDED.attempts)
    RETURNING id, (xmax = 0) AS inserted`;
  if (!row) throw new Error(`webhook event ${event.eventId} was neither stored nor found`);
  return { id: row.id, duplicate: !row.inserted };
}

export interface StoredEvent {
  id: number;
  duplicate: boolean;
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
      const later: Waiting[] = [];
      const keys = new Set<string>();
      for (const waiting of queue) {
        const key = `${waiting.event.source}\u0001${waiting.event.eventId}`;
        if (batch.length < MAX_STORE_BATCH && waiting.event.eventId !== null && !keys.has(key)) {
          keys.add(key);
          batch.push(waiting);
        } else if (waiting.event.eventId === null && batch.length < MAX_STORE_BATCH) {
          // Nothing to match its row by: stored alone (a malformed body; rare).
          await storeOne(waiting);
        } else later.push(waiting);
      }
      queue = later;
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
    const now = new Date();
    const rows = batch.map(({ event }, ord) => ({
      ord,
      source: event.source,
      event_id: event.eventId,
      type: event.type,
      conversation_key: event.conversationKey,
      raw_body: event.rawBody,
      status: event.status,
      error: event.error,
      attempts: event.attempts,
      processed_at: event.status === 'PENDING' ? null : now,
    }));
    let stored: { id: number; inserted: boolean; source: string; event_id: string }[];
    try {
      stored = await db.prisma.$queryRaw`
        INSERT INTO webhook_events (source, event_id, type, conversation_key, raw_body, status, error, attempts,
                                    received_at, processed_at)
        SELECT source, event_id, type, conversation_key, raw_body, status::"InboxStatus", error, attempts,
               ${now}, processed_at
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS x(ord int, source text, event_id text, type text, conversation_key text, raw_body text, status text,
               error text, attempts int, processed_at timestamptz)
        ORDER BY ord
        ON CONFLICT (source, event_id) DO UPDATE
          SET attempts = GREATEST(webhook_events.attempts + 1, EXCLUDED.attempts)
        RETURNING id, (xmax = 0) AS inserted, source, event_id`;
    } catch (error) {
      logger.warn({ err: error, rows: batch.length }, 'a batch of deliveries could not be stored together');
      // One row the set cannot take must not fail the others: each on its own, with its own error.
      for (const waiting of batch) await storeOne(waiting);
      return;
    }
    const byKey = new Map(stored.map((row) => [`${row.source}\u0001${row.event_id}`, row]));
    for (const { event, settle } of batch) {
      const row = byKey.get(`${event.source}\u0001${event.eventId}`);
      settle(
        row
          ? { id: row.id, duplicate: !row.inserted }
          : new Error(`webhook event ${event.eventId} was neither stored nor found`),
      );
    }
  }

  return {
    /** Stores one received body; resolves once it is committed. */
    store(event: NewInboxEvent): Promise<StoredEvent> {
      return new Promise((resolve, reject) => {
        queue.push({
          event,
          settle: (result) => (result instanceof Error ? reject(result) : resolve(result)),
        });
        if (!writing) void flush();
      });
    },
  };
}

/**
 * Takes up to `limit` PENDING events, oldest first, locked until the caller's transaction ends
 * (`SKIP LOCKED`: several Radar instances share the inbox without taking the same event).
 */
export function claimPending(tx: Tx, limit: number): Promise<InboxRow[]> {
  return tx.$queryRaw<InboxRow[]>`
    SELECT id, source, event_id AS "eventId", type, raw_body AS "rawBody" FROM webhook_events
    WHERE status = 'PENDING' ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
}

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
