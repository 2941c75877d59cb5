import { print } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../../test/clients.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import type { RecordConversationEventInput } from '../../test/gql/graphql.js';
import { graphql } from '../../test/gql/index.js';
import { adminToken, startTestServer, webhookToken } from '../../test/harness.js';
import { exampleEvents } from '../../test/scenario-data.js';
import { deliver, webhookUrl } from '../../tools/simulator/deliver.js';
import { maxQueryDepth } from '../graphql-limits.js';
import type { Radar } from '../radar.js';

const record = graphql(`
  mutation AccessRecordEvent($input: RecordConversationEventInput!) {
    recordConversationEvent(input: $input) { id status }
  }
`);
const createToken = graphql(`
  mutation AccessCreateToken($name: String!, $role: Role!) {
    createAccessToken(name: $name, role: $role) { secret token { id name role } }
  }
`);
const agentIds = graphql(`query AccessAgents { agents { id } }`);
const conversationUpdated = graphql(`
  subscription AccessConversationUpdated {
    conversationUpdated { externalId status lastMessage { text } }
  }
`);
const messageAdded = graphql(`
  subscription AccessMessageAdded($id: ID) { messageAdded(conversationId: $id) { text sender } }
`);
const liveCounts = graphql(`query AccessLive { liveOverview { waiting queued inProgress bot } }`);
const liveCountsPushed = graphql(`
  subscription AccessLivePushed { liveOverview { waiting queued inProgress bot } }
`);

function event(n: number, chat = 'chat-access'): RecordConversationEventInput {
  return {
    eventId: `access-${n}`,
    conversationExternalId: chat,
    occurredAt: new Date(Date.UTC(2026, 2, 2, 12, n % 100_000)).toISOString(),
    changes: ['MESSAGE_ADDED'],
    contact: { externalId: 'contact-access', name: 'Ana', phoneNumber: '+5511988887777' },
    assigneeExternalId: 'agent-access',
    open: true,
    message: {
      externalId: `access-msg-${n}`,
      sentAt: new Date(Date.UTC(2026, 2, 2, 12, n % 100_000)).toISOString(),
      sender: 'CUSTOMER',
      text: 'Olá',
    },
  };
}

