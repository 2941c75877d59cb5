import { describe, expect, it } from 'vitest';
import { approximately, shuffled } from '../../test/expectations.js';
import { aggregatePeriod, FactStore } from '../../test/oracle.js';
import { type ExpectedScenario, loadScenario, SCENARIOS } from '../../test/scenario-data.js';
import type { ConversationEventFact } from './facts.js';
import { parseUmblerWebhook } from './umbler.js';

function parseAll(bodies: unknown[]): ConversationEventFact[] {
  return bodies.map((body) => {
    const result = parseUmblerWebhook(body);
    if (result.kind !== 'event') throw new Error(`unexpected ${result.kind}: ${JSON.stringify(result)}`);
    return result.fact;
  });
}

/** What Radar reports once every fact is in, in the shape of expected.json. */
function report(facts: ConversationEventFact[], expected: ExpectedScenario) {
  const store = new FactStore();
  for (const fact of facts) store.add(fact);
  const conversations = store.conversations();
  const agentNames = store.agentNames();
  return {
    periods: expected.periods.map(({ from, to }) => {
      const metrics = aggregatePeriod(conversations, new Date(from), new Date(to), Object.keys(agentNames));
      return {
        from,
        to,
        agents: Object.fromEntries(
          Object.entries(metrics.agents).map(([id, agent]) => [id, { name: agentNames[id], ...agent }]),
        ),
        totals: metrics.totals,
      };
    }),
    live: Object.fromEntries(
      conversations
        .filter((c) => !c.input.current.internal)
        .map(({ externalId, input, derived }) => [
          externalId,
          {
            status: derived.status,
            assignee: input.current.assigneeId,
            waitingSince: derived.waitingSince?.toISOString() ?? null,
          },
        ]),
    ),
    agentNames,
  };
}

describe.each(SCENARIOS)('scenario %s', (name) => {
  const { deliveries, expected } = loadScenario(name);
  const facts = parseAll(deliveries.map((delivery) => delivery.body));
  const inOrder = report(facts, expected);

  it('reports exactly the expected metrics for every period', () => {
    expect(inOrder.periods).toEqual(approximately(expected.periods));
  });

  it('reports the expected live state and agent names', () => {
    expect(inOrder.live).toEqual(expected.live);
    expect(inOrder.agentNames).toEqual(expected.agentNames);
  });

  it('does not depend on delivery order or duplicates', () => {
    expect(report(shuffled(facts, 20260302), expected)).toEqual(inOrder);
    expect(report([...shuffled(facts, 7), ...shuffled(facts, 11)], expected)).toEqual(inOrder);
  });
});
