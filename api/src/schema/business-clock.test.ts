import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createTestApp, runOk } from '../../test/harness.js';
import { recomputeJob } from '../db/recompute.js';

// A customer writes on Friday at 17:30 (São Paulo) and is answered on Monday at 08:30: 63 hours
// of calendar time, one hour of business time with a Monday-to-Friday 08:00-18:00 schedule.

const record = `mutation($inputs: [RecordConversationEventInput!]!) { recordConversationEvents(inputs: $inputs) { id } }`;
const team = `query($clock: Clock) {
  teamMetrics(from: "2026-03-01T00:00:00-03:00", to: "2026-03-31T00:00:00-03:00", clock: $clock) {
    conversationsStarted
    firstResponseTime { count mean }
    responseTime { count mean }
  }
}`;
const office = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({
  weekday,
  intervals: [{ start: '08:00', end: '18:00' }],
}));

function weekendChat(chat: string, asked: string, answered: string) {
  const base = { conversationExternalId: chat, assigneeExternalId: 'agent-ana', open: true };
  return [
    {
      ...base,
      eventId: `${chat}-1`,
      occurredAt: asked,
      changes: ['MESSAGE_ADDED'],
      message: { externalId: `${chat}-m1`, sentAt: asked, sender: 'CUSTOMER', text: 'Oi, alguém?' },
    },
    {
      ...base,
      eventId: `${chat}-2`,
      occurredAt: answered,
      changes: ['MESSAGE_ADDED'],
      message: {
        externalId: `${chat}-m2`,
        sentAt: answered,
        sender: 'AGENT',
        agentExternalId: 'agent-ana',
        text: 'Bom dia!',
      },
    },
  ];
}

describeEachDatabase('durations on the business clock', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
    await runOk(app, record, {
      inputs: weekendChat('chat-weekend', '2026-03-06T17:30:00-03:00', '2026-03-09T08:30:00-03:00'),
    });
    // A customer writes on Sunday; nobody has answered yet.
    await runOk(app, record, {
      inputs: weekendChat('chat-sunday', '2026-03-08T11:00:00-03:00', '').slice(0, 1),
    });
  });
  afterAll(() => db.close());

  it('equals the calendar clock until a schedule is set (open 24×7)', async () => {
    const outside = await runOk<any>(
      app,
      '{ conversations(filter: { outsideBusinessHours: true }) { totalCount } }',
    );
    expect(outside.conversations.totalCount).toBe(0);
    const calendar = await runOk<any>(app, team, { clock: 'CALENDAR' });
    const business = await runOk<any>(app, team, { clock: 'BUSINESS' });
    expect(calendar.teamMetrics.firstResponseTime).toEqual({ count: 1, mean: 63 * 3600 });
    expect(business).toEqual(calendar);
    const unequal = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM samples WHERE business_seconds <> seconds`;
    expect(unequal[0]?.n).toBe(0);
  });

  it('recomputes stored samples in the background when the schedule changes, and computes new ones with it', async () => {
    const set = await runOk<any>(
      app,
      `mutation($week: [BusinessDayInput!]!) { setBusinessHours(input: { week: $week }) { recomputation { running total } } }`,
      { week: office },
    );
    expect(set.setBusinessHours.recomputation.total).toBeGreaterThanOrEqual(0);
    await recomputeJob(app).idle();
    const progress = await runOk<any>(app, '{ businessHours { recomputation { running done total } } }');
    expect(progress.businessHours.recomputation).toMatchObject({ running: false });
    expect(progress.businessHours.recomputation.done).toBe(progress.businessHours.recomputation.total);

    const business = await runOk<any>(app, team, { clock: 'BUSINESS' });
    expect(business.teamMetrics.firstResponseTime).toEqual({ count: 1, mean: 3600 });
    // Sunday is closed: that chat started outside business hours, Friday's did not.
    const outside = await runOk<any>(
      app,
      '{ conversations(filter: { outsideBusinessHours: true }) { edges { node { externalId outsideBusinessHours cycles { outsideBusinessHours } } } } }',
    );
    expect(outside.conversations.edges.map((e: any) => e.node)).toEqual([
      { externalId: 'chat-sunday', outsideBusinessHours: true, cycles: [{ outsideBusinessHours: true }] },
    ]);
    // Counts do not change with the clock; calendar durations neither.
    const calendar = await runOk<any>(app, team, {});
    expect(calendar.teamMetrics.firstResponseTime).toEqual({ count: 1, mean: 63 * 3600 });
    expect(business.teamMetrics.conversationsStarted).toBe(calendar.teamMetrics.conversationsStarted);

    // Written after the change: on the new schedule at once. Tuesday 17:50 → Wednesday 08:10: 20 min.
    await runOk(app, record, {
      inputs: weekendChat('chat-night', '2026-03-10T17:50:00-03:00', '2026-03-11T08:10:00-03:00'),
    });
    const both = await runOk<any>(app, team, { clock: 'BUSINESS' });
    expect(both.teamMetrics.firstResponseTime).toEqual({ count: 2, mean: (3600 + 20 * 60) / 2 });

    // A holiday on Monday: the weekend chat's wait has no business time left but Friday's 30 min.
    await runOk(app, 'mutation { setHoliday(input: { date: "2026-03-09", name: "Feriado" }) { date } }');
    await recomputeJob(app).idle();
    const holiday = await runOk<any>(app, team, { clock: 'BUSINESS' });
    expect(holiday.teamMetrics.firstResponseTime).toEqual({ count: 2, mean: (30 * 60 + 20 * 60) / 2 });
  });
});
