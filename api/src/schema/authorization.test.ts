import { isInterfaceType, isObjectType } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../../test/clients.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { adminToken, startTestServer, webhookToken } from '../../test/harness.js';
import { exampleEvents } from '../../test/scenario-data.js';
import { waitForDrain } from '../../test/webhook-support.js';
import { deliver, webhookUrl } from '../../tools/simulator/deliver.js';
import type { Radar } from '../radar.js';
import { schema } from './index.js';

type Role = 'ADMIN' | 'SUPERVISOR' | 'INTEGRATOR';
const roles: Role[] = ['ADMIN', 'SUPERVISOR', 'INTEGRATOR'];

/** Who may read each node type, and one field of it that carries data. */
const nodeAccess: Record<string, { readers: Role[]; field: string }> = {
  Conversation: { readers: roles, field: 'externalId' },
  Message: { readers: roles, field: 'text' },
  Agent: { readers: roles, field: 'externalId' },
  Sector: { readers: roles, field: 'name' },
  Tag: { readers: roles, field: 'name' },
  WebhookEvent: { readers: ['ADMIN'], field: 'rawBody' },
  AccessToken: { readers: ['ADMIN'], field: 'name' },
};

const generated = (name: string) =>
  name.startsWith('__') ||
  ['Query', 'Mutation', 'Subscription', 'PageInfo'].includes(name) ||
  name.endsWith('Connection') ||
  name.endsWith('Edge');

it('every object type declares who may read it', () => {
  const undeclared = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !generated(type.name))
    .filter((type) => {
      const options = type.extensions?.pothosOptions as { authScopes?: unknown } | undefined;
      return options?.authScopes === undefined;
    })
    .map((type) => type.name);
  expect(undeclared).toEqual([]);
});

it('the access table covers every node type of the schema', () => {
  const node = schema.getType('Node');
  expect(isInterfaceType(node)).toBe(true);
  const nodeTypes = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
    .map((type) => type.name)
    .sort();
  expect(nodeTypes).toEqual(Object.keys(nodeAccess).sort());
});

