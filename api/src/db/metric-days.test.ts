import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { approximately } from '../../test/expectations.js';
import { createTestApp, runOk, testConfig } from '../../test/harness.js';
import { loadScenario } from '../../test/scenario-data.js';
import type { App } from '../context.js';
import { parseUmblerWebhook } from '../domain/umbler.js';
import { type IngestInput, ingest } from '../ingest/service.js';
import { METRIC_DAYS_ZONE_KEY, prepareMetricDays, wholeDays } from './metric-days.js';
import { recomputeJob } from './recompute.js';

// Whole-day periods of agentMetrics and teamMetrics are read from the per-day tables the
// database keeps; every other period from the raw rows. Both must give the same numbers, after
// any order of arrival, late events, a schedule, a holiday, an SLA policy, new rating bands,
// a chat that turns out to be between agents, and in another time zone.

const stats = 'count mean median p90';
const figures = `responseTime { ${stats} } firstResponseTime { ${stats} } resolutionTime { ${stats} }
  firstResponseAfterAssignment { ${stats} } responseRatings { label count share }
  sla { firstResponse { met total rate } nextResponse { met total rate } resolution { met total rate } }`;
const query = /* GraphQL */ `
  query($from: DateTime!, $to: DateTime!, $clock: Clock) {
    agentMetrics(from: $from, to: $to, clock: $clock) {
      agent { externalId }
      conversationsHandled conversationsResolved messagesSent notesSent assignments transfersIn transfersOut
      ${figures}
    }
    teamMetrics(from: $from, to: $to, clock: $clock) {
      conversationsStarted conversationsResolved messages { customer agent bot note other }
      queueTime { ${stats} } ${figures}
    }
  }`;

/** The same deliveries in a scrambled (but repeatable) order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function inputsOf(name: string): IngestInput[] {
  const inputs: IngestInput[] = [];
  for (const { body } of loadScenario(name).deliveries) {
    const parsed = parseUmblerWebhook(body);
    if (parsed.kind === 'event') inputs.push({ key: parsed.eventId, fact: parsed.fact });
  }
  return inputs;
}

/** Local midnights (São Paulo, -03:00) from 2026-03-01 on. */
const midnight = (day: number) => new Date(Date.UTC(2026, 2, 1 + day, 3)).toISOString();

/** Whole-day periods around the scenario's days, and the whole range. */
type Period = readonly [from: string, to: string];
const periods: Period[] = [
  ...Array.from({ length: 7 }, (_, day): Period => [midnight(day), midnight(day + 1)]),
  [midnight(1), midnight(3)],
  [midnight(0), midnight(8)],
  [midnight(3), midnight(6)],
];

async function answers(app: App, clock: 'CALENDAR' | 'BUSINESS', list = periods) {
  const results = [];
  for (const [from, to] of list) {
    results.push({ from, to, ...(await runOk<object>(app, query, { from, to, clock })) });
  }
  return results;
}

/** The same reads with the per-day tables set aside: the raw statements answer. */
async function rawAnswers(app: App, db: TestDatabase, clock: 'CALENDAR' | 'BUSINESS', list = periods) {
  const [kept] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
    METRIC_DAYS_ZONE_KEY,
  ]);
  await db.query('UPDATE settings SET value = $2 WHERE key = $1', [METRIC_DAYS_ZONE_KEY, 'none']);
  try {
    return await answers(app, clock, list);
  } finally {
    await db.query('UPDATE settings SET value = $2 WHERE key = $1', [METRIC_DAYS_ZONE_KEY, kept?.value]);
  }
}

async function expectSameAnswers(app: App, db: TestDatabase) {
  for (const clock of ['CALENDAR', 'BUSINESS'] as const) {
    const fast = await answers(app, clock);
    expect(fast).toEqual(approximately(await rawAnswers(app, db, clock)));
  }
}

