import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createLogger } from '../logger.js';
import { inboxWriter, type NewInboxEvent } from './inbox.js';

const event = (eventId: string | null, rawBody = `{"EventId":"${eventId}"}`): NewInboxEvent => ({
  source: 'umbler',
  eventId,
  type: 'Message',
  conversationKey: 'chat-1',
  rawBody,
  attempts: 1,
  status: 'PENDING',
  error: null,
});

describeEachDatabase('the receiver inbox (group commit)', (kind) => {
  let db: TestDatabase;
  const warnings: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores concurrent deliveries together, each with its own row and duplicate flag', async () => {
    const logs = new Writable({
      write(chunk, _encoding, done) {
        warnings.push(String(chunk));
        done();
      },
    });
    const inbox = inboxWriter(db, createLogger('warn', logs));
    await inbox.store(event('already-stored'));
    const [before] = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM webhook_events`;
    expect(Number(before?.n)).toBe(1);

    const ids = Array.from({ length: 60 }, (_, i) => `event-${i}`);
    const results = await Promise.all([
      ...ids.map((id) => inbox.store(event(id))),
      // The same event twice in one batch, one already stored, and one without an id.
      inbox.store(event('event-7')),
      inbox.store(event('already-stored')),
      inbox.store(event(null, 'not json')),
    ]);

    const fresh = results.slice(0, 60);
    expect(fresh.every((r) => !r.duplicate)).toBe(true);
    expect(new Set(fresh.map((r) => r.id)).size).toBe(60);
    const [secondSeven, secondStored, withoutId] = results.slice(60);
    expect(secondSeven).toEqual({ id: fresh[7]?.id, duplicate: true });
    expect(secondStored?.duplicate).toBe(true);
    expect(withoutId?.duplicate).toBe(false);

    const rows = await db.prisma.webhookEvent.findMany({ orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(62);
    expect(rows.find((r) => r.eventId === 'event-7')?.attempts).toBe(2);
    expect(rows.find((r) => r.eventId === 'already-stored')?.attempts).toBe(2);
    // Each caller's id is its own row.
    for (const [i, result] of fresh.entries()) {
      expect(rows.find((r) => r.id === result.id)?.eventId).toBe(`event-${i}`);
    }
    expect(warnings).toEqual([]);
  });

  it('stores the rest of a batch when one row cannot go with it', async () => {
    const inbox = inboxWriter(db, createLogger('silent'));
    const results = await Promise.all([
      inbox.store(event('batch-a')),
      inbox.store(event('batch-b')),
      // A lone surrogate: valid for a text parameter (stored as U+FFFD), refused inside jsonb.
      inbox.store(event('batch-c', '{"Text":"\ud800"}')),
      inbox.store(event('batch-d')),
    ]);
    expect(results.map((r) => r.duplicate)).toEqual([false, false, false, false]);
    const stored = await db.prisma.webhookEvent.findMany({
      where: { eventId: { in: ['batch-a', 'batch-b', 'batch-c', 'batch-d'] } },
    });
    expect(stored).toHaveLength(4);
  });
});
