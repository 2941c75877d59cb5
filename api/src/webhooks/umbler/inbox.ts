import type { Database } from '../../db/client.js';
import type { InboxStatus } from '../../generated/prisma/enums.js';
import type { Outcome } from './process.js';

const SOURCE = 'umbler';

export interface NewInboxEvent {
  eventId: string | null;
  type: string | null;
  conversationKey: string | null;
  rawBody: string;
  attempts: number;
  status: InboxStatus;
  error: string | null;
}

export interface PendingEvent {
  id: number;
  eventId: string | null;
  type: string | null;
  rawBody: string;
}

/**
 * Keeps a received body. A second delivery of a stored EventId is not stored again: it counts as
 * one more attempt (at least Umbler's own attempt number) and reports `duplicate`.
 */
export async function storeInboxEvent(
  db: Database,
  event: NewInboxEvent,
): Promise<{ id: number; duplicate: boolean }> {
  const now = new Date();
  const [created] = await db.prisma.webhookEvent.createManyAndReturn({
    data: [
      { source: SOURCE, ...event, receivedAt: now, processedAt: event.status === 'PENDING' ? null : now },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (created) return { id: created.id, duplicate: false };
  const [existing] = await db.prisma.$queryRaw<{ id: number }[]>`
    UPDATE webhook_events SET attempts = GREATEST(attempts + 1, ${event.attempts})
    WHERE source = ${SOURCE} AND event_id = ${event.eventId}
    RETURNING id`;
  if (!existing) throw new Error(`webhook event ${event.eventId} was neither stored nor found`);
  return { id: existing.id, duplicate: true };
}

/**
 * Hands the oldest PENDING event to `handle` and records its outcome; false when none is left.
 * On PostgreSQL the row stays locked (`FOR UPDATE SKIP LOCKED`) while it is handled, so several
 * Radar instances share the inbox without taking the same event; PGlite has a single process.
 */
export function handleNextPending(db: Database, handle: (event: PendingEvent) => Promise<Outcome>) {
  return db.kind === 'postgres' ? handleLocked(db, handle) : handleUnlocked(db, handle);
}

async function handleUnlocked(
  db: Database,
  handle: (event: PendingEvent) => Promise<Outcome>,
): Promise<boolean> {
  const event = await db.prisma.webhookEvent.findFirst({
    where: { status: 'PENDING' },
    orderBy: { id: 'asc' },
    select: { id: true, eventId: true, type: true, rawBody: true },
  });
  if (!event) return false;
  const outcome = await handle(event);
  await db.prisma.webhookEvent.update({
    where: { id: event.id },
    data: { ...outcome, processedAt: new Date() },
  });
  return true;
}

function handleLocked(db: Database, handle: (event: PendingEvent) => Promise<Outcome>): Promise<boolean> {
  return db.prisma.$transaction(
    async (tx) => {
      const [event] = await tx.$queryRaw<PendingEvent[]>`
        SELECT id, event_id AS "eventId", type, raw_body AS "rawBody" FROM webhook_events
        WHERE status = 'PENDING' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!event) return false;
      const outcome = await handle(event);
      await tx.webhookEvent.update({
        where: { id: event.id },
        data: { ...outcome, processedAt: new Date() },
      });
      return true;
    },
    // The mutation runs in its own transaction meanwhile: this one only holds the row.
    { timeout: 120_000, maxWait: 30_000 },
  );
}
