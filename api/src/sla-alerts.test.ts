import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpGraphQL, wsClient } from '../test/clients.js';
import { conversationEvents, recordEvents } from '../test/conversation-events.js';
import { describeEachDatabase } from '../test/databases.js';
import { adminToken, serveForSuite } from '../test/harness.js';

// Alert timing over real HTTP and WebSocket (docs/metrics.md, "Service levels"): with a 10 s
// first-response target, an unanswered message is AT_RISK at 7.5 s and BREACHED at 10 s, each
// pushed within a second; a bot does not clear it, a human reply does.

const alerts = `subscription { slaAlerts { conversation { externalId } kind state dueAt } }`;
const live = `{
  liveOverview { slaAtRisk slaBreached }
  conversations { edges { node { externalId sla { kind state targetSeconds dueAt } } } }
}`;

interface Arrival {
  at: number;
  alert: { conversation: { externalId: string }; kind: string; state: string; dueAt: string | null };
}

describeEachDatabase('SLA alerts', (kind) => {
  const server = serveForSuite(kind);
  const arrivals: Arrival[] = [];
  let stop: () => void = () => {};
  let client: ReturnType<typeof wsClient>;

  const waitFor = async (count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (arrivals.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(arrivals.length, JSON.stringify(arrivals)).toBeGreaterThanOrEqual(count);
    return arrivals.slice(count - 1)[0] as Arrival;
  };
  const record = async (inputs: unknown[]) => {
    const result = await httpGraphQL(server.radar.url, adminToken, recordEvents, { inputs });
    expect(result.errors).toBeUndefined();
  };

  beforeAll(async () => {
    const policy = await httpGraphQL(
      server.radar.url,
      adminToken,
      `mutation($from: DateTime!) {
        setSlaPolicy(input: { firstResponseSeconds: 10, nextResponseSeconds: 2, effectiveFrom: $from }) { version }
      }`,
      { from: new Date(Date.now() - 60_000).toISOString() },
    );
    expect(policy.errors).toBeUndefined();
    client = wsClient(server.radar.url, adminToken);
    stop = client.subscribe(
      { query: alerts },
      {
        next: (value) => arrivals.push({ at: Date.now(), alert: (value.data as any).slaAlerts }),
        error: (error) => {
          throw error;
        },
        complete: () => {},
      },
    );
    // The subscription is running once a query of the same server answers (the socket is open).
    await new Promise((r) => setTimeout(r, 300));
  });
  afterAll(async () => {
    stop();
    await client?.dispose();
  });

  it('pushes AT_RISK at 75 % and BREACHED at 100 % of the target, each within a second', async () => {
    const sentAt = Date.now();
    await record(conversationEvents('chat-sla', sentAt, [{ at: 0, customer: 'Alguém aí?' }]));

    const atRisk = await waitFor(1, 9_500);
    expect(atRisk.alert).toEqual({
      conversation: { externalId: 'chat-sla' },
      kind: 'FIRST_RESPONSE',
      state: 'AT_RISK',
      dueAt: new Date(sentAt + 10_000).toISOString(),
    });
    expect(atRisk.at - sentAt).toBeGreaterThanOrEqual(7_500);
    expect(atRisk.at - sentAt).toBeLessThan(8_500);

    const during = await httpGraphQL(server.radar.url, adminToken, live);
    expect(during.data.liveOverview).toEqual({ slaAtRisk: 1, slaBreached: 0 });
    expect(during.data.conversations.edges[0].node.sla).toEqual([
      {
        kind: 'FIRST_RESPONSE',
        state: 'AT_RISK',
        targetSeconds: 10,
        dueAt: new Date(sentAt + 10_000).toISOString(),
      },
    ]);

    const breached = await waitFor(2, 3_500);
    expect(breached.alert).toMatchObject({ kind: 'FIRST_RESPONSE', state: 'BREACHED' });
    expect(breached.at - sentAt).toBeGreaterThanOrEqual(10_000);
    expect(breached.at - sentAt).toBeLessThan(11_000);
    const after = await httpGraphQL(server.radar.url, adminToken, live);
    expect(after.data.liveOverview).toEqual({ slaAtRisk: 0, slaBreached: 1 });
  });

  it('is not cleared by a bot, and is cleared by a human reply; the next response has its own target', async () => {
    const start = Date.parse(arrivals[0]?.alert.dueAt ?? '') - 10_000;
    const elapsed = (Date.now() - start) / 1000;
    await record(
      conversationEvents('chat-sla', start, [{ at: elapsed, bot: 'Um momento!' }]).map(renumber('bot')),
    );
    await new Promise((r) => setTimeout(r, 800));
    expect(arrivals).toHaveLength(2);

    const repliedAt = Date.now();
    await record(
      conversationEvents('chat-sla', repliedAt, [
        { at: 0, agent: 'agent-ana', text: 'Oi! Desculpe a demora.' },
      ]).map(renumber('reply')),
    );
    const cleared = await waitFor(3, 1_000);
    expect(cleared.alert).toMatchObject({ kind: 'FIRST_RESPONSE', state: 'OK', dueAt: null });
    expect(cleared.at - repliedAt).toBeLessThan(1_000);
    expect((await httpGraphQL(server.radar.url, adminToken, live)).data.liveOverview).toEqual({
      slaAtRisk: 0,
      slaBreached: 0,
    });

    // The customer writes again: the 2 s next-response target runs from that message.
    const askedAt = Date.now();
    await record(
      conversationEvents('chat-sla', askedAt, [{ at: 0, customer: 'E agora?' }]).map(renumber('again')),
    );
    const nextAtRisk = await waitFor(4, 2_500);
    expect(nextAtRisk.alert).toMatchObject({ kind: 'NEXT_RESPONSE', state: 'AT_RISK' });
    expect(nextAtRisk.at - askedAt).toBeGreaterThanOrEqual(1_500);
    expect(nextAtRisk.at - askedAt).toBeLessThan(2_500);
    const nextBreached = await waitFor(5, 1_500);
    expect(nextBreached.alert).toMatchObject({ kind: 'NEXT_RESPONSE', state: 'BREACHED' });
    expect(nextBreached.at - askedAt).toBeGreaterThanOrEqual(2_000);
    expect(nextBreached.at - askedAt).toBeLessThan(3_000);
  });
});

/** Event and message ids of their own, so a later step is not taken for a duplicate of an earlier one. */
const renumber =
  (tag: string) =>
  <T extends { eventId: string; message?: { externalId: string } }>(event: T): T => ({
    ...event,
    eventId: `${event.eventId}-${tag}`,
    ...(event.message
      ? { message: { ...event.message, externalId: `${event.message.externalId}-${tag}` } }
      : {}),
  });
