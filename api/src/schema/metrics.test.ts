import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { approximately } from '../../test/expectations.js';
import { createTestApp, run, runOk, testConfig } from '../../test/harness.js';
import { type ExpectedScenario, loadScenario } from '../../test/scenario-data.js';
import type { App } from '../context.js';
import { parseUmblerWebhook } from '../domain/umbler.js';
import { type IngestInput, ingest as ingestEvents } from '../ingest/service.js';

interface Stats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

interface MessageCounts {
  customer: number;
  agent: number;
  bot: number;
  note: number;
  other: number;
}

interface AgentRow {
  agent: { id: string; externalId: string; name: string };
  conversationsHandled: number;
  conversationsResolved: number;
  messagesSent: number;
  notesSent: number;
  assignments: number;
  transfersIn: number;
  transfersOut: number;
  responseTime: Stats;
  firstResponseTime: Stats;
  resolutionTime: Stats;
}

interface Team {
  conversationsStarted: number;
  conversationsResolved: number;
  messages: MessageCounts;
  responseTime: Stats;
  firstResponseTime: Stats;
  resolutionTime: Stats;
}

interface Bucket {
  start: string;
  conversationsStarted: number;
  messages: MessageCounts;
  responseTime: Stats;
  firstResponseTime: Stats;
}

const stats = 'fragment Stats on DurationStats { count mean median p90 }';

const periodQuery = /* GraphQL */ `
  ${stats}
  query Period($from: DateTime!, $to: DateTime!) {
    agentMetrics(from: $from, to: $to) {
      agent { id externalId name }
      conversationsHandled conversationsResolved messagesSent notesSent assignments transfersIn transfersOut
      responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats }
    }
    teamMetrics(from: $from, to: $to) {
      conversationsStarted conversationsResolved
      messages { customer agent bot note other }
      responseTime { ...Stats } firstResponseTime { ...Stats } resolutionTime { ...Stats }
    }
  }`;

const seriesQuery = /* GraphQL */ `
  ${stats}
  query Series($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $agentId: ID) {
    metricsSeries(from: $from, to: $to, granularity: $granularity, agentId: $agentId) {
      start conversationsStarted
      messages { customer agent bot note other }
      responseTime { ...Stats } firstResponseTime { ...Stats }
    }
  }`;

const distributionQuery = /* GraphQL */ `
  query Distribution($from: DateTime!, $to: DateTime!, $agentId: ID) {
    responseTimeDistribution(from: $from, to: $to, agentId: $agentId) { upToSeconds count }
    activityHeatmap(from: $from, to: $to, agentId: $agentId) { weekday hour messages }
  }`;

/** Feeds every delivery, in arrival order, through the ingest service the webhook uses, in batches. */
async function ingest(app: App, name: string): Promise<ExpectedScenario> {
  const { deliveries, expected } = loadScenario(name);
  const inputs: IngestInput[] = [];
  for (const { body } of deliveries) {
    const parsed = parseUmblerWebhook(body);
    if (parsed.kind === 'event') inputs.push({ key: parsed.eventId, fact: parsed.fact });
  }
  for (let i = 0; i < inputs.length; i += 100) await ingestEvents(app, inputs.slice(i, i + 100));
  return expected;
}

