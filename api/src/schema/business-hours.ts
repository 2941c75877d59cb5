import Holidays from 'date-holidays';
import { GraphQLError } from 'graphql';
import { adminOnly, builder, everyRole } from '../builder.js';
import type { Context } from '../context.js';
import { recomputeJob } from '../db/recompute.js';
import { ORGANIZATION_SCOPE, scopeOf } from '../db/schedules.js';
import { intervalProblem, type TimeInterval, WEEKDAYS, type Weekday } from '../domain/business-hours.js';
import { badInput } from '../graphql-input.js';
import { Sector } from './conversation.js';
import { serviceLevelsChanged } from './service-levels.js';

// Business hours (docs/metrics.md): the organization's weekly schedule, sectors' own, and
// holidays. Until a schedule is set, the organization is open 24×7 (business time = calendar).

const ORGANIZATION = ORGANIZATION_SCOPE;

const WeekdayEnum = builder.enumType('Weekday', { values: WEEKDAYS });

const TimeIntervalRef = builder.simpleObject('TimeInterval', {
  authScopes: everyRole,
  description: 'Open from `start` to `end` (local "HH:MM" in the organization zone; `end` may be "24:00").',
  fields: (t) => ({ start: t.string(), end: t.string() }),
});

const BusinessDay = builder.simpleObject('BusinessDay', {
  authScopes: everyRole,
  fields: (t) => ({
    weekday: t.field({ type: WeekdayEnum }),
    intervals: t.field({ type: [TimeIntervalRef], description: 'Empty: closed all day.' }),
  }),
});

interface StoredSchedule {
  scope: string;
  sectorId: number | null;
  week: unknown;
  updatedAt: Date | null;
}

const BusinessScheduleRef = builder.objectRef<StoredSchedule>('BusinessSchedule').implement({
  authScopes: everyRole,
  description: 'A weekly schedule: the organization default, or a sector its own.',
  fields: (t) => ({
    sector: t.prismaField({
      type: Sector,
      nullable: true,
      description: 'The sector it applies to; null for the organization default.',
      resolve: (query, schedule, _args, ctx) =>
        schedule.sectorId === null
          ? null
          : ctx.app.db.prisma.sector.findUnique({ ...query, where: { id: schedule.sectorId } }),
    }),
    week: t.field({
      type: [BusinessDay],
      description: 'Monday to Sunday.',
      resolve: (schedule) =>
        WEEKDAYS.map((weekday) => ({ weekday, intervals: weekOf(schedule.week)[weekday] ?? [] })),
    }),
    alwaysOpen: t.boolean({
      description: 'Open 24 hours, 7 days: business time equals calendar time.',
      resolve: (schedule) =>
        WEEKDAYS.every((weekday) => {
          const day = weekOf(schedule.week)[weekday] ?? [];
          return day.length === 1 && day[0]?.start === '00:00' && day[0]?.end === '24:00';
        }),
    }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (schedule) => schedule.updatedAt }),
  }),
});

const RecomputationRef = builder.simpleObject('BusinessSecondsRecomputation', {
  authScopes: everyRole,
  description: 'Stored samples get their business seconds again after a schedule or holiday changed.',
  fields: (t) => ({ running: t.boolean(), done: t.int(), total: t.int() }),
});

const BusinessHours = builder.simpleObject('BusinessHours', {
  authScopes: everyRole,
  fields: (t) => ({
    recomputation: t.field({ type: RecomputationRef }),
    timeZone: t.string({ description: 'The zone every interval and holiday is in.' }),
    organization: t.field({ type: BusinessScheduleRef }),
    sectors: t.field({ type: [BusinessScheduleRef], description: 'Sectors with a schedule of their own.' }),
  }),
});

const HolidayRef = builder.prismaObject('Holiday', {
  authScopes: everyRole,
  fields: (t) => ({
    date: t.string({ description: 'YYYY-MM-DD in the organization zone.', resolve: (h) => isoDate(h.date) }),
    name: t.exposeString('name'),
    intervals: t.field({
      type: [TimeIntervalRef],
      description: 'Empty: closed all day; otherwise the hours open that day.',
      resolve: (h) => (h.intervals as unknown as TimeInterval[]) ?? [],
    }),
  }),
});

const TimeIntervalInput = builder.inputType('TimeIntervalInput', {
  fields: (t) => ({ start: t.string({ required: true }), end: t.string({ required: true }) }),
});
const BusinessDayInput = builder.inputType('BusinessDayInput', {
  fields: (t) => ({
    weekday: t.field({ type: WeekdayEnum, required: true }),
    intervals: t.field({ type: [TimeIntervalInput], required: true }),
  }),
});
const SetBusinessHoursInput = builder.inputType('SetBusinessHoursInput', {
  fields: (t) => ({
    sectorId: t.globalID({
      for: Sector,
      description: "A sector's own schedule; omitted: the organization's.",
    }),
    week: t.field({
      type: [BusinessDayInput],
      required: true,
      description: 'The open intervals per weekday; a weekday left out is closed.',
    }),
  }),
});
const SetHolidayInput = builder.inputType('SetHolidayInput', {
  fields: (t) => ({
    date: t.string({ required: true, description: 'YYYY-MM-DD in the organization zone.' }),
    name: t.string({ required: true }),
    intervals: t.field({ type: [TimeIntervalInput], description: 'Omitted or empty: closed all day.' }),
  }),
});

function weekOf(value: unknown): Partial<Record<Weekday, TimeInterval[]>> {
  return (value ?? {}) as Partial<Record<Weekday, TimeInterval[]>>;
}