describeEachDatabase('access over HTTP and WebSocket', (kind) => {
  let db: TestDatabase;
  let radar: Radar;
  const tokens: Record<'SUPERVISOR' | 'INTEGRATOR', string> = { SUPERVISOR: '', INTEGRATOR: '' };
  let conversationId: string;
  let agentId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    radar = await startTestServer(db);
    for (const role of ['SUPERVISOR', 'INTEGRATOR'] as const) {
      const created = await httpGraphQL(radar.url, adminToken, createToken, { name: `${role} token`, role });
      expect(created.data?.createAccessToken.token).toMatchObject({ name: `${role} token`, role });
      tokens[role] = created.data?.createAccessToken.secret ?? '';
    }
    const recorded = await httpGraphQL(radar.url, adminToken, record, { input: event(0) });
    conversationId = recorded.data?.recordConversationEvent.id ?? '';
    const agents = await httpGraphQL(radar.url, adminToken, agentIds);
    agentId = agents.data?.agents[0]?.id ?? '';
  });
  afterAll(async () => {
    await radar?.close();
    await db?.close();
  });

  it('refuses requests without a valid token with 401 UNAUTHENTICATED; the webhook token opens nothing', async () => {
    for (const token of [null, 'wrong-token', webhookToken]) {
      const response = await httpGraphQL(radar.url, token, '{ agents { id } }');
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data).toBeUndefined();
    }
  });

  it('lets each role do exactly what it allows', async () => {
    const operations: {
      name: string;
      query: string;
      variables?: () => Record<string, unknown>;
      allowed: string[];
    }[] = [
      {
        name: 'read conversations',
        query: '{ conversations { totalCount } agents { name } liveOverview { queued } }',
        allowed: ['ADMIN', 'SUPERVISOR', 'INTEGRATOR'],
      },
      {
        name: 'ingest',
        query: print(record),
        variables: () => ({ input: event(Math.floor(Math.random() * 1e6), 'chat-other') }),
        allowed: ['ADMIN', 'INTEGRATOR'],
      },
      {
        name: 'assign',
        query: 'mutation($id: ID!, $agentId: ID) { assignConversation(id: $id, agentId: $agentId) { id } }',
        variables: () => ({ id: conversationId, agentId }),
        allowed: ['ADMIN', 'SUPERVISOR'],
      },
      {
        name: 'tags',
        query: 'mutation($id: ID!) { setConversationTags(id: $id, tagIds: []) { id } }',
        variables: () => ({ id: conversationId }),
        allowed: ['ADMIN', 'SUPERVISOR'],
      },
      {
        name: 'name an agent',
        query: 'mutation($id: ID!) { setAgentName(id: $id, name: "Bia") { name } }',
        variables: () => ({ id: agentId }),
        allowed: ['ADMIN'],
      },
      { name: 'list tokens', query: '{ accessTokens { id } }', allowed: ['ADMIN'] },
      {
        name: 'create a token',
        query: 'mutation { createAccessToken(name: "x", role: ADMIN) { secret } }',
        allowed: ['ADMIN'],
      },
    ];
    const secrets = { ADMIN: adminToken, ...tokens };
    for (const operation of operations) {
      for (const [role, token] of Object.entries(secrets)) {
        const response = await httpGraphQL(radar.url, token, operation.query, operation.variables?.());
        const allowed = operation.allowed.includes(role);
        const what = `${role} may ${allowed ? '' : 'not '}${operation.name}`;
        if (allowed) expect(response.errors, what).toBeUndefined();
        else expect(response.errors?.[0]?.extensions?.code, what).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses a WebSocket without a valid token at connection', async () => {
    for (const token of [null, webhookToken]) {
      const client = wsClient(radar.url, token);
      const subscription = collect(client, 'subscription { liveOverview { queued } }');
      const error = (await subscription.error) as { code?: number };
      expect(error.code).toBe(4403);
      await client.dispose();
    }
  });

  it('checks roles on subscriptions too', async () => {
    const client = wsClient(radar.url, tokens.INTEGRATOR);
    const subscription = collect(client, 'subscription { liveOverview { queued } }');
    const [first] = await subscription.next(1);
    expect(first?.errors).toBeUndefined();
    subscription.stop();
    await client.dispose();
  });

  it('pushes a change to conversationUpdated and messageAdded subscribers', async () => {
    const client = wsClient(radar.url, tokens.SUPERVISOR);
    const updates = collect(client, conversationUpdated);
    const messages = collect(client, messageAdded, { id: conversationId });
    const live = collect(client, liveCountsPushed);
    await live.next(1);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const base = event(900);
    const input = { ...base, message: { ...base.message!, text: 'Alguém aí?' } };
    expect((await httpGraphQL(radar.url, tokens.INTEGRATOR, record, { input })).errors).toBeUndefined();
    const [update] = await updates.next(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(update?.data?.conversationUpdated).toEqual({
      externalId: 'chat-access',
      status: 'WAITING',
      lastMessage: { text: 'Alguém aí?' },
    });
    expect((await messages.next(1))[0]?.data?.messageAdded).toEqual({
      text: 'Alguém aí?',
      sender: 'CUSTOMER',
    });
    const [, afterChange] = await live.next(2);
    const now = await httpGraphQL(radar.url, adminToken, liveCounts);
    expect(afterChange?.data?.liveOverview).toEqual(now.data?.liveOverview);
    expect(now.data?.liveOverview.waiting).toBeGreaterThan(0);
    for (const s of [updates, messages, live]) s.stop();
    await client.dispose();
  });

  it('pushes an Umbler webhook POST to a conversationUpdated subscriber well under a second after the 202', async () => {
    const client = wsClient(radar.url, tokens.SUPERVISOR);
    const updates = collect(client, conversationUpdated);
    const live = collect(client, liveCountsPushed);
    await live.next(1);
    const body = exampleEvents().get('Message-Contact.json') as string;
    const answer = await deliver(webhookUrl(radar.url, webhookToken), body);
    const answeredAt = Date.now();
    expect(answer.status).toBe(202);
    const [update] = await updates.next(1);
    const latency = Date.now() - answeredAt;
    expect(latency).toBeLessThan(1000);
    const content = JSON.parse(body).Payload.Content;
    expect(update?.data?.conversationUpdated).toMatchObject({
      externalId: content.Id,
      lastMessage: { text: content.LastMessage.Content },
    });
    updates.stop();
    live.stop();
    await client.dispose();
  });

  it('masks unexpected errors and explains expected ones', async () => {
    const missing = await httpGraphQL(
      radar.url,
      adminToken,
      'mutation { setAgentName(id: "QWdlbnQ6OTk5OTk=", name: "X") { name } }',
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badDate = await httpGraphQL(
      radar.url,
      adminToken,
      '{ conversations(filter: { from: "yesterday" }) { totalCount } }',
    );
    expect(badDate.errors?.[0]?.message).toMatch(/DateTime/);
    const deep = `{ conversations(first: 5) { edges { node { timeline { agent { id } fromAgent { id } } lastMessage { agent { id } } messages { edges { node { agent { id } } } } } } } }`;
    expect((await httpGraphQL(radar.url, adminToken, deep)).errors).toBeUndefined();
    // No path of the schema nests past the limit today: a document that does is refused whatever its fields.
    const nested = (depth: number): string => (depth === 0 ? 'id' : `f${depth} { ${nested(depth - 1)} }`);
    const tooDeep = await httpGraphQL(radar.url, adminToken, `{ ${nested(maxQueryDepth + 1)} }`);
    expect(tooDeep.status).toBe(400);
    const depthError = tooDeep.errors?.find((e) => /nested/.test(e.message));
    expect(depthError?.message).toBe(
      `This query is nested ${maxQueryDepth + 2} levels deep; at most ${maxQueryDepth} are allowed.`,
    );
  });

  it('caps pages at 100', async () => {
    const response = await httpGraphQL(radar.url, adminToken, '{ conversations(first: 500) { totalCount } }');
    expect(response.errors?.[0]?.message).toMatch(/0 to 100/);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const invalidId = await httpGraphQL(radar.url, adminToken, '{ conversation(id: "x") { id } }');
    expect(invalidId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
