import {
  allHours,
  businessSeconds,
  isOpenAt,
  type Schedule,
  type TimeInterval,
  type Weekday,
} from '../domain/business-hours.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { Database } from './client.js';

type Reader = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** The organization's schedule and the sectors' own, holidays included. */
export interface Schedules {
  organization: Schedule;
  sectors: ReadonlyMap<number, Schedule>;
}

export const ORGANIZATION_SCOPE = 'organization';

/** One statement: every schedule and holiday (both tables are small). */
export async function loadSchedules(db: Reader, timeZone: string): Promise<Schedules> {
  const [row] = await db.$queryRaw<
    {
      schedules: { scope: string; sectorId: number | null; week: Partial<Record<Weekday, TimeInterval[]>> }[];
      holidays: { date: string; intervals: TimeInterval[] }[];
    }[]
  >`
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('scope', scope, 'sectorId', sector_id, 'week', week)), '[]'::jsonb)
         FROM business_schedules) AS schedules,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('date', to_char(date, 'YYYY-MM-DD'), 'intervals', intervals)), '[]'::jsonb)
         FROM holidays) AS holidays`;
  const holidays = new Map((row?.holidays ?? []).map((h) => [h.date, h.intervals]));
  const stored = row?.schedules ?? [];
  const organization = stored.find((s) => s.scope === ORGANIZATION_SCOPE);
  return {
    organization: {
      ...(organization ? { timeZone, week: organization.week } : allHours(timeZone)),
      holidays,
    },
    sectors: new Map(
      stored
        .filter((s) => s.sectorId !== null)
        .map((s) => [s.sectorId as number, { timeZone, week: s.week, holidays }]),
    ),
  };
}

/** A conversation's clock: its sector's schedule when it has one, else the organization's. */
export function scheduleFor(schedules: Schedules, sectorId: number | null): Schedule {
  return (sectorId === null ? undefined : schedules.sectors.get(sectorId)) ?? schedules.organization;
}

export interface Recomputation {
  running: boolean;
  done: number;
  total: number;
}

/** Samples read and written per step of a recomputation. */
const STEP = 2_000;

const jobs = new WeakMap<Database, ReturnType<typeof createJob>>();

/**
 * The background job that gives every stored sample its business seconds again after a schedule
 * or a holiday changed: in steps of `STEP` samples, each one UPDATE, without holding a request.
 * A change during a run starts it over once the step in flight is done.
 */
export function businessSecondsJob(app: { db: Database; logger: Logger; config: { timeZone: string } }) {
  let job = jobs.get(app.db);
  if (!job) {
    job = createJob(app);
    jobs.set(app.db, job);
  }
  return job;
}

function createJob({ db, logger, config }: { db: Database; logger: Logger; config: { timeZone: string } }) {
  const progress: Recomputation = { running: false, done: 0, total: 0 };
  let again = false;
  let running: Promise<void> | null = null;

  async function runOnce() {
    const schedules = await loadSchedules(db.prisma, config.timeZone);
    progress.total = await db.prisma.sample.count();
    progress.done = 0;
    let lastId = 0;
    for (;;) {
      if (again) return;
      const rows = await db.prisma.$queryRaw<
        { id: number; sector_id: number | null; started_at: Date; ended_at: Date }[]
      >`
        SELECT s.id, c.sector_id, s.started_at, s.ended_at
        FROM samples s JOIN conversations c ON c.id = s.conversation_id
        WHERE s.id > ${lastId} ORDER BY s.id LIMIT ${STEP}`;
      if (rows.length === 0) return markCycles(schedules);
      const updates = rows.map((row) => ({
        id: row.id,
        business: businessSeconds(
          row.started_at.getTime(),
          row.ended_at.getTime(),
          scheduleFor(schedules, row.sector_id),
        ),
      }));
      await db.prisma.$executeRaw`
        UPDATE samples s SET business_seconds = x.business
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS x(id int, business float8)
        WHERE s.id = x.id`;
      lastId = rows.at(-1)?.id ?? lastId;
      progress.done = Math.min(progress.total, progress.done + rows.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Which cycles started outside business hours, again. */
  async function markCycles(schedules: Schedules) {
    let lastId = 0;
    for (;;) {
      if (again) return;
      const rows = await db.prisma.$queryRaw<{ id: number; sector_id: number | null; started_at: Date }[]>`
        SELECT cy.id, c.sector_id, cy.started_at
        FROM cycles cy JOIN conversations c ON c.id = cy.conversation_id
        WHERE cy.id > ${lastId} ORDER BY cy.id LIMIT ${STEP}`;
      if (rows.length === 0) return;
      const updates = rows.map((row) => ({
        id: row.id,
        outside: !isOpenAt(row.started_at.getTime(), scheduleFor(schedules, row.sector_id)),
      }));
      await db.prisma.$executeRaw`
        UPDATE cycles cy SET outside_business_hours = x.outside
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS x(id int, outside boolean)
        WHERE cy.id = x.id`;
      lastId = rows.at(-1)?.id ?? lastId;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async function loop() {
    progress.running = true;
    try {
      do {
        again = false;
        await runOnce();
      } while (again);
      progress.done = progress.total;
      logger.info({ samples: progress.total }, 'business seconds recomputed');
    } catch (error) {
      logger.error({ err: error }, 'business seconds could not be recomputed');
    } finally {
      progress.running = false;
      running = null;
    }
  }

  return {
    /** A schedule or holiday changed: recompute (again). */
    request() {
      if (running) again = true;
      else running = loop();
    },
    progress: (): Recomputation => ({ ...progress }),
    /** Resolves when no recomputation runs. */
    idle: () => running ?? Promise.resolve(),
  };
}
