import { businessSeconds, isOpenAt } from '../domain/business-hours.js';
import type { OriginRule } from '../domain/origins.js';
import type { Logger } from '../logger.js';
import type { Database } from './client.js';
import { classifyOrigins } from './origins.js';
import { loadRules, type Rules, type Schedules, scheduleFor } from './schedules.js';
import { judge, judgementColumns } from './sla.js';

export interface Recomputation {
  running: boolean;
  done: number;
  total: number;
}

/** Samples read and written per step of a recomputation. */
const STEP = 2_000;

const jobs = new WeakMap<Database, ReturnType<typeof createJob>>();

/** What a change asks to be judged again. */
export type Recompute = 'samples' | 'origins';

/**
 * The background job that judges stored history again, in steps of `STEP` rows, each one UPDATE,
 * without holding a request: after a schedule, a holiday or an SLA policy changed, every
 * sample's business seconds and policy version and every cycle's hours (`samples`); after an
 * origin rule changed, every cycle's origin (`origins`). A change during a run starts it over,
 * with what both asked, once the step in flight is done.
 */
export function recomputeJob(app: { db: Database; logger: Logger; config: { timeZone: string } }) {
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
  /** Asked for and not yet done. */
  let asked = new Set<Recompute>();
  let running: Promise<void> | null = null;

  async function runOnce(what: ReadonlySet<Recompute>) {
    const { schedules, policies, origins } = await loadRules(db.prisma, config.timeZone);
    if (what.has('samples')) await judgeSamples(schedules, policies);
    if (what.has('origins') && !again) await classifyCycles(origins);
  }

  async function judgeSamples(schedules: Schedules, policies: Rules['policies']) {
    progress.total = await db.prisma.sample.count();
    progress.done = 0;
    let lastId = 0;
    for (;;) {
      if (again) return;
      const rows = await db.prisma.$queryRaw<
        {
          id: number;
          sector_id: number | null;
          kind: string;
          first_in_cycle: boolean;
          started_at: Date;
          ended_at: Date;
        }[]
      >`
        SELECT s.id, c.sector_id, s.kind::text AS kind, s.first_in_cycle, s.started_at, s.ended_at
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
        ...judgementColumns(
          judge(policies, row.sector_id, {
            kind: row.kind,
            startedAt: row.started_at,
            firstInCycle: row.first_in_cycle,
          }),
        ),
      }));
      await db.prisma.$executeRaw`
        UPDATE samples s SET business_seconds = x.business, sla_policy_id = x.sla_policy_id,
          sla_target_seconds = x.sla_target_seconds, sla_business = x.sla_business
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
          AS x(id int, business float8, sla_policy_id int, sla_target_seconds float8, sla_business boolean)
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

  /** Every cycle's origin, again: the first-message rules may have changed. */
  async function classifyCycles(origins: OriginRule[]) {
    const [{ last } = { last: 0 }] = await db.prisma.$queryRaw<{ last: number }[]>`
      SELECT coalesce(max(id), 0)::int AS last FROM cycles`;
    for (let idAfter = 0; idAfter < last; idAfter += STEP) {
      if (again) return;
      await classifyOrigins(db.prisma, origins, { idAfter, idUpTo: idAfter + STEP });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async function loop() {
    progress.running = true;
    try {
      do {
        again = false;
        const what = asked;
        asked = new Set();
        await runOnce(what);
        // Cut short by a new change: what it had left is done with the new one.
        if (again) asked = new Set([...what, ...asked]);
      } while (again);
      progress.done = progress.total;
      logger.info(
        { samples: progress.total },
        'samples and cycles judged again (business seconds, SLA policy, origin)',
      );
    } catch (error) {
      logger.error({ err: error }, 'samples could not be judged again');
    } finally {
      progress.running = false;
      running = null;
    }
  }

  return {
    /** Something `what` depends on changed: judge it (again). */
    request(what: Recompute) {
      asked.add(what);
      if (running) again = true;
      else running = loop();
    },
    progress: (): Recomputation => ({ ...progress }),
    /** Resolves when no recomputation runs. */
    idle: () => running ?? Promise.resolve(),
  };
}
