import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { type DeliveryAnswer, deliver, forEachBounded, webhookUrl } from '../tools/simulator/deliver.js';
import { type DatabaseKind, describeEachDatabase, openTestDatabase } from './databases.js';
import { approximately, shuffled } from './expectations.js';
import { adminToken, startTestServer, webhookToken } from './harness.js';
import { type Delivery, type ExpectedScenario, loadScenario } from './scenario-data.js';
import { agentNames, liveState, periodMetrics, waitForDrain, withoutIdleAgents } from './webhook-support.js';

// Every scenario's deliveries, posted to a real server over HTTP and read back through GraphQL:
// the whole path from Umbler's POST to the dashboard's numbers.

const hasMetrics = Boolean(schema.getQueryType()?.getFields().agentMetrics);

type Mode = 'in order' | 'shuffled, every delivery twice';
const MODES: Mode[] = ['in order', 'shuffled, every delivery twice'];

/** Each scenario, in order and shuffled with every delivery twice, on every test database. */
export function describeScenariosOverHttp(
  scenarios: readonly string[],
  /** Fewer modes on a database (to keep the suite's time); all of them by default. */
  modes: Partial<Record<DatabaseKind, readonly Mode[]>> = {},
): void {
  describeEachDatabase('scenarios over HTTP', (kind) => {
    describe.each(scenarios)('%s', (name) => {
      for (const mode of modes[kind] ?? MODES) {
        it(`${mode}: gives the expected live state, agents and metrics`, { timeout: 600_000 }, async () => {
          const { deliveries, expected } = loadScenario(name);
          const db = await openTestDatabase(kind);
          const radar = await startTestServer(db);
          try {
            const inOrder = mode === 'in order';
            const sent = inOrder ? deliveries : shuffled([...deliveries, ...deliveries], 20260302);
            // One at a time keeps the order exactly; eight in flight is a busy Umbler.
            const inFlight = inOrder ? 1 : 8;
            const started = performance.now();
            const answers = await postAll(webhookUrl(radar.url, webhookToken), sent, inFlight);
            const posted = performance.now();
            await waitForDrain(db);
            const drained = performance.now();

            const eventIds = new Set(deliveries.map((d) => (d.body as { EventId: string }).EventId));
            expect(answers.filter((a) => a.status !== 202 && a.status !== 200)).toEqual([]);
            expect(answers.filter((a) => a.body?.status === 'accepted')).toHaveLength(eventIds.size);
            expect(await db.prisma.webhookEvent.count({ where: { status: 'PROCESSED' } })).toBe(
              eventIds.size,
            );
            console.info(
              `${name} [${kind}] ${mode}: ${sent.length} deliveries posted in ${seconds(posted - started)}, ` +
                `inbox drained ${seconds(drained - posted)} later: ` +
                `${Math.round((eventIds.size * 1000) / (drained - started))} events/s end to end`,
            );
            await expectReported(radar.url, expected);
          } finally {
            await radar.close();
            await db.close();
          }
        });
      }
    });
  });
}

async function postAll(url: string, deliveries: readonly Delivery[], inFlight: number) {
  const answers: DeliveryAnswer[] = [];
  await forEachBounded(deliveries, inFlight, async (delivery, index) => {
    answers[index] = await deliver(url, JSON.stringify(delivery.body), { attempt: delivery.attempt });
  });
  return answers;
}

async function expectReported(baseUrl: string, expected: ExpectedScenario): Promise<void> {
  expect(await liveState(baseUrl, adminToken)).toEqual(expected.live);
  expect(await agentNames(baseUrl, adminToken)).toEqual(expected.agentNames);
  if (!hasMetrics) return;
  for (const period of expected.periods) {
    const actual = await periodMetrics(baseUrl, adminToken, period.from, period.to);
    const agents = Object.fromEntries(
      Object.entries(withoutIdleAgents(period.agents)).map(([id, { name: _name, ...metrics }]) => [
        id,
        metrics,
      ]),
    );
    expect(actual, `${period.from} – ${period.to}`).toEqual(approximately({ agents, totals: period.totals }));
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
