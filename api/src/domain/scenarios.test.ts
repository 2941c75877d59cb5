import { describe, expect, it } from 'vitest';
import type { ConversationEventFact } from './facts.js';
import { type ExpectedScenario, loadScenario, SCENARIOS } from './scenario-data.js';
import { aggregatePeriod, FactStore } from './scenario-support.js';
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

/** Every number compared to 1e-6; everything else exactly. */
function approximately(value: unknown): unknown {
  if (typeof value === 'number') return expect.closeTo(value, 6);
  if (Array.isArray(value)) return value.map(approximately);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, approximately(inner)]));
  }
  return value;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  return items
    .map((item) => ({ item, order: random() }))
    .sort((a, b) => a.order - b.order)
    .map(({ item }) => item);
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