/** Radar's answer for one period, in the shape of expected.json. */
async function period(app: App, from: string, to: string) {
  const { agentMetrics, teamMetrics } = await runOk<{ agentMetrics: AgentRow[]; teamMetrics: Team }>(
    app,
    periodQuery,
    { from, to },
  );
  const agents = Object.fromEntries(
    agentMetrics.map(({ agent, notesSent: _notes, ...metrics }) => [
      agent.externalId,
      { name: agent.name, ...metrics },
    ]),
  );
  const { conversationsResolved: _resolved, ...totals } = teamMetrics;
  return { agents, totals, agentMetrics, teamMetrics };
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

const hour = 3_600_000;

describeEachDatabase('metrics', (kind) => {
  describe.each(['tiny', 'two-days'])('scenario %s', (name) => {
    let db: TestDatabase;
    let app: App;
    let expected: ExpectedScenario;

    beforeAll(async () => {
      db = await openTestDatabase(kind);
      app = createTestApp(db);
      expected = await ingest(app, name);
    });
    afterAll(() => db.close());

    it('reports exactly the expected agent and team metrics for every period', async () => {
      for (const { from, to, agents, totals } of expected.periods) {
        const actual = await period(app, from, to);
        expect({ from, agents: actual.agents, totals: actual.totals }).toEqual(
          approximately({ from, agents, totals }),
        );
        expect(actual.teamMetrics.conversationsResolved).toBe(actual.teamMetrics.resolutionTime.count);
        const names = actual.agentMetrics.map((row) => row.agent.name);
        expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
      }
    });

    it('derives nothing from chats between agents, as the sample queries assume', async () => {
      const internal = { conversation: { internal: true } };
      expect(await db.prisma.conversation.count({ where: { internal: true } })).toBeGreaterThan(0);
      expect(await db.prisma.message.count({ where: internal })).toBeGreaterThan(0);
      expect(await db.prisma.sample.count({ where: internal })).toBe(0);
      expect(await db.prisma.cycle.count({ where: internal })).toBe(0);
      expect(await db.prisma.assignmentChange.count({ where: internal })).toBe(0);
    });

    it('puts each local day in one DAY bucket that matches the day period', async () => {
      const whole = expected.periods[0]!;
      const { metricsSeries } = await runOk<{ metricsSeries: Bucket[] }>(app, seriesQuery, {
        from: whole.from,
        to: whole.to,
        granularity: 'DAY',
      });
      const days = Math.ceil((Date.parse(whole.to) - Date.parse(whole.from)) / (24 * hour));
      expect(metricsSeries).toHaveLength(days);
      for (const [index, bucket] of metricsSeries.entries()) {
        expect(bucket.start).toBe(new Date(Date.parse(whole.from) + index * 24 * hour).toISOString());
        expect(bucket.start).toMatch(/T03:00:00\.000Z$/);
      }
      for (const day of expected.periods.slice(1)) {
        const bucket = metricsSeries.find((b) => b.start === day.from);
        const { conversationsStarted, messages, responseTime, firstResponseTime } = day.totals;
        expect(bucket).toEqual(
          approximately({ start: day.from, conversationsStarted, messages, responseTime, firstResponseTime }),
        );
      }
    });

    it('adds up every granularity to the team totals, zero-filled', async () => {
      const whole = expected.periods[0]!;
      const { teamMetrics } = await period(app, whole.from, whole.to);
      for (const granularity of ['HOUR', 'DAY', 'WEEK', 'MONTH']) {
        const { metricsSeries } = await runOk<{ metricsSeries: Bucket[] }>(app, seriesQuery, {
          ...whole,
          granularity,
        });
        expect(metricsSeries.length).toBeGreaterThan(0);
        const starts = metricsSeries.map((b) => Date.parse(b.start));
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        expect(new Set(starts).size).toBe(starts.length);
        expect(sum(metricsSeries, (b) => b.conversationsStarted)).toBe(teamMetrics.conversationsStarted);
        for (const kind of ['customer', 'agent', 'bot', 'note', 'other'] as const) {
          expect(sum(metricsSeries, (b) => b.messages[kind])).toBe(teamMetrics.messages[kind]);
        }
        expect(sum(metricsSeries, (b) => b.responseTime.count)).toBe(teamMetrics.responseTime.count);
        expect(sum(metricsSeries, (b) => b.firstResponseTime.count)).toBe(
          teamMetrics.firstResponseTime.count,
        );
        const empty = metricsSeries.find((b) => b.responseTime.count === 0);
        if (empty) expect(empty.responseTime).toEqual({ count: 0, mean: null, median: null, p90: null });
      }
      const series = async (granularity: string) =>
        (await runOk<{ metricsSeries: Bucket[] }>(app, seriesQuery, { ...whole, granularity })).metricsSeries;
      const hours = await series('HOUR');
      expect(hours).toHaveLength(Math.ceil((Date.parse(whole.to) - Date.parse(whole.from)) / hour));
      expect((await series('WEEK'))[0]?.start).toBe('2026-03-02T03:00:00.000Z');
      expect((await series('MONTH'))[0]?.start).toBe('2026-03-01T03:00:00.000Z');
    });

    it('puts every response time in its bin and every customer message in its local hour', async () => {
      const whole = expected.periods[0]!;
      const range = { gte: new Date(whole.from), lt: new Date(whole.to) };
      const [samples, messages, actual] = await Promise.all([
        db.prisma.sample.findMany({
          where: { kind: 'RESPONSE', endedAt: range },
          select: { seconds: true },
        }),
        db.prisma.message.findMany({
          where: { sender: 'CUSTOMER', isNote: false, conversation: { internal: false }, sentAt: range },
          select: { sentAt: true },
        }),
        runOk<{
          responseTimeDistribution: { upToSeconds: number | null; count: number }[];
          activityHeatmap: { weekday: number; hour: number; messages: number }[];
        }>(app, distributionQuery, whole),
      ]);
      const bins = actual.responseTimeDistribution;
      for (const [index, bin] of bins.entries()) {
        const above = bins[index - 1]?.upToSeconds ?? -1;
        const upTo = bin.upToSeconds ?? Number.POSITIVE_INFINITY;
        expect(bin.count).toBe(samples.filter((s) => s.seconds > above && s.seconds <= upTo).length);
      }
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/Sao_Paulo',
        weekday: 'short',
        hour: 'numeric',
        hourCycle: 'h23',
      });
      const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
      const cells = new Map<string, number>();
      for (const { sentAt } of messages) {
        const parts = Object.fromEntries(local.formatToParts(sentAt).map((part) => [part.type, part.value]));
        const key = `${weekdays.indexOf(parts.weekday ?? '') + 1}:${Number(parts.hour)}`;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
      for (const cell of actual.activityHeatmap) {
        expect([cell.weekday, cell.hour, cell.messages]).toEqual([
          cell.weekday,
          cell.hour,
          cells.get(`${cell.weekday}:${cell.hour}`) ?? 0,
        ]);
      }
    });

    it("narrows series, distribution and heatmap to one agent's work", async () => {
      const whole = expected.periods[0]!;
      const { agentMetrics, teamMetrics } = await period(app, whole.from, whole.to);
      const team = await runOk<{
        responseTimeDistribution: { upToSeconds: number | null; count: number }[];
        activityHeatmap: { weekday: number; hour: number; messages: number }[];
      }>(app, distributionQuery, whole);
      expect(team.responseTimeDistribution.map((bin) => bin.upToSeconds)).toEqual([
        60,
        300,
        900,
        1800,
        3600,
        14400,
        86400,
        null,
      ]);
      expect(sum(team.responseTimeDistribution, (bin) => bin.count)).toBe(teamMetrics.responseTime.count);
      expect(team.activityHeatmap).toHaveLength(168);
      expect(team.activityHeatmap[0]).toMatchObject({ weekday: 1, hour: 0 });
      expect(team.activityHeatmap[167]).toMatchObject({ weekday: 7, hour: 23 });
      expect(sum(team.activityHeatmap, (cell) => cell.messages)).toBe(teamMetrics.messages.customer);

      let agentCustomerMessages = 0;
      for (const row of agentMetrics) {
        const variables = { ...whole, agentId: row.agent.id };
        const { metricsSeries } = await runOk<{ metricsSeries: Bucket[] }>(app, seriesQuery, {
          ...variables,
          granularity: 'DAY',
        });
        expect(sum(metricsSeries, (b) => b.messages.agent)).toBe(row.messagesSent);
        expect(sum(metricsSeries, (b) => b.messages.note)).toBe(row.notesSent);
        expect(sum(metricsSeries, (b) => b.messages.customer)).toBe(0);
        expect(sum(metricsSeries, (b) => b.responseTime.count)).toBe(row.responseTime.count);
        expect(sum(metricsSeries, (b) => b.firstResponseTime.count)).toBe(row.firstResponseTime.count);
        expect(sum(metricsSeries, (b) => b.conversationsStarted)).toBeLessThanOrEqual(
          teamMetrics.conversationsStarted,
        );
        const own = await runOk<typeof team>(app, distributionQuery, variables);
        expect(sum(own.responseTimeDistribution, (bin) => bin.count)).toBe(row.responseTime.count);
        agentCustomerMessages += sum(own.activityHeatmap, (cell) => cell.messages);
      }
      expect(agentCustomerMessages).toBeGreaterThan(0);
    });
  });

  describe('input', () => {
    let db: TestDatabase;
    let app: App;
    beforeAll(async () => {
      db = await openTestDatabase(kind);
      app = createTestApp(db);
    });
    afterAll(() => db.close());

    async function errorCode(query: string, variables: Record<string, unknown>) {
      const result = await run(app, query, variables);
      return result.errors?.[0]?.extensions?.code;
    }

    it('refuses empty, reversed and overlong periods, and too many buckets', async () => {
      const query =
        'query($from: DateTime!, $to: DateTime!) { teamMetrics(from: $from, to: $to) { conversationsStarted } }';
      expect(await errorCode(query, { from: '2026-03-02T03:00:00Z', to: '2026-03-02T03:00:00Z' })).toBe(
        'BAD_USER_INPUT',
      );
      expect(await errorCode(query, { from: '2026-03-03T03:00:00Z', to: '2026-03-02T03:00:00Z' })).toBe(
        'BAD_USER_INPUT',
      );
      expect(await errorCode(query, { from: '2025-01-01T03:00:00Z', to: '2026-03-02T03:00:00Z' })).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        await errorCode(seriesQuery, {
          from: '2026-01-01T03:00:00Z',
          to: '2026-03-01T03:00:00Z',
          granularity: 'HOUR',
        }),
      ).toBe('BAD_USER_INPUT');
      const year = await runOk<{ metricsSeries: Bucket[] }>(app, seriesQuery, {
        from: '2025-03-01T03:00:00Z',
        to: '2026-03-01T03:00:00Z',
        granularity: 'DAY',
      });
      expect(year.metricsSeries).toHaveLength(365);
    });

    it('answers an empty database with zeros', async () => {
      const from = '2026-03-02T03:00:00.000Z';
      const to = '2026-03-03T03:00:00.000Z';
      const { agentMetrics, teamMetrics } = await period(app, from, to);
      expect(agentMetrics).toEqual([]);
      expect(teamMetrics.responseTime).toEqual({ count: 0, mean: null, median: null, p90: null });
      const { metricsSeries } = await runOk<{ metricsSeries: Bucket[] }>(app, seriesQuery, {
        from,
        to,
        granularity: 'HOUR',
      });
      expect(metricsSeries).toHaveLength(24);
    });

    it('buckets in the configured time zone', async () => {
      const utc = createTestApp(db, testConfig({ RADAR_TIMEZONE: 'UTC' }));
      const { metricsSeries } = await runOk<{ metricsSeries: Bucket[] }>(utc, seriesQuery, {
        from: '2026-03-02T03:00:00Z',
        to: '2026-03-04T03:00:00Z',
        granularity: 'DAY',
      });
      expect(metricsSeries.map((b) => b.start)).toEqual([
        '2026-03-02T00:00:00.000Z',
        '2026-03-03T00:00:00.000Z',
        '2026-03-04T00:00:00.000Z',
      ]);
    });

    it('follows daylight-saving changes: local midnights, and a 23-hour day', async () => {
      const newYork = createTestApp(db, testConfig({ RADAR_TIMEZONE: 'America/New_York' }));
      const series = async (granularity: string, from: string, to: string) =>
        (
          await runOk<{ metricsSeries: Bucket[] }>(newYork, seriesQuery, { from, to, granularity })
        ).metricsSeries.map((b) => b.start);
      expect(await series('DAY', '2026-03-07T05:00:00Z', '2026-03-10T04:00:00Z')).toEqual([
        '2026-03-07T05:00:00.000Z',
        '2026-03-08T05:00:00.000Z',
        '2026-03-09T04:00:00.000Z',
      ]);
      const hours = await series('HOUR', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z');
      expect(hours).toHaveLength(23);
      expect(hours.slice(1, 3)).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z']);
    });

    it('requires a token', async () => {
      const result = await run(
        app,
        '{ teamMetrics(from: "2026-03-02T03:00:00Z", to: "2026-03-03T03:00:00Z") { conversationsStarted } }',
        {},
        null,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
