import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../src/context.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from './databases.js';
import { createTestApp, runOk } from './harness.js';
import { countStatements } from './statements.js';

const recordMutation = /* GraphQL */ `
  mutation Record($input: RecordConversationEventInput!) { recordConversationEvent(input: $input) { id } }`;

const pageQuery = /* GraphQL */ `
  query Page($first: Int!) {
    conversations(first: $first) {
      totalCount
      edges {
        node {
          id
          status
          assignee { name }
          tags { name }
          lastMessage { text }
          contact { name }
        }
      }
    }
  }`;

const agentMetricsQuery = /* GraphQL */ `
  fragment Stats on DurationStats { count mean median p90 }
  query AgentMetrics($from: DateTime!, $to: DateTime!) {
    agentMetrics(from: $from, to: $to) {
      agent { id name openConversations }
      conversationsHandled conversationsResolved messagesSent notesSent assignments transfersIn transfersOut
      responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats }
    }
  }`;

const seriesQuery = /* GraphQL */ `
  fragment Stats on DurationStats { count mean median p90 }
  query Series($from: DateTime!, $to: DateTime!, $granularity: Granularity!) {
    metricsSeries(from: $from, to: $to, granularity: $granularity) {
      start conversationsStarted messages { customer agent bot note other }
      responseTime { ...Stats } firstResponseTime { ...Stats }
    }
    teamMetrics(from: $from, to: $to) {
      conversationsStarted conversationsResolved messages { customer }
      responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats }
    }
  }`;

const start = Date.parse('2026-03-02T12:00:00Z');
const period = { from: '2026-03-02T03:00:00Z', to: '2026-03-03T03:00:00Z' };

/** A customer writes, then the conversation's agent answers and is assigned. */
async function conversation(app: App, index: number, agents: number) {
  const chat = `chat-${index}`;
  const agent = `agent-${index % agents}`;
  const at = (minutes: number) => new Date(start + index * 60_000 + minutes * 60_000).toISOString();
  await runOk(app, recordMutation, {
    input: {
      eventId: `${chat}-1`,
      conversationExternalId: chat,
      occurredAt: at(0),
      changes: ['MESSAGE_ADDED'],
      contact: { externalId: `contact-${index}`, name: `Customer ${index}` },
      tags: [{ externalId: `tag-${index % 3}`, name: `Tag ${index % 3}` }],
      message: { externalId: `${chat}-m1`, sentAt: at(0), sender: 'CUSTOMER', text: 'Oi' },
    },
  });
  await runOk(app, recordMutation, {
    input: {
      eventId: `${chat}-2`,
      conversationExternalId: chat,
      occurredAt: at(3),
      changes: ['MESSAGE_ADDED', 'ASSIGNEE_CHANGED'],
      assigneeExternalId: agent,
      message: {
        externalId: `${chat}-m2`,
        sentAt: at(3),
        sender: 'AGENT',
        agentExternalId: agent,
        signatureName: `Agent ${index % agents}`,
        text: 'Olá!',
      },
    },
  });
}

describeEachDatabase('SQL statements per operation', (kind) => {
  let db: TestDatabase;
  let counted: ReturnType<typeof countStatements>;
  let app: App;

  async function statementsOf(query: string, variables: Record<string, unknown>) {
    counted.statements.length = 0;
    await runOk(app, query, variables);
    return [...counted.statements];
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    counted = countStatements(db.adapterFactory);
    app = createTestApp({ ...db, prisma: counted.prisma });
    for (let index = 0; index < 120; index++) await conversation(app, index, 12);
  });
  afterAll(async () => {
    await counted.prisma.$disconnect();
    await db.close();
  });

  it('sees every statement', async () => {
    counted.statements.length = 0;
    for (let i = 0; i < 3; i++) await counted.prisma.$queryRaw`SELECT 1`;
    expect(counted.statements).toHaveLength(3);
  });

  it('reads a page of conversations and their relations in a bounded number of statements', async () => {
    const small = await statementsOf(pageQuery, { first: 10 });
    const large = await statementsOf(pageQuery, { first: 100 });
    expect(large.length).toBeLessThanOrEqual(8);
    expect(large).toHaveLength(small.length);
  });

  it('computes agent metrics in a constant number of statements', async () => {
    const { agentMetrics } = await runOk<{ agentMetrics: unknown[] }>(app, agentMetricsQuery, period);
    const many = await statementsOf(agentMetricsQuery, period);
    expect(agentMetrics.length).toBeGreaterThanOrEqual(12);
    expect(many.length).toBeLessThanOrEqual(7);

    const fresh = await openTestDatabase(kind);
    try {
      const few = countStatements(fresh.adapterFactory);
      const freshApp = createTestApp({ ...fresh, prisma: few.prisma });
      for (let index = 0; index < 2; index++) await conversation(freshApp, index, 2);
      few.statements.length = 0;
      await runOk(freshApp, agentMetricsQuery, period);
      expect(few.statements).toHaveLength(many.length);
      await few.prisma.$disconnect();
    } finally {
      await fresh.close();
    }
  });

  it('computes series and team totals in a constant number of statements, only those asked for', async () => {
    const hours = await statementsOf(seriesQuery, { ...period, granularity: 'HOUR' });
    const days = await statementsOf(seriesQuery, {
      from: period.from,
      to: '2026-03-30T03:00:00Z',
      granularity: 'DAY',
    });
    expect(hours.length).toBeLessThanOrEqual(7);
    expect(days).toHaveLength(hours.length);
    const trend = await statementsOf(
      'query($from: DateTime!, $to: DateTime!) { metricsSeries(from: $from, to: $to, granularity: HOUR) { start responseTime { median } } }',
      period,
    );
    expect(trend).toHaveLength(2);
    expect(trend.some((sql) => /FROM messages/.test(sql))).toBe(false);
  });
});
