import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createTestApp, run, runOk, viewers } from '../../test/harness.js';

const read = `{
  businessHours {
    timeZone
    organization { alwaysOpen sector { id } week { weekday intervals { start end } } }
    sectors { sector { externalId } alwaysOpen week { weekday intervals { start end } } }
  }
}`;
const set = `mutation($input: SetBusinessHoursInput!) {
  setBusinessHours(input: $input) { organization { alwaysOpen week { weekday intervals { start end } } } sectors { sector { externalId } } }
}`;

const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({
  weekday,
  intervals: [
    { start: '13:00', end: '18:00' },
    { start: '08:00', end: '12:00' },
  ],
}));

describeEachDatabase('business hours and holidays', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db);
  });
  afterAll(() => db.close());

  it('is open 24×7 until a schedule is set, then keeps split shifts in order', async () => {
    const before = await runOk<any>(app, read, undefined, viewers.supervisor);
    expect(before.businessHours.timeZone).toBe('America/Sao_Paulo');
    expect(before.businessHours.organization.alwaysOpen).toBe(true);
    expect(before.businessHours.organization.week).toHaveLength(7);

    const after = await runOk<any>(app, set, { input: { week: weekdays } });
    expect(after.setBusinessHours.organization.alwaysOpen).toBe(false);
    const [monday, , , , , saturday] = after.setBusinessHours.organization.week;
    expect(monday).toEqual({
      weekday: 'MONDAY',
      intervals: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    });
    expect(saturday).toEqual({ weekday: 'SATURDAY', intervals: [] });
  });

  it('gives a sector its own schedule, and takes it back', async () => {
    const sector = await db.prisma.sector.create({ data: { externalId: 'sector-vendas', name: 'Vendas' } });
    const { data } = await run<any>(app, '{ sectors { id externalId } }');
    const id = data?.sectors.find((s: { externalId: string }) => s.externalId === 'sector-vendas').id;
    const saturdays = [{ weekday: 'SATURDAY', intervals: [{ start: '09:00', end: '13:00' }] }];
    const own = await runOk<any>(app, set, { input: { sectorId: id, week: saturdays } });
    expect(own.setBusinessHours.sectors).toEqual([{ sector: { externalId: 'sector-vendas' } }]);
    const back = await runOk<any>(
      app,
      'mutation($id: ID!) { removeSectorBusinessHours(sectorId: $id) { sectors { sector { id } } } }',
      { id },
    );
    expect(back.removeSectorBusinessHours.sectors).toEqual([]);
    await db.prisma.sector.delete({ where: { id: sector.id } });
  });

  it('refuses overlapping, reversed or malformed intervals, naming the day', async () => {
    const overlapping = await run(app, set, {
      input: {
        week: [
          {
            weekday: 'MONDAY',
            intervals: [
              { start: '08:00', end: '12:00' },
              { start: '11:00', end: '14:00' },
            ],
          },
        ],
      },
    });
    expect(overlapping.errors?.[0]?.message).toBe('MONDAY: 11:00-14:00 overlaps the interval before it.');
    expect(overlapping.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const reversed = await run(app, set, {
      input: { week: [{ weekday: 'FRIDAY', intervals: [{ start: '18:00', end: '08:00' }] }] },
    });
    expect(reversed.errors?.[0]?.message).toBe('FRIDAY: 18:00-08:00 ends before it starts.');
    const twice = await run(app, set, {
      input: {
        week: [
          { weekday: 'FRIDAY', intervals: [] },
          { weekday: 'FRIDAY', intervals: [] },
        ],
      },
    });
    expect(twice.errors?.[0]?.message).toBe('FRIDAY is given twice.');
  });

  it('lets only admins change the schedule', async () => {
    const refused = await run(app, set, { input: { week: weekdays } }, viewers.supervisor);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("sets, lists and removes holidays, and loads Brazil's national ones", async () => {
    const carnival = await runOk<any>(
      app,
      `mutation { setHoliday(input: { date: "2026-02-17", name: "Carnaval", intervals: [{ start: "12:00", end: "18:00" }] }) { date name intervals { start end } } }`,
    );
    expect(carnival.setHoliday).toEqual({
      date: '2026-02-17',
      name: 'Carnaval',
      intervals: [{ start: '12:00', end: '18:00' }],
    });
    const loaded = await runOk<any>(
      app,
      'mutation { loadNationalHolidays(year: 2026) { date name intervals { start } } }',
    );
    const dates = loaded.loadNationalHolidays.map((h: { date: string }) => h.date);
    for (const date of [
      '2026-01-01',
      '2026-04-21',
      '2026-09-07',
      '2026-10-12',
      '2026-11-02',
      '2026-11-15',
      '2026-12-25',
    ]) {
      expect(dates).toContain(date);
    }
    // What an admin set is kept.
    expect(loaded.loadNationalHolidays.find((h: { date: string }) => h.date === '2026-02-17')?.name).toBe(
      'Carnaval',
    );
    expect(
      loaded.loadNationalHolidays.find((h: { date: string }) => h.date === '2026-12-25')?.intervals,
    ).toEqual([]);

    const bad = await run(app, 'mutation { setHoliday(input: { date: "2026-02-30", name: "x" }) { date } }');
    expect(bad.errors?.[0]?.message).toBe('"2026-02-30" is not a date: use YYYY-MM-DD.');
    expect((await runOk<any>(app, 'mutation { removeHoliday(date: "2026-02-17") }')).removeHoliday).toBe(
      true,
    );
    expect((await runOk<any>(app, 'mutation { removeHoliday(date: "2026-02-17") }')).removeHoliday).toBe(
      false,
    );
    const listed = await runOk<any>(app, '{ holidays(year: 2026) { date } }', undefined, viewers.supervisor);
    expect(listed.holidays.map((h: { date: string }) => h.date)).not.toContain('2026-02-17');
    expect((await runOk<any>(app, '{ holidays(year: 2025) { date } }')).holidays).toEqual([]);
  });
});
