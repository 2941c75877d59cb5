import type { Database } from '../src/db/client.js';
import { httpGraphQL } from './clients.js';
import type { ExpectedScenario } from './scenario-data.js';

// Test support for the Umbler webhook over real HTTP: waiting for the inbox, and reading Radar's
// answers through its GraphQL API the way the dashboard does.

/** Waits until no event is PENDING: the processor marks an event only once it is applied. */
export async function waitForDrain(db: Database, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await db.prisma.webhookEvent.count({ where: { status: 'PENDING' } })) > 0) {
    if (Date.now() > deadline) throw new Error(`the webhook inbox did not drain within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A GraphQL request over HTTP that must succeed: its data. */
export async function graphql<T>(
  baseUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await httpGraphQL<T>(baseUrl, token, query, variables);
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
  if (result.status !== 200 || !result.data) throw new Error(`GraphQL answered ${result.status}`);
  return result.data;
}

type Live = ExpectedScenario['live'];

/** Every customer conversation's live state, paging through `conversations` like the dashboard. */
export async function liveState(baseUrl: string, token: string): Promise<Live> {
  const live: Live = {};
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const data: {
      conversations: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: {
          node: {
            externalId: string;
            status: string;
            waitingSince: string | null;
            assignee: { externalId: string } | null;
          };
        }[];
      };
    } = await graphql(
      baseUrl,
      token,
      `query Live($after: String) {
        conversations(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          edges { node { externalId status waitingSince assignee { externalId } } }
        }
      }`,
      { after },
    );
    for (const { node } of data.conversations.edges) {
      live[node.externalId] = {
        status: node.status,
        assignee: node.assignee?.externalId ?? null,
        waitingSince: node.waitingSince,
      };
    }
    if (!data.conversations.pageInfo.hasNextPage) return live;
    after = data.conversations.pageInfo.endCursor;
  }
  throw new Error('too many pages of conversations');
}

export async function agentNames(baseUrl: string, token: string): Promise<Record<string, string>> {
  const data = await graphql<{ agents: { externalId: string; name: string }[] }>(
    baseUrl,
    token,
    '{ agents { externalId name } }',
  );
  return Object.fromEntries(data.agents.map((agent) => [agent.externalId, agent.name]));
}

const durations = 'count mean median p90';

/** One period's metrics in the shape of expected.json (agents without any activity left out). */
export async function periodMetrics(baseUrl: string, token: string, from: string, to: string) {
  const data = await graphql<{
    agentMetrics: ({ agent: { externalId: string } } & Record<string, unknown>)[];
    teamMetrics: Record<string, unknown>;
  }>(
    baseUrl,
    token,
    `query Metrics($from: DateTime!, $to: DateTime!) {
      agentMetrics(from: $from, to: $to) {
        agent { externalId }
        conversationsHandled conversationsResolved messagesSent assignments transfersIn transfersOut
        responseTime { ${durations} } firstResponseTime { ${durations} } resolutionTime { ${durations} }
      }
      teamMetrics(from: $from, to: $to) {
        conversationsStarted
        messages { customer agent bot note other }
        responseTime { ${durations} } firstResponseTime { ${durations} } resolutionTime { ${durations} }
      }
    }`,
    { from, to },
  );
  const agents = Object.fromEntries(
    data.agentMetrics.map(({ agent, ...metrics }) => [agent.externalId, metrics] as const),
  );
  return { agents: withoutIdleAgents(agents), totals: data.teamMetrics };
}

/** Drops agents whose every count is zero: listing them or not is a presentation choice. */
export function withoutIdleAgents<T extends Record<string, unknown>>(agents: Record<string, T>) {
  return Object.fromEntries(Object.entries(agents).filter(([, metrics]) => hasActivity(metrics)));
}

function hasActivity(value: unknown): boolean {
  if (typeof value === 'number') return value !== 0;
  if (value && typeof value === 'object') return Object.values(value).some(hasActivity);
  return false;
}
