import { afterAll, beforeAll, expect, it } from 'vitest';
import { conversationEvents, recordEvents } from '../../test/conversation-events.js';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createTestApp, run, runOk, viewers } from '../../test/harness.js';
import { rederiveStale } from '../db/derive-batch.js';
import { recomputeJob } from '../db/recompute.js';

// Two closed conversations with every duration known by hand (docs/metrics.md):
// - chat-a (sector Vendas) waits 40 s in the queue, Ana replies at 100 s (first response 100,
//   60 of it after assignment), then answers in 30 s and 200 s; closed at 600 s.
// - chat-b (no sector) is Bia's from the start: first response 20 s, closed at 1,000 s.

const t0 = Date.parse('2026-03-02T10:00:00-03:00');
const vendas = { externalId: 'sector-vendas', name: 'Vendas' };
const chatA = conversationEvents(
  'chat-a',
  t0,
  [
    { at: 0, customer: 'Oi' },
    { at: 40, assign: 'agent-ana' },
    { at: 100, agent: 'agent-ana' },
    { at: 200, customer: 'E o preço?' },
    { at: 230, agent: 'agent-ana' },
    { at: 300, customer: 'E o prazo?' },
    { at: 500, agent: 'agent-ana' },
    { at: 600, close: true },
  ],
  { sector: vendas },
);
const chatB = conversationEvents(
  'chat-b',
  t0,
  [
    { at: 0, customer: 'Bom dia' },
    { at: 20, agent: 'agent-bia' },
    { at: 1000, close: true },
  ],
  { assignee: 'agent-bia' },
);

const period = 'from: "2026-03-01T00:00:00-03:00", to: "2026-03-08T00:00:00-03:00"';
const hitRates =
  'sla { firstResponse { met total rate } nextResponse { met total rate } resolution { met total rate } }';
const metrics = `{
  teamMetrics(${period}) {
    queueTime { count mean }
    firstResponseAfterAssignment { count mean }
    ${hitRates}
    responseRatings { label upToSeconds count share }
  }
  agentMetrics(${period}) {
    agent { externalId }
    firstResponseTime { count mean }
    firstResponseAfterAssignment { count mean }
    ${hitRates}
    responseRatings { label count }
  }
  sectorMetrics(${period}) {
    sector { name }
    conversationsStarted
    queueTime { count mean }
    firstResponseTime { count mean }
    ${hitRates}
  }
}`;
const setPolicy = `mutation($input: SetSlaPolicyInput!) {
  setSlaPolicy(input: $input) { id version sector { name } firstResponseSeconds nextResponseSeconds resolutionSeconds clock effectiveFrom }
}`;
const rate = (met: number, total: number) => ({ met, total, rate: total === 0 ? null : met / total });

