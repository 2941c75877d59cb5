import { afterAll, beforeAll, expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../test/clients.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../test/databases.js';
import { adminToken, startTestServer, webhookToken } from '../test/harness.js';
import { exampleEvents } from '../test/scenario-data.js';
import { deliver, webhookUrl } from '../tools/simulator/deliver.js';
import type { Radar } from './radar.js';

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
