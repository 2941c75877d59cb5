import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpGraphQL } from '../../test/clients.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { adminToken, createTestApp, run, runOk, startTestServer, viewers } from '../../test/harness.js';
import { exampleEvents } from '../../test/scenario-data.js';
import { recentFacts } from './recent.js';
import { ingestPending } from './service.js';
import { parseUmbler } from './umbler.js';

const example = (file: string, eventId: string) => {
  const body = JSON.parse(exampleEvents().get(file) as string);
  body.EventId = eventId;
  return JSON.stringify(body);
};

function input(n: number, chat: string, minute = n) {
  const at = new Date(Date.UTC(2026, 2, 2, 12, minute)).toISOString();
  return {
    eventId: `batch-${chat}-${n}`,
    conversationExternalId: chat,
    occurredAt: at,
    changes: ['MESSAGE_ADDED'],
    assigneeExternalId: n % 2 ? 'agent-batch' : null,
    unassigned: n % 2 === 0,
    open: true,
    message: {
      externalId: `batch-msg-${chat}-${n}`,
      sentAt: at,
      sender: n % 2 ? 'AGENT' : 'CUSTOMER',
      agentExternalId: n % 2 ? 'agent-batch' : null,
      text: `mensagem ${n}`,
    },
  };
}

const recordMany = `mutation($inputs: [RecordConversationEventInput!]!) {
  recordConversationEvents(inputs: $inputs) { externalId status waitingSince lastMessage { text } }
}`;
const recordOne = `mutation($input: RecordConversationEventInput!) {
  recordConversationEvent(input: $input) { externalId status waitingSince lastMessage { text } }
}`;