describeEachDatabase('service levels, queue time and ratings', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>;
  let sectorId: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    await runOk(app, recordEvents, { inputs: [...chatA, ...chatB] });
    const sectors = await runOk<any>(app, '{ conversations { edges { node { sector { id name } } } } }');
    sectorId = sectors.conversations.edges.map((e: any) => e.node.sector).find(Boolean).id;
  });
  afterAll(async () => {
    app.sla.close();
    await db.close();
  });

  it('times the queue for the team and the sector, and the first response after assignment per agent', async () => {
    const data = await runOk<any>(app, metrics);
    expect(data.teamMetrics.queueTime).toEqual({ count: 1, mean: 40 });
    expect(data.teamMetrics.firstResponseAfterAssignment).toEqual({ count: 2, mean: (60 + 20) / 2 });
    const agents = Object.fromEntries(data.agentMetrics.map((a: any) => [a.agent.externalId, a]));
    expect(agents['agent-ana'].firstResponseTime).toEqual({ count: 1, mean: 100 });
    expect(agents['agent-ana'].firstResponseAfterAssignment).toEqual({ count: 1, mean: 60 });
    expect(agents['agent-bia'].firstResponseAfterAssignment).toEqual({ count: 1, mean: 20 });
    expect(data.sectorMetrics).toEqual([
      expect.objectContaining({
        sector: { name: 'Vendas' },
        conversationsStarted: 1,
        queueTime: { count: 1, mean: 40 },
        firstResponseTime: { count: 1, mean: 100 },
      }),
      expect.objectContaining({
        sector: null,
        conversationsStarted: 1,
        queueTime: { count: 0, mean: null },
        firstResponseTime: { count: 1, mean: 20 },
      }),
    ]);
  });

  it('derives again, in the background, the history stored by an older timeline version', async () => {
    // As an older Radar left it: no queue samples, and a state of version 1.
    await db.prisma
      .$executeRaw`DELETE FROM samples WHERE kind IN ('QUEUE', 'FIRST_RESPONSE_AFTER_ASSIGNMENT')`;
    await db.prisma
      .$executeRaw`UPDATE conversations SET timeline_state = jsonb_set(timeline_state, '{version}', '1')`;
    expect((await runOk<any>(app, metrics)).teamMetrics.queueTime.count).toBe(0);
    const done = await rederiveStale(db.prisma, app.config.timeZone, new AbortController().signal);
    expect(done).toBe(2);
    const again = await runOk<any>(app, metrics);
    expect(again.teamMetrics.queueTime).toEqual({ count: 1, mean: 40 });
    expect(again.teamMetrics.firstResponseAfterAssignment).toEqual({ count: 2, mean: 40 });
    expect(await rederiveStale(db.prisma, app.config.timeZone, new AbortController().signal)).toBe(0);
  });

  it('rates response times by the default bands, then by bands an admin sets', async () => {
    const data = await runOk<any>(app, metrics);
    // Responses: 100 and 30 and 200 (Ana), 20 (Bia).
    expect(data.teamMetrics.responseRatings).toEqual([
      { label: 'Excelente', upToSeconds: 30, count: 2, share: 0.5 },
      { label: 'Bom', upToSeconds: 120, count: 1, share: 0.25 },
      { label: 'Médio', upToSeconds: 300, count: 1, share: 0.25 },
      { label: 'Lento', upToSeconds: null, count: 0, share: 0 },
    ]);
    const ana = data.agentMetrics.find((a: any) => a.agent.externalId === 'agent-ana');
    expect(ana.responseRatings.map((r: any) => r.count)).toEqual([1, 1, 1, 0]);

    const refused = await run(
      app,
      'mutation { setRatingBands(bands: [{ label: "Rápido", upToSeconds: 60 }]) { label } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await runOk(
      app,
      'mutation { setRatingBands(bands: [{ label: "Rápido", upToSeconds: 60 }, { label: "Lento" }]) { label } }',
    );
    const after = await runOk<any>(
      app,
      `{ ratingBands { label upToSeconds } teamMetrics(${period}) { responseRatings { label count } } }`,
    );
    expect(after.ratingBands).toEqual([
      { label: 'Rápido', upToSeconds: 60 },
      { label: 'Lento', upToSeconds: null },
    ]);
    expect(after.teamMetrics.responseRatings).toEqual([
      { label: 'Rápido', count: 2 },
      { label: 'Lento', count: 2 },
    ]);
    await runOk(app, 'mutation { setRatingBands(bands: null) { label } }');
  });

  it('judges each sample by the policy version in force when it started, per target, agent, sector and team', async () => {
    // No policy yet: nothing is judged.
    const none = await runOk<any>(app, metrics);
    expect(none.teamMetrics.sla.firstResponse).toEqual(rate(0, 0));

    const first = await runOk<any>(app, setPolicy, {
      input: {
        firstResponseSeconds: 60,
        nextResponseSeconds: 60,
        resolutionSeconds: 900,
        effectiveFrom: '2026-03-01T00:00:00-03:00',
      },
    });
    expect(first.setSlaPolicy).toMatchObject({ version: 1, sector: null, clock: 'CALENDAR' });
    await recomputeJob(app).idle();
    const judged = await runOk<any>(app, metrics);
    // First responses 100 (missed) and 20 (met); next responses 30 (met) and 200 (missed); the
    // first response of a cycle is not judged again as a next response; resolutions 600 and 1,000.
    expect(judged.teamMetrics.sla).toEqual({
      firstResponse: rate(1, 2),
      nextResponse: rate(1, 2),
      resolution: rate(1, 2),
    });
    const agents = Object.fromEntries(judged.agentMetrics.map((a: any) => [a.agent.externalId, a.sla]));
    expect(agents['agent-ana']).toEqual({
      firstResponse: rate(0, 1),
      nextResponse: rate(1, 2),
      resolution: rate(1, 1),
    });
    expect(agents['agent-bia']).toEqual({
      firstResponse: rate(1, 1),
      nextResponse: rate(0, 0),
      resolution: rate(0, 1),
    });

    // Vendas gets its own policy (first response only): its conversation follows it, the rest the default.
    const own = await runOk<any>(app, setPolicy, {
      input: { sectorId, firstResponseSeconds: 120, effectiveFrom: '2026-03-01T00:00:00-03:00' },
    });
    expect(own.setSlaPolicy).toMatchObject({
      version: 1,
      sector: { name: 'Vendas' },
      nextResponseSeconds: null,
    });
    await recomputeJob(app).idle();
    const bySector = await runOk<any>(app, metrics);
    expect(bySector.teamMetrics.sla).toEqual({
      firstResponse: rate(2, 2),
      nextResponse: rate(0, 0),
      resolution: rate(0, 1),
    });
    expect(bySector.sectorMetrics.map((s: any) => s.sla.firstResponse)).toEqual([rate(1, 1), rate(1, 1)]);

    // A new version of the default from now on: the past keeps the version it started under.
    const second = await runOk<any>(app, setPolicy, {
      input: { firstResponseSeconds: 10, clock: 'BUSINESS' },
    });
    expect(second.setSlaPolicy).toMatchObject({ version: 2, clock: 'BUSINESS' });
    await recomputeJob(app).idle();
    expect((await runOk<any>(app, metrics)).teamMetrics.sla).toEqual(bySector.teamMetrics.sla);
    const versions = await runOk<any>(
      app,
      '{ slaPolicies { version sector { name } } all: slaPolicies(history: true) { version } }',
    );
    expect(versions.slaPolicies).toEqual([
      { version: 2, sector: null },
      { version: 1, sector: { name: 'Vendas' } },
    ]);
    expect(versions.all).toHaveLength(3);
  });

  it('refuses a policy with a bad target, one dated before the current version, and one from a non-admin', async () => {
    const negative = await run(app, setPolicy, { input: { firstResponseSeconds: -5 } });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const backdated = await run(app, setPolicy, {
      input: { firstResponseSeconds: 30, effectiveFrom: '2026-01-01T00:00:00Z' },
    });
    expect(backdated.errors?.[0]?.message).toMatch(/cannot precede/);
    const supervisor = await run(app, setPolicy, { input: { firstResponseSeconds: 30 } }, viewers.supervisor);
    expect(supervisor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const count = await db.prisma.slaPolicy.count();
    expect(count).toBe(3);
  });
});