describeEachDatabase('authorization lives on the type', (kind) => {
  let db: TestDatabase;
  let radar: Radar;
  const tokens: Record<Role, string> = { ADMIN: adminToken, SUPERVISOR: '', INTEGRATOR: '' };
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    radar = await startTestServer(db);
    for (const role of ['SUPERVISOR', 'INTEGRATOR'] as const) {
      const created = await httpGraphQL(
        radar.url,
        adminToken,
        'mutation($name: String!, $role: Role!) { createAccessToken(name: $name, role: $role) { secret } }',
        { name: `${role} reader`, role },
      );
      tokens[role] = created.data.createAccessToken.secret;
    }
    const url = webhookUrl(radar.url, webhookToken);
    for (const [file, body] of exampleEvents()) {
      if (file.endsWith('.json')) expect((await deliver(url, body)).status).toBeLessThan(300);
    }
    await waitForDrain(db);
    const all = await httpGraphQL(
      radar.url,
      adminToken,
      `{
        conversations(first: 100, filter: { includeInternal: true }) {
          edges { node { id messages(first: 20) { edges { node { id } } } } }
        }
        agents { id } sectors { id } tags { id } accessTokens { id }
        webhookEvents(first: 100) { edges { node { id } } }
      }`,
    );
    expect(all.errors).toBeUndefined();
    const conversations = all.data.conversations.edges.map((e: { node: unknown }) => e.node);
    ids.Conversation = conversations.map((c: { id: string }) => c.id);
    ids.Message = conversations.flatMap((c: { messages: { edges: { node: { id: string } }[] } }) =>
      c.messages.edges.map((e) => e.node.id),
    );
    for (const [type, field] of [
      ['Agent', 'agents'],
      ['Sector', 'sectors'],
      ['Tag', 'tags'],
      ['AccessToken', 'accessTokens'],
    ] as const) {
      ids[type] = all.data[field].map((x: { id: string }) => x.id);
    }
    ids.WebhookEvent = all.data.webhookEvents.edges.map((e: { node: { id: string } }) => e.node.id);
  });
  afterAll(async () => {
    await radar?.close();
    await db?.close();
  });

  it('node(id:) of every node type, for every role, returns data only to the roles that may read it', async () => {
    for (const [type, { readers, field }] of Object.entries(nodeAccess)) {
      const id = ids[type]?.[0];
      expect(id, `a ${type} to read`).toBeDefined();
      for (const role of roles) {
        const response = await httpGraphQL(
          radar.url,
          tokens[role],
          `{ node(id: "${id}") { ... on ${type} { ${field} } } }`,
        );
        const what = `${role} reading a ${type}`;
        if (readers.includes(role)) {
          expect(response.errors, what).toBeUndefined();
          expect(response.data.node, what).toHaveProperty(field);
        } else {
          expect(response.errors?.[0]?.extensions?.code, what).toBe('FORBIDDEN');
          expect(JSON.stringify(response.data ?? null), what).not.toContain(`"${field}"`);
        }
      }
    }
  });

  it('nodes(ids:) and 900 aliased node() calls leak no webhook body, phone or token name to non-admins', async () => {
    const adminIds = [...ids.WebhookEvent!, ...ids.AccessToken!].slice(0, 100);
    const aliased = Array.from(
      { length: 900 },
      (_, i) =>
        `n${i}: node(id: "${adminIds[i % adminIds.length]}") { id ... on WebhookEvent { rawBody eventId } ... on AccessToken { name } }`,
    ).join('\n');
    for (const role of ['SUPERVISOR', 'INTEGRATOR'] as const) {
      for (const query of [
        `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on WebhookEvent { rawBody } ... on AccessToken { name } } }`,
        `{ ${aliased} }`,
      ]) {
        const response = await httpGraphQL(radar.url, tokens[role], query, { ids: adminIds });
        const text = JSON.stringify(response.data ?? null);
        expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(text).not.toMatch(/Payload|\+55\d|reader/);
        expect(text).not.toContain('"id":"');
      }
    }
    const admin = await httpGraphQL(
      radar.url,
      adminToken,
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      {
        ids: adminIds,
      },
    );
    expect(admin.errors).toBeUndefined();
    expect(admin.data.nodes.every((node: unknown) => node !== null)).toBe(true);
  });

  it('nested fields and subscriptions enforce the type too', async () => {
    const nested = await httpGraphQL(
      radar.url,
      tokens.SUPERVISOR,
      'mutation { createAccessToken(name: "x", role: ADMIN) { secret token { name } } }',
    );
    expect(nested.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(nested.data?.createAccessToken ?? null).toBeNull();

    const client = wsClient(radar.url, tokens.INTEGRATOR);
    const updates = collect(client, 'subscription { conversationUpdated { externalId } }');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const body = JSON.parse(exampleEvents().get('Message-Contact.json') as string);
    body.EventId = 'authorization-live';
    await deliver(webhookUrl(radar.url, webhookToken), JSON.stringify(body));
    const [update] = await updates.next(1);
    expect(update?.errors).toBeUndefined();
    expect(update?.data?.conversationUpdated.externalId).toBe(body.Payload.Content.Id);
    updates.stop();
    await client.dispose();
  });

  it('nodes returns null for an id that names nothing, and refuses bad ids with BAD_USER_INPUT', async () => {
    const missing = Buffer.from('Conversation:2147483000').toString('base64');
    const found = ids.Conversation![0];
    const response = await httpGraphQL(
      radar.url,
      adminToken,
      `{ nodes(ids: ["${found}", "${missing}"]) { id } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.nodes).toEqual([{ id: found }, null]);
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    for (const bad of [
      'x',
      b64('Conversation:abc'),
      b64('Conversation:-1'),
      b64('Nope:1'),
      b64('Conversation:1:2'),
    ]) {
      for (const query of [
        `{ node(id: "${bad}") { id } }`,
        `{ nodes(ids: ["${found}", "${bad}"]) { id } }`,
        `{ conversation(id: "${bad}") { id } }`,
        `{ conversations(filter: { agentId: "${bad}" }) { totalCount } }`,
      ]) {
        const bad = await httpGraphQL(radar.url, adminToken, query);
        expect(bad.status, query).toBeLessThan(500);
        expect(bad.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      }
    }
    for (const cursor of ['zzz', b64('GPC:N:abc'), b64('GPC:S:x'), b64('arrayconnection:1')]) {
      for (const query of [
        `{ conversations(after: "${cursor}") { edges { node { id } } } }`,
        `{ webhookEvents(before: "${cursor}") { edges { node { id } } } }`,
        `{ node(id: "${found}") { ... on Conversation { messages(after: "${cursor}") { edges { node { id } } } } } }`,
      ]) {
        const bad = await httpGraphQL(radar.url, adminToken, query);
        expect(bad.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      }
    }
    const page = await httpGraphQL(
      radar.url,
      adminToken,
      '{ conversations(first: 1) { pageInfo { endCursor } } }',
    );
    const next = await httpGraphQL(
      radar.url,
      adminToken,
      `{ conversations(first: 1, after: "${page.data.conversations.pageInfo.endCursor}") { edges { node { id } } } }`,
    );
    expect(next.errors).toBeUndefined();
    expect(next.data.conversations.edges.length).toBe(1);
  });
});
