import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../context.js';
import { type ExpectedScenario, loadScenario } from '../domain/scenario-data.js';
import { parseUmblerWebhook } from '../domain/umbler.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../test/databases.js';
import { createTestApp, runOk } from '../test/harness.js';
import { factToInput } from './ingest.js';

// The week scenario (5,891 deliveries) takes a minute or two to ingest, so it runs once, in a
// file of its own that vitest runs next to metrics.test.ts: on PostgreSQL when available.
const kind = databaseKinds.at(-1) ?? 'pglite';

const periodQuery = /* GraphQL */ `
  fragment Stats on DurationStats { count mean median p90 }
  query Period($from: DateTime!, $to: DateTime!) {
    agentMetrics(from: $from, to: $to) {
      agent { externalId name }
      conversationsHandled conversationsResolved messagesSent assignments transfersIn transfersOut
      responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats }
    }
    teamMetrics(from: $from, to: $to) {
      conversationsStarted
      messages { customer agent bot note other }
      responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats }
    }
  }`;

const recordMutation = /* GraphQL */ `
  mutation Record($input: RecordConversationEventInput!) { recordConversationEvent(input: $input) { id } }`;

function approximately(value: unknown): unknown {
  if (typeof value === 'number') return expect.closeTo(value, 6);
  if (Array.isArray(value)) return value.map(approximately);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, approximately(inner)]));
  }
  return value;
}

describe(`metrics [${kind}] scenario week`, () => {
  let db: TestDatabase;
  let app: App;
  let expected: ExpectedScenario;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    const scenario = loadScenario('week');
    expected = scenario.expected;
    const seen = new Set<string>();
    for (const { body } of scenario.deliveries) {
      const parsed = parseUmblerWebhook(body);
      if (parsed.kind !== 'event' || seen.has(parsed.eventId)) continue;
      seen.add(parsed.eventId);
      await runOk(app, recordMutation, { input: factToInput(parsed.eventId, parsed.fact) });
    }
  }, 300_000);
  afterAll(() => db.close());

  it('reports exactly the expected agent and team metrics for every period', async () => {
    for (const { from, to, agents, totals } of expected.periods) {
      const { agentMetrics, teamMetrics } = await runOk<{
        agentMetrics: ({ agent: { externalId: string; name: string } } & Record<string, unknown>)[];
        teamMetrics: Record<string, unknown>;
      }>(app, periodQuery, { from, to });
      const actual = Object.fromEntries(
        agentMetrics.map(({ agent, ...metrics }) => [agent.externalId, { name: agent.name, ...metrics }]),
      );
      expect({ from, agents: actual, totals: teamMetrics }).toEqual(approximately({ from, agents, totals }));
    }
  });
});
