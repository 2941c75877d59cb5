import { afterAll, beforeAll, expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../test/clients.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../test/databases.js';
import { adminToken, startTestServer, webhookToken } from '../test/harness.js';
import { exampleEvents } from '../test/scenario-data.js';
import { countStatements } from '../test/statements.js';
import { deliver, webhookUrl } from '../tools/simulator/deliver.js';
import type { Radar } from './radar.js';
import { mergeQueries } from './shared-subscriptions.js';

const updated = 'subscription { conversationUpdated { externalId status lastMessage { text } } }';
const overview = 'subscription { liveOverview { waiting queued inProgress bot } }';

describeEachDatabase('subscriptions shared by every subscriber of the same document and role', (kind) => {
  let db: TestDatabase;
  let radar: Radar;
  let supervisor: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    radar = await startTestServer(db);
    const created = await httpGraphQL(
      radar.url,
      adminToken,
      'mutation { createAccessToken(name: "Supervisão", role: SUPERVISOR) { secret } }',
    );
    supervisor = created.data.createAccessToken.secret;
  });
  afterAll(async () => {
    await radar?.close();
    await db?.close();
  });

  it('run one stream per document and role, and deliver every change to every subscriber', async () => {
    const clients = Array.from({ length: 6 }, (_, i) => wsClient(radar.url, i < 4 ? adminToken : supervisor));
    const updates = clients.map((client) => collect(client, updated));
    const overviews = clients.map((client) => collect(client, overview));
    await Promise.all(overviews.map((o) => o.next(1)));
    expect(radar.liveStreams()).toEqual({ streams: 4, subscribers: 12 });

    const body = JSON.parse(exampleEvents().get('Message-Contact.json') as string);
    body.EventId = 'shared-0001';
    expect((await deliver(webhookUrl(radar.url, webhookToken), JSON.stringify(body))).status).toBe(202);
    const pushed = await Promise.all(updates.map((u) => u.next(1)));
    const first = pushed[0]?.[0]?.data;
    expect(first?.conversationUpdated.externalId).toBe(body.Payload.Content.Id);
    for (const [result] of pushed) expect(result?.data).toEqual(first);
    const counted = await Promise.all(overviews.map((o) => o.next(2)));
    const now = await httpGraphQL(
      radar.url,
      adminToken,
      '{ liveOverview { waiting queued inProgress bot } }',
    );
    for (const results of counted) expect(results[1]?.data?.liveOverview).toEqual(now.data.liveOverview);

    // A dashboard opened later gets the current value at once, from the running stream.
    const late = wsClient(radar.url, adminToken);
    const lateOverview = collect(late, overview);
    const [current] = await lateOverview.next(1);
    expect(current?.data?.liveOverview).toEqual(now.data.liveOverview);
    expect(radar.liveStreams().streams).toBe(4);

    for (const s of [...updates, ...overviews, lateOverview]) s.stop();
    await Promise.all([...clients, late].map((client) => client.dispose()));
    await expect.poll(() => radar.liveStreams()).toEqual({ streams: 0, subscribers: 0 });
  });
});

describeEachDatabase('one read of a changed conversation for every selection', (kind) => {
  let db: TestDatabase;
  let counted: ReturnType<typeof countStatements>;
  let radar: Radar;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    counted = countStatements(db.adapterFactory);
    radar = await startTestServer({ ...db, prisma: counted.prisma });
  });
  afterAll(async () => {
    await radar?.close();
    await counted?.prisma.$disconnect();
    await db?.close();
  });

  it('merges the streams of different documents into one query per change', async () => {
    const documents = [
      'subscription { conversationUpdated { externalId status } }',
      'subscription { conversationUpdated { id status contact { name } } }',
      'subscription { conversationUpdated { externalId assignee { name } tags { name } } }',
      'subscription { conversationUpdated { externalId lastMessage { text sender } contact { name phoneNumber } } }',
    ];
    const clients = documents.map(() => wsClient(radar.url, adminToken));
    const streams = documents.map((document, i) =>
      collect(clients[i] as ReturnType<typeof wsClient>, document),
    );
    await expect.poll(() => radar.liveStreams().streams).toBe(documents.length);

    const body = JSON.parse(exampleEvents().get('Message-Contact.json') as string);
    body.EventId = 'merged-read-0001';
    counted.statements.length = 0;
    expect((await deliver(webhookUrl(radar.url, webhookToken), JSON.stringify(body))).status).toBe(202);
    const pushed = await Promise.all(streams.map((stream) => stream.next(1)));
    for (const [result] of pushed) expect(result?.errors).toBeUndefined();
    expect(pushed[1]?.[0]?.data?.conversationUpdated.contact.name).toBe(body.Payload.Content.Contact.Name);
    expect(pushed[3]?.[0]?.data?.conversationUpdated.lastMessage.text).toBe(
      body.Payload.Content.LastMessage.Content,
    );

    // The conversation is read by one statement, whatever each stream selects (the write path's
    // own read goes by "id" IN), and each relation by at most one.
    const reads = (table: string) =>
      counted.statements.filter((sql) =>
        new RegExp(`^SELECT .* FROM "public"\\."${table}" WHERE .*"id" = \\$1`, 's').test(sql),
      );
    expect(reads('conversations')).toHaveLength(1);
    expect(reads('contacts').length).toBeLessThanOrEqual(1);

    for (const stream of streams) stream.stop();
    await Promise.all(clients.map((client) => client.dispose()));
  });
});

it('merges reads only where neither changes what the other gets', () => {
  expect(mergeQueries({ include: { contact: true } }, { include: { tags: true } })).toEqual({
    include: { contact: true, tags: true },
  });
  expect(
    mergeQueries({ include: { contact: true } }, { include: { contact: { include: { tags: true } } } }),
  ).toEqual({ include: { contact: { include: { tags: true } } } });
  // A list asked with other arguments, or some scalars against all of them: read apart.
  expect(
    mergeQueries({ include: { messages: { take: 10 } } }, { include: { messages: { take: 20 } } }),
  ).toBeNull();
  expect(mergeQueries({ include: { messages: true } }, { include: { messages: { take: 20 } } })).toBeNull();
  expect(mergeQueries({ select: { id: true } }, { include: { contact: true } })).toBeNull();
});