describeEachDatabase('per-day metrics', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    // Out of order, in batches of varying size, and everything a second time.
    const inputs = shuffled(inputsOf('two-days'), 7);
    for (let i = 0, size = 1; i < inputs.length; i += size, size = (size % 37) + 3) {
      await ingest(app, inputs.slice(i, i + size));
    }
    await ingest(app, shuffled(inputs, 11).slice(0, 200));
  });
  afterAll(() => db.close());

  it('are read for whole local days only, and kept for the configured zone', async () => {
    expect(wholeDays(new Date(midnight(0)), new Date(midnight(2)), 'America/Sao_Paulo')).toEqual({
      from: '2026-03-01',
      to: '2026-03-03',
    });
    expect(
      wholeDays(new Date(midnight(0)), new Date('2026-03-02T12:00:00Z'), 'America/Sao_Paulo'),
    ).toBeNull();
    expect(wholeDays(new Date(midnight(0)), new Date(midnight(1)), 'UTC')).toBeNull();
    const [row] = await db.query<{ days: number; samples: number }>(
      'SELECT (SELECT count(*) FROM sample_days)::int AS days, (SELECT sum(count) FROM sample_days)::int AS samples',
    );
    const [samples] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM samples');
    expect(row?.samples).toBe(samples?.n);
    expect(row?.days).toBeGreaterThan(10);
    // Whole days read the tables (a change there shows), other periods do not.
    const [from, to] = periods[8] as Period;
    const part = { from, to: new Date(Date.parse(to) - 3_600_000).toISOString(), clock: 'CALENDAR' };
    const read = async (variables: Record<string, unknown>) =>
      (await runOk<any>(app, query, variables)).teamMetrics.messages.customer as number;
    const [whole, partial] = [await read({ from, to, clock: 'CALENDAR' }), await read(part)];
    await db.query('UPDATE team_days SET customer = customer + 1000');
    try {
      expect(await read({ from, to, clock: 'CALENDAR' })).toBeGreaterThanOrEqual(whole + 1000);
      expect(await read(part)).toBe(partial);
    } finally {
      await db.query('UPDATE team_days SET customer = customer - 1000');
    }
  });

  it('give the raw statements’ numbers after any arrival order', async () => {
    const fast = await answers(app, 'CALENDAR');
    // Not trivially equal: the periods have work in them.
    expect(fast.some((answer: any) => answer.teamMetrics.responseTime.count > 0)).toBe(true);
    expect(fast.some((answer: any) => answer.agentMetrics.some((a: any) => a.conversationsHandled > 1))).toBe(
      true,
    );
    await expectSameAnswers(app, db);
  });

  it('follow a schedule, a holiday, an SLA policy and new rating bands', async () => {
    await runOk(
      app,
      `mutation($week: [BusinessDayInput!]!) { setBusinessHours(input: { week: $week }) { organization { week { weekday } } } }`,
      {
        week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({
          weekday,
          intervals: [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '18:00' },
          ],
        })),
      },
    );
    await runOk(app, 'mutation { setHoliday(input: { date: "2026-03-03", name: "Feriado" }) { date } }');
    await runOk(
      app,
      'mutation { setSlaPolicy(input: { effectiveFrom: "2026-03-01T00:00:00Z", firstResponseSeconds: 300, nextResponseSeconds: 600, resolutionSeconds: 7200, clock: BUSINESS }) { id } }',
    );
    await runOk(
      app,
      'mutation { setRatingBands(bands: [{ label: "Rápido", upToSeconds: 45 }, { label: "Ok", upToSeconds: 600 }, { label: "Lento" }]) { label } }',
    );
    await recomputeJob(app).idle();
    const business = await answers(app, 'BUSINESS');
    const calendar = await answers(app, 'CALENDAR');
    expect(business).not.toEqual(calendar);
    expect(business.some((answer: any) => answer.teamMetrics.sla.firstResponse.total > 0)).toBe(true);
    await expectSameAnswers(app, db);
  });

  it('leave out a chat once it is known to be between agents, and bring it back', async () => {
    const [busiest] = await db.query<{ id: number }>(
      'SELECT conversation_id AS id FROM messages GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );
    const before = await answers(app, 'CALENDAR');
    await db.query('UPDATE conversations SET internal = true WHERE id = $1', [busiest?.id]);
    const internal = await answers(app, 'CALENDAR');
    expect(internal).not.toEqual(before);
    expect(internal).toEqual(approximately(await rawAnswers(app, db, 'CALENDAR')));
    await db.query('UPDATE conversations SET internal = false WHERE id = $1', [busiest?.id]);
    expect(await answers(app, 'CALENDAR')).toEqual(approximately(before));
  });

  it('are rebuilt for another time zone, one with daylight saving time', async () => {
    const zone = 'America/New_York';
    const other = createTestApp(db, testConfig({ RADAR_TIMEZONE: zone }));
    await prepareMetricDays(db, zone);
    // New York's midnights: -05:00 until 8 March 2026, -04:00 after it.
    const local = (day: number) =>
      new Date(`2026-03-${String(day).padStart(2, '0')}T00:00:00${day <= 8 ? '-05:00' : '-04:00'}`);
    const list = [
      [local(2), local(3)],
      [local(3), local(5)],
      [local(1), local(10)],
    ].map(([from, to]): Period => [(from as Date).toISOString(), (to as Date).toISOString()]);
    expect(
      wholeDays(new Date(list[2]?.[0] as string), new Date(list[2]?.[1] as string), zone),
    ).not.toBeNull();
    for (const clock of ['CALENDAR', 'BUSINESS'] as const) {
      const fast = await answers(other, clock, list);
      expect(fast).toEqual(approximately(await rawAnswers(other, db, clock, list)));
    }
    await prepareMetricDays(db, 'America/Sao_Paulo');
    await expectSameAnswers(app, db);
  });
});