const allDay = (): Partial<Record<Weekday, TimeInterval[]>> =>
  Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, [{ start: '00:00', end: '24:00' }]]));

function checkedIntervals(intervals: readonly TimeInterval[], where: string): TimeInterval[] {
  const problem = intervalProblem(intervals);
  if (problem) throw badInput(`${where}: ${problem}.`);
  return [...intervals]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map(({ start, end }) => ({ start, end }));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function parseDate(value: string): Date {
  const match = DATE.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || isoDate(date) !== value) throw badInput(`"${value}" is not a date: use YYYY-MM-DD.`);
  return date;
}
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

async function businessHours(ctx: Context) {
  const schedules = await ctx.app.db.prisma.businessSchedule.findMany({ orderBy: { scope: 'asc' } });
  const organization = schedules.find((s) => s.scope === ORGANIZATION) ?? {
    scope: ORGANIZATION,
    sectorId: null,
    week: allDay(),
    updatedAt: null,
  };
  return {
    timeZone: ctx.app.config.timeZone,
    recomputation: recomputeJob(ctx.app).progress(),
    organization,
    sectors: schedules.filter((s) => s.sectorId !== null),
  };
}

builder.queryFields((t) => ({
  businessHours: t.field({
    type: BusinessHours,
    description: "The organization's weekly schedule and sectors' own (open 24×7 until set).",
    resolve: (_root, _args, ctx) => businessHours(ctx),
  }),
  holidays: t.prismaField({
    type: [HolidayRef],
    args: { year: t.arg.int({ description: 'Only this year.' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.app.db.prisma.holiday.findMany({
        ...query,
        where:
          args.year == null
            ? {}
            : {
                date: {
                  gte: new Date(Date.UTC(args.year, 0, 1)),
                  lt: new Date(Date.UTC(args.year + 1, 0, 1)),
                },
              },
        orderBy: { date: 'asc' },
      }),
  }),
}));

builder.mutationFields((t) => ({
  setBusinessHours: t.field({
    type: BusinessHours,
    authScopes: adminOnly,
    args: { input: t.arg({ type: SetBusinessHoursInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const week: Partial<Record<Weekday, TimeInterval[]>> = {};
      for (const day of input.week) {
        if (week[day.weekday]) throw badInput(`${day.weekday} is given twice.`);
        week[day.weekday] = checkedIntervals(day.intervals, day.weekday);
      }
      const sectorId = input.sectorId ? Number(input.sectorId.id) : null;
      if (sectorId !== null && !(await ctx.app.db.prisma.sector.findUnique({ where: { id: sectorId } }))) {
        throw new GraphQLError('No sector with this id.', { extensions: { code: 'NOT_FOUND' } });
      }
      const scope = scopeOf(sectorId);
      await ctx.app.db.prisma.businessSchedule.upsert({
        where: { scope },
        create: { scope, sectorId, week },
        update: { week },
      });
      serviceLevelsChanged(ctx.app);
      return businessHours(ctx);
    },
  }),
  removeSectorBusinessHours: t.field({
    type: BusinessHours,
    authScopes: adminOnly,
    description: "The sector follows the organization's schedule again.",
    args: { sectorId: t.arg.globalID({ required: true, for: Sector }) },
    resolve: async (_root, args, ctx) => {
      await ctx.app.db.prisma.businessSchedule.deleteMany({
        where: { scope: scopeOf(Number(args.sectorId.id)) },
      });
      serviceLevelsChanged(ctx.app);
      return businessHours(ctx);
    },
  }),
  setHoliday: t.prismaField({
    type: HolidayRef,
    authScopes: adminOnly,
    args: { input: t.arg({ type: SetHolidayInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const date = parseDate(input.date);
      const name = input.name.trim();
      if (!name || name.length > 120) throw badInput('The name must have 1 to 120 characters.');
      const intervals = checkedIntervals(input.intervals ?? [], input.date);
      const holiday = await ctx.app.db.prisma.holiday.upsert({
        ...query,
        where: { date },
        create: { date, name, intervals },
        update: { name, intervals },
      });
      serviceLevelsChanged(ctx.app);
      return holiday;
    },
  }),
  removeHoliday: t.boolean({
    authScopes: adminOnly,
    description: 'True when there was a holiday on that date.',
    args: { date: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const removed = (await ctx.app.db.prisma.holiday.deleteMany({ where: { date: parseDate(args.date) } }))
        .count;
      if (removed > 0) serviceLevelsChanged(ctx.app);
      return removed > 0;
    },
  }),
  loadNationalHolidays: t.prismaField({
    type: [HolidayRef],
    authScopes: adminOnly,
    description: "Brazil's national public holidays of `year`, closed all day (dates already set are kept).",
    args: { year: t.arg.int({ required: true }) },
    resolve: async (query, _root, { year }, ctx) => {
      if (year < 2000 || year > 2100) throw badInput('The year must be between 2000 and 2100.');
      const national = new Holidays('BR')
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
      for (const holiday of national) {
        await ctx.app.db.prisma.holiday.upsert({
          where: { date: parseDate(holiday.date) },
          create: { date: parseDate(holiday.date), name: holiday.name, intervals: [] },
          update: {},
        });
      }
      serviceLevelsChanged(ctx.app);
      return ctx.app.db.prisma.holiday.findMany({
        ...query,
        where: { date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } },
        orderBy: { date: 'asc' },
      });
    },
  }),
}));
