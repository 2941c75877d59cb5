import type { Database } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { InboxStatus } from '../generated/prisma/enums.js';

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
