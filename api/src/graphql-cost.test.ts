import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type DocumentNode, Kind, print, type TypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { collect, httpGraphQL, wsClient } from '../test/clients.js';
import { describeEachDatabase } from '../test/databases.js';
import { adminToken, serveForSuite, webhookToken } from '../test/harness.js';
import { exampleEvents } from '../test/scenario-data.js';
import { deliver, webhookUrl } from '../tools/simulator/deliver.js';
import { costBudget } from './graphql-cost.js';
import { maxListSize } from './graphql-input.js';
import { schema } from './schema/index.js';

// The dashboard's typed documents (outside this package's sources, so loaded by path).
const dashboard: Record<string, unknown> = await import(
  new URL('../../client/src/gql/graphql.ts', import.meta.url).href
);

const period = 'from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z"';
const aliases = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join('\n')} }`;
const globalId = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

/** The reproductions of the issue: each one must be refused before it runs. */
const bombs = {
  'agentMetrics ×500': aliases(
    500,
    `agentMetrics(${period}) { messagesSent responseTime { median p90 } firstResponseTime { median } }`,
  ),
  'conversations ×100 with messages(first: 100)': aliases(
    100,
    'conversations(first: 100) { edges { node { id messages(first: 100) { edges { node { text } } } } } }',
  ),
  'nodes with 10,000 ids': `{ nodes(ids: [${Array.from({ length: 10_000 }, (_, i) => `"${globalId('Message', i + 1)}"`).join(',')}]) { id } }`,
};

/** Worst-case variables for a dashboard document: the largest page it may ask for. */
function worstCaseVariables(document: DocumentNode, idType: string): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const named = (type: TypeNode): string =>
    type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const required = variable.type.kind === Kind.NON_NULL_TYPE;
      const values: Record<string, unknown> = {
        Int: maxListSize,
        ID: required ? globalId(idType, 1) : null,
        DateTime: '2026-01-01T00:00:00Z',
        Granularity: 'DAY',
        String: required ? '2026-01-01' : null,
        ConversationFilter: null,
        SetBusinessHoursInput: { week: [] },
        SetHolidayInput: { date: '2026-01-01', name: 'Feriado' },
        SetSlaPolicyInput: {},
        SetOriginRuleInput: { pattern: 'vim pelo site', origin: 'WEBSITE' },
      };
      variables[variable.variable.name.value] = values[named(variable.type)] ?? null;
    }
  }
  return variables;
}

describe('the cost budget', () => {
  const documents = Object.entries(dashboard).filter(
    (entry): entry is [string, DocumentNode] =>
      entry[0].endsWith('Document') &&
      (entry[1] as DocumentNode).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION),
  );

  it('leaves room for every document the dashboard sends, at its largest page', () => {
    expect(documents.length).toBeGreaterThan(10);
    const cost = (document: DocumentNode) => {
      for (const idType of ['Conversation', 'Agent', 'Sector']) {
        try {
          return complexityFromQuery(document, { schema, variables: worstCaseVariables(document, idType) });
        } catch {}
      }
      throw new Error(`no variables fit ${JSON.stringify(worstCaseVariables(document, 'Conversation'))}`);
    };
    for (const [name, document] of documents) {
      expect(cost(document).complexity, name).toBeLessThanOrEqual(costBudget / 2);
    }
  });

  it('is exceeded by each reproduction of the alias and list bombs', () => {
    for (const [name, query] of Object.entries(bombs)) {
      expect(complexityFromQuery(query, { schema }).complexity, name).toBeGreaterThan(costBudget);
    }
  });
});

describeEachDatabase('requests over the budget', (kind) => {
  const server = serveForSuite(kind);

  it('are refused before executing with QUERY_TOO_COMPLEX and the budget in the message', async () => {
    for (const [name, query] of Object.entries(bombs)) {
      const response = await httpGraphQL(server.radar.url, adminToken, query);
      expect(response.status, name).toBe(400);
      expect(response.errors, name).toHaveLength(1);
      expect(response.errors?.[0]?.extensions?.code, name).toBe('QUERY_TOO_COMPLEX');
      expect(response.errors?.[0]?.message, name).toContain(`budget is ${costBudget}`);
      expect(response.data, `${name}: nothing ran`).toBeUndefined();
    }
  });

  it('are refused over WebSocket too', async () => {
    const client = wsClient(server.radar.url, adminToken);
    const tooCostly = collect(client, bombs['agentMetrics ×500']);
    const errors = (await tooCostly.error) as { message?: string; extensions?: { code?: string } }[];
    expect(errors[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(errors[0]?.message).toContain(`budget is ${costBudget}`);
    const live = collect(client, 'subscription { liveOverview { queued agents { agent { name } } } }');
    expect((await live.next(1))[0]?.errors).toBeUndefined();
    live.stop();
    await client.dispose();
  });

  it('nodes takes at most 100 ids', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => globalId('Message', i + 1));
    const within = await httpGraphQL(
      server.radar.url,
      adminToken,
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {
        ids: ids(100),
      },
    );
    expect(within.errors).toBeUndefined();
    expect(within.data.nodes).toHaveLength(100);
    const over = await httpGraphQL(
      server.radar.url,
      adminToken,
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      {
        ids: ids(101),
      },
    );
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0]?.message).toMatch(/at most 100/);
  });

  it('do not delay webhook answers', async () => {
    const url = webhookUrl(server.radar.url, webhookToken);
    const body = JSON.parse(exampleEvents().get('Message-Contact.json') as string);
    const latencies: number[] = [];
    const attacks = Promise.all(
      Array.from({ length: 3 }, () =>
        Promise.all(Object.values(bombs).map((query) => httpGraphQL(server.radar.url, adminToken, query))),
      ),
    );
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const answer = await deliver(url, JSON.stringify({ ...body, EventId: `cost-${i}` }));
      latencies.push(performance.now() - started);
      expect(answer.status).toBe(202);
    }
    await attacks;
    // Before the budget, one of these requests held answers for 5 to 8 s (Umbler gives up at 5 s).
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it("lets the dashboard's heaviest page through", async () => {
    const response = await httpGraphQL(
      server.radar.url,
      adminToken,
      print(dashboard.AgentPerformanceDocument as DocumentNode),
      {
        from: '2026-01-01T00:00:00Z',
        to: '2026-02-01T00:00:00Z',
      },
    );
    expect(response.errors).toBeUndefined();
  });
});