describeEachDatabase('the ingest service', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('recordConversationEvents gives, in input order, what one event at a time gives', async () => {
    const app = createTestApp(db);
    const inputs = [0, 1, 2, 3, 4].flatMap((n) => [input(n, 'batch-a'), input(n, 'batch-b', 10 - n)]);
    const many = await runOk<{ recordConversationEvents: unknown[] }>(app, recordMany, { inputs });
    expect(many.recordConversationEvents.map((c) => (c as { externalId: string }).externalId)).toEqual(
      inputs.map((i) => i.conversationExternalId),
    );
    const last: Record<string, unknown> = {};
    const copies = inputs.map((i) => ({
      ...i,
      eventId: `${i.eventId}-1by1`,
      conversationExternalId: `${i.conversationExternalId}-1by1`,
      message: { ...i.message, externalId: `${i.message.externalId}-1by1` },
    }));
    for (const one of copies) {
      last[one.conversationExternalId] = (
        await runOk<{ recordConversationEvent: unknown }>(app, recordOne, { input: one })
      ).recordConversationEvent;
    }
    const final = (rows: unknown[]) =>
      Object.fromEntries(rows.map((row) => [(row as { externalId: string }).externalId, row]));
    const batched = final(many.recordConversationEvents.slice(-2));
    for (const chat of ['batch-a', 'batch-b']) {
      expect({ ...(last[`${chat}-1by1`] as object), externalId: chat }).toEqual(batched[chat]);
    }
  });

  it('refuses a batch over 500 events or with a bad one, naming it, and applies none of it', async () => {
    const app = createTestApp(db);
    const tooMany = Array.from({ length: 501 }, (_, n) => input(n, 'batch-big'));
    const over = await run(app, recordMany, { inputs: tooMany });
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0]?.message).toMatch(/at most 500/);
    const future = { ...input(1, 'batch-future'), occurredAt: '2999-01-01T00:00:00Z' };
    const refused = await run(app, recordMany, { inputs: [input(0, 'batch-future'), future] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/^inputs\[1\]: The event time 2999/);
    expect(await db.prisma.conversation.count({ where: { externalId: 'batch-future' } })).toBe(0);
    const denied = await run(app, recordMany, { inputs: [input(0, 'batch-x')] }, viewers.supervisor);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('marks a body that fails FAILED without failing the rest of its batch, and reports the lag', async () => {
    const app = createTestApp(db);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    const rows = [
      { source: 'umbler', eventId: 'lag-1', rawBody: example('Message-Contact.json', 'lag-1') },
      { source: 'nowhere', eventId: 'lag-2', rawBody: '{}' },
      { source: 'umbler', eventId: 'lag-3', rawBody: '{"Type":"Message","EventId":"lag-3"}' },
      { source: 'umbler', eventId: 'lag-4', rawBody: example('MemberTransfer.json', 'lag-4') },
    ];
    for (const row of rows)
      await db.prisma.webhookEvent.create({ data: { ...row, receivedAt: twoMinutesAgo } });

    const status = await runOk<{ ingestStatus: { pending: number; failed: number; oldestPendingAt: Date } }>(
      app,
      '{ ingestStatus { pending failed oldestPendingAt processedPerMinute } }',
    );
    expect(status.ingestStatus.pending).toBe(4);
    expect(new Date(status.ingestStatus.oldestPendingAt).getTime()).toBe(twoMinutesAgo.getTime());
    const denied = await run(app, '{ ingestStatus { pending } }', {}, viewers.supervisor);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect(await ingestPending(app, 10)).toEqual({ claimed: 4, failed: 2 });
    const outcomes = await db.prisma.webhookEvent.findMany({
      where: { eventId: { startsWith: 'lag-' } },
      orderBy: { id: 'asc' },
      select: { status: true, error: true },
    });
    expect(outcomes.map((o) => o.status)).toEqual(['PROCESSED', 'FAILED', 'FAILED', 'PROCESSED']);
    expect(outcomes[1]?.error).toBe('No parser for source "nowhere".');
    const after = await runOk<{
      ingestStatus: { pending: number; oldestPendingAt: null; processedPerMinute: number };
    }>(app, '{ ingestStatus { pending oldestPendingAt processedPerMinute } }');
    expect(after.ingestStatus).toMatchObject({ pending: 0, oldestPendingAt: null });
    expect(after.ingestStatus.processedPerMinute).toBeGreaterThanOrEqual(4);
  });

  it('applies a fact parsed on receipt without reading its body back, and parses the others', async () => {
    const app = createTestApp(db);
    const recent = recentFacts();
    const received = example('Message-Contact.json', 'recent-1');
    const parsed = parseUmbler(received);
    if (parsed.kind !== 'event') throw new Error('the example must parse');
    // Stored bytes that would fail if read: only the remembered fact can make this PROCESSED.
    const first = await db.prisma.webhookEvent.create({
      data: { source: 'umbler', eventId: 'recent-1', rawBody: 'not json' },
    });
    recent.remember(first.id, parsed.fact, received.length);
    await db.prisma.webhookEvent.create({
      data: { source: 'umbler', eventId: 'recent-2', rawBody: example('MemberTransfer.json', 'recent-2') },
    });
    expect(await ingestPending(app, 10, recent)).toEqual({ claimed: 2, failed: 0 });
    expect(recent.size).toBe(0);
    const chat = await db.prisma.conversation.findUniqueOrThrow({
      where: { externalId: parsed.fact.conversationExternalId },
      select: { _count: { select: { messages: true } } },
    });
    expect(chat._count.messages).toBeGreaterThan(0);
    // Without the fact, the same bytes fail: the body is read and parsed.
    const again = await db.prisma.webhookEvent.create({
      data: { source: 'umbler', eventId: 'recent-3', rawBody: 'not json' },
    });
    expect(await ingestPending(app, 10, recent)).toEqual({ claimed: 1, failed: 1 });
    const outcome = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: again.id } });
    expect(outcome.error).toMatch(/not valid JSON/);
  });

  it("keeps no more facts, nor bodies' bytes, than its limits, the oldest first", () => {
    const parsed = parseUmbler(example('Message-Contact.json', 'limit'));
    if (parsed.kind !== 'event') throw new Error('the example must parse');
    const byCount = recentFacts({ facts: 2, bytes: 1_000 });
    for (const id of [1, 2, 3]) byCount.remember(id, parsed.fact, 10);
    expect([1, 2, 3].map((id) => Boolean(byCount.take(id)))).toEqual([true, true, false]);
    const bySize = recentFacts({ facts: 10, bytes: 1_000 });
    for (const [id, bytes] of [
      [1, 600],
      [2, 600],
      [3, 400],
    ] as const)
      bySize.remember(id, parsed.fact, bytes);
    expect(bySize.size).toBe(2);
    expect(bySize.take(2)).toBeUndefined();
    // Taking frees room.
    bySize.take(1);
    bySize.remember(4, parsed.fact, 600);
    expect(bySize.take(4)).toBeDefined();
    // Facts the processor passed over (another instance took their events) do not stay.
    const passed = recentFacts({ facts: 3, bytes: 1_000 });
    for (const id of [5, 6, 7]) passed.remember(id, parsed.fact, 10);
    expect(passed.take(7)).toBeDefined();
    expect(passed.size).toBe(0);
    passed.remember(8, parsed.fact, 10);
    expect(passed.take(8)).toBeDefined();
  });

  it('/readyz reports the backlog', async () => {
    const radar = await startTestServer(db);
    try {
      const ready = await fetch(`${radar.url}/readyz`).then((r) => r.json());
      expect(ready).toMatchObject({ status: 'ready', pending: 0, oldestPendingSeconds: null });
      const viaHttp = await httpGraphQL(radar.url, adminToken, '{ ingestStatus { pending } }');
      expect(viaHttp.data?.ingestStatus.pending).toBe(0);
    } finally {
      await radar.close();
    }
  });
});
