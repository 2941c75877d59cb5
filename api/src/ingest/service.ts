import type { App } from '../context.js';
import type { Database } from '../db/client.js';
import { type BatchWritten, type IngestInput, writeBatch } from '../db/write-batch.js';
import { futureDateError, withoutNulDeep } from '../domain/facts.js';
import { type ClaimedRow, claimPending, type InboxRow, type Outcome, recordOutcomes } from './inbox.js';
import type { RecentFacts } from './recent.js';
import { parserOf } from './sources.js';

export type { IngestInput };

/** An input the service refuses, with its position in the batch. */
export class IngestInputError extends Error {
  override name = 'IngestInputError';
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

const transactionOptions = { timeout: 60_000, maxWait: 30_000 };

/**
 * The one write path. Applies events in one transaction (a fixed number of statements whatever
 * their number), then tells every subscriber what changed. Returns each input's conversation id.
 */
export async function ingest(app: App, inputs: IngestInput[]): Promise<number[]> {
  const now = new Date();
  inputs.forEach(({ fact }, index) => {
    const future = futureDateError(fact, now);
    if (future) throw new IngestInputError(index, future);
  });
  const clean = inputs.map(({ key, fact }) => ({ key, fact: withoutNulDeep(fact) }));
  const written = await app.db.prisma.$transaction(
    (tx) => writeBatch(tx, clean, app.config.timeZone),
    transactionOptions,
  );
  publish(app, written);
  return written.conversationIds;
}

export interface BatchReport {
  claimed: number;
  failed: number;
}

/**
 * Takes up to `limit` PENDING inbox events and applies them in one transaction with their
 * outcomes: a crash before the commit leaves them PENDING, after it they are done, never half.
 * A body its source's parser refuses is FAILED (or IGNORED) without holding up the others; if
 * the batch's write itself fails, the caller retries its events one at a time (`limit` 1), and
 * the one that fails alone is FAILED with its error. Facts this process parsed on receipt
 * (`recent`) are taken from there; the others are parsed from their stored bodies.
 */
export async function ingestPending(app: App, limit: number, recent?: RecentFacts): Promise<BatchReport> {
  let claimed: ClaimedRow[] = [];
  try {
    const { written, outcomes } = await app.db.prisma.$transaction(async (tx) => {
      claimed = await claimPending(tx, limit, (id) => recent?.take(id));
      const { inputs, outcomes } = await parseRows(claimed);
      const written = await writeBatch(tx, inputs, app.config.timeZone);
      await recordOutcomes(tx, outcomes);
      return { written, outcomes };
    }, transactionOptions);
    publish(app, written);
    return { claimed: claimed.length, failed: outcomes.filter((o) => o.status === 'FAILED').length };
  } catch (error) {
    const [only] = claimed;
    if (claimed.length !== 1 || !only || !(await reachable(app.db))) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await recordOutcomes(app.db.prisma, [{ id: only.id, status: 'FAILED', error: message.slice(0, 2000) }]);
    app.logger.warn({ inboxId: only.id, eventId: only.eventId }, 'inbox event failed alone: marked FAILED');
    return { claimed: 1, failed: 1 };
  }
}

/** Applies one stored event again from its raw body, with its source's parser. */
export async function replayInboxEvent(app: App, id: number): Promise<Outcome> {
  const { written, outcome } = await app.db.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<InboxRow[]>`
      SELECT id, source, event_id AS "eventId", type, raw_body AS "rawBody"
      FROM webhook_events WHERE id = ${id} FOR UPDATE`;
    const { inputs, outcomes } = await parseRows(rows);
    const written = await writeBatch(tx, inputs, app.config.timeZone);
    await recordOutcomes(tx, outcomes);
    return { written, outcome: outcomes[0] as Outcome };
  }, transactionOptions);
  publish(app, written);
  return outcome;
}

/** Lets the receiver answer between chunks of a large batch's work on the shared event loop. */
export const yieldToReceiver = () => new Promise<void>((resolve) => setImmediate(resolve));

async function parseRows(rows: ClaimedRow[]): Promise<{ inputs: IngestInput[]; outcomes: Outcome[] }> {
  const inputs: IngestInput[] = [];
  const outcomes: Outcome[] = [];
  let parsing = 0;
  for (const row of rows) {
    if (row.rawBody === null) {
      inputs.push({ key: row.eventId, fact: row.fact });
      outcomes.push({ id: row.id, status: 'PROCESSED', error: null });
      continue;
    }
    if (++parsing % 25 === 0) await yieldToReceiver();
    const parse = parserOf(row.source);
    if (!parse) {
      outcomes.push({ id: row.id, status: 'FAILED', error: `No parser for source "${row.source}".` });
      continue;
    }
    const parsed = parse(row.rawBody);
    if (parsed.kind === 'event') {
      inputs.push({ key: parsed.eventId, fact: parsed.fact });
      outcomes.push({ id: row.id, status: 'PROCESSED', error: null });
    } else {
      outcomes.push({
        id: row.id,
        status: parsed.kind === 'ignored' ? 'IGNORED' : 'FAILED',
        error: parsed.error,
      });
    }
  }
  return { inputs, outcomes };
}

/** After commit: each touched conversation once, each new message, and the live overview. */
function publish(app: App, written: BatchWritten): void {
  const { pubsub } = app;
  if (written.conversationIds.length === 0) return;
  for (const message of written.newMessages) pubsub.publish('messageAdded', message);
  for (const conversationId of new Set(written.conversationIds)) {
    pubsub.publish('conversationUpdated', { conversationId });
  }
  pubsub.publish('liveOverviewChanged', {});
}

export async function reachable(db: Database): Promise<boolean> {
  try {
    await db.prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
