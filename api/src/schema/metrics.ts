import { builder, everyRole } from '../builder.js';
import type { Context } from '../context.js';
import { type DayDurations, type MetricDays, openMetricDays, wholeDays } from '../db/metric-days.js';
import { DEFAULT_RATING_BANDS, MAX_RATING_BANDS, RATING_BANDS_KEY, type RatingBand } from '../db/ratings.js';
import { slaMet } from '../db/sla.js';
import type { Clock } from '../domain/business-hours.js';
import { Prisma } from '../generated/prisma/client.js';
import { metricsCost } from '../graphql-cost.js';
import { badInput } from '../graphql-input.js';
import { Agent, agentDisplayName } from './agent.js';
import { Sector } from './conversation.js';
import { OriginKindEnum } from './origins.js';

// Every number here is defined in shared/docs/metrics.md and mirrors `aggregatePeriod` in
// api/test/oracle.ts: periods are [from, to), a sample belongs to the period of its end,
// and chats between agents are left out. Each statement runs once per request, and only when a
// field that needs it is selected.

const maxPeriodDays = 366;
const maxBuckets = 1000;
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Upper bounds of the response-time histogram, in seconds; the last bin is open. */
const responseTimeBins = [60, 5 * 60, 15 * 60, 30 * 60, 3600, 4 * 3600, 24 * 3600];

const Granularity = builder.enumType('Granularity', { values: ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const });
type GranularityValue = (typeof Granularity)['$inferType'];

const bucketUnits = {
  HOUR: { unit: 'hour', step: '1 hour', shortestMs: hourMs },
  DAY: { unit: 'day', step: '1 day', shortestMs: 23 * hourMs },
  WEEK: { unit: 'week', step: '1 week', shortestMs: 7 * dayMs - hourMs },
  MONTH: { unit: 'month', step: '1 month', shortestMs: 28 * dayMs - hourMs },
} as const satisfies Record<GranularityValue, unknown>;

type BucketUnit = (typeof bucketUnits)[GranularityValue];
type SampleKind = 'RESPONSE' | 'FIRST_RESPONSE' | 'RESOLUTION' | 'QUEUE' | 'FIRST_RESPONSE_AFTER_ASSIGNMENT';

interface DurationStatsShape {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

interface MessageCountsShape {
  customer: number;
  agent: number;
  bot: number;
  note: number;
  other: number;
}

const noStats: DurationStatsShape = { count: 0, mean: null, median: null, p90: null };
const noMessages: MessageCountsShape = { customer: 0, agent: 0, bot: 0, note: 0, other: 0 };

interface Scope {
  from: Date;
  to: Date;
  /** Only what this agent did, and the cycles in which they replied. */
  agentId: number | null;
  /** Only conversations now in this sector. */
  sectorId: number | null;
  timeZone: string;
  /** Which seconds the statistics use: calendar, or only those inside business hours. */
  clock: Clock;
}

/** Runs `load` the first time it is asked for, then hands out the same promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= load();
    return result;
  };
}

// An ISO string with its offset: the driver's own Date format leaves the zone to the session.
const instant = (date: Date) => Prisma.sql`${date.toISOString()}::timestamptz`;

// Chats between agents count nowhere. Their messages are stored, so message queries leave them
// out here; the derived tables (cycles, samples, assignment changes) hold no rows for them at all
// (deriveConversation yields none), which lets sample scans keep the order of their index.
const notInternal = Prisma.sql`NOT EXISTS (SELECT FROM conversations c WHERE c.id = m.conversation_id AND c.internal)`;

/** Rows (of `alias`) of conversations now in the scope's sector; every row without one. */
const inSector = (scope: Scope, alias: string) =>
  scope.sectorId === null
    ? Prisma.empty
    : Prisma.sql`AND ${Prisma.raw(alias)}.conversation_id IN (SELECT id FROM conversations WHERE sector_id = ${scope.sectorId})`;

// Naming the kinds lets short periods use samples(kind, ended_at) instead of a full scan.
const kindsIn = (kinds: readonly SampleKind[]) => Prisma.raw(kinds.map((kind) => `'${kind}'`).join(', '));
const allKinds = [
  'RESPONSE',
  'FIRST_RESPONSE',
  'RESOLUTION',
  'QUEUE',
  'FIRST_RESPONSE_AFTER_ASSIGNMENT',
] as const;

// Over long periods samples(agent_id, kind, seconds, ended_at) and samples(kind, seconds, ended_at)
// deliver each group already ordered by seconds: no Sort node, and the sort inside
// percentile_cont finds its input presorted.
export const secondsOf = (clock: Clock) =>
  Prisma.raw(clock === 'BUSINESS' ? 's.business_seconds' : 's.seconds');
// In the same pass, for the rating: how many samples fall at or under each band's upper bound.
const durationColumns = (clock: Clock) => Prisma.sql`
  count(*)::int AS count,
  avg(${secondsOf(clock)}) AS mean,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${secondsOf(clock)}) AS median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${secondsOf(clock)}) AS p90,
  array[${Prisma.join(
    Array.from(
      { length: MAX_RATING_BANDS - 1 },
      (_, index) =>
        Prisma.sql`count(*) FILTER (WHERE ${secondsOf(clock)} <= rb.up[${Prisma.raw(String(index + 1))}])::int`,
    ),
  )}]::int[] AS "upTo"`;

/**
 * Duration statistics grouped by `key` and kind, with the rating bands read in the same
 * statement (the stored setting, else the defaults): `rest` is the FROM … GROUP BY of samples `s`.
 * One row always comes back, for the bands, even without samples.
 */
async function durationsBy(
  prisma: Context['app']['db']['prisma'],
  clock: Clock,
  key: Prisma.Sql,
  rest: Prisma.Sql,
): Promise<Durations> {
  const rows = await prisma.$queryRaw<
    ((DurationRow & { key: number }) | { kind: null; bands: RatingBand[] })[]
  >`
    WITH stored AS (
      SELECT coalesce(
        (SELECT value::jsonb FROM settings WHERE key = ${RATING_BANDS_KEY}),
        ${JSON.stringify(DEFAULT_RATING_BANDS)}::jsonb
      ) AS bands
    ),
    -- The bounds as a float8[] once: per row a subscript, not a jsonb lookup.
    rb AS (
      SELECT bands, array(
        SELECT (band->>'upToSeconds')::float8
        FROM jsonb_array_elements(bands) WITH ORDINALITY AS b(band, position) ORDER BY position
      ) AS up
      FROM stored
    )
    SELECT rb.bands, d.*
    FROM rb LEFT JOIN LATERAL (
      SELECT ${key} AS key, s.kind::text AS kind, ${durationColumns(clock)}
      ${rest}
    ) d ON true`;
  const bands = (rows[0] as { bands: RatingBand[] } | undefined)?.bands ?? [...DEFAULT_RATING_BANDS];
  const byKey = new Map<string, KindFigures>();
  for (const row of rows) {
    if (row.kind !== null) byKey.set(`${row.key}:${row.kind}`, figuresOf(row as DurationRow, bands));
  }
  return { bands, byKey };
}

/**
 * SLA results by `key` and kind, from the samples a policy judged (each carries its target, see
 * db/sla.ts): its own statement, asked only when hit rates are selected, so that the durations
 * keep reading an index that holds all they need.
 */
async function hitRatesBy(
  prisma: Context['app']['db']['prisma'],
  key: Prisma.Sql,
  rest: Prisma.Sql,
): Promise<Map<string, HitRateShape>> {
  const rows = await prisma.$queryRaw<(HitRateShape & { key: number; kind: string })[]>`
    SELECT ${key} AS key, s.kind::text AS kind, count(*)::int AS total,
           count(*) FILTER (WHERE ${slaMet})::int AS met
    ${rest}`;
  return new Map(rows.map((row) => [`${row.key}:${row.kind}`, { met: row.met, total: row.total }]));
}

const noHitRate: HitRateShape = { met: 0, total: 0 };

/** The hit rates of one group (an agent, a bucket, a sector) out of its query's. */
const hitRatesAt = (parts: { hitRates: () => Promise<Map<string, HitRateShape>> }, group: number) => ({
  hitRate: async (kind: SampleKind) => (await parts.hitRates()).get(`${group}:${kind}`) ?? noHitRate,
});

interface DurationRow extends DurationStatsShape {
  kind: SampleKind;
  /** Samples at or under each closed band's bound. */
  upTo: number[];
}

interface HitRateShape {
  met: number;
  total: number;
}

interface RatingShape extends RatingBand {
  count: number;
  /** Of all the samples rated. */
  share: number | null;
}

/** One kind of sample, grouped: its statistics, SLA result and rating. */
interface KindFigures {
  stats: DurationStatsShape;
  ratings: RatingShape[];
}

function figuresOf(row: DurationRow, bands: readonly RatingBand[]): KindFigures {
  const { count, mean, median, p90 } = row;
  return {
    stats: { count, mean, median, p90 },
    ratings: ratingsOf(bands, count, row.upTo),
  };
}

function ratingsOf(bands: readonly RatingBand[], count: number, upTo: readonly number[]): RatingShape[] {
  return bands.map((band, index) => {
    const below = index === 0 ? 0 : (upTo[index - 1] ?? 0);
    const atOrUnder = band.upToSeconds === null ? count : (upTo[index] ?? 0);
    const inBand = atOrUnder - below;
    return { ...band, count: inBand, share: count === 0 ? null : inBand / count };
  });
}

const noFigures = (bands: readonly RatingBand[]): KindFigures => ({
  stats: noStats,
  ratings: ratingsOf(bands, 0, []),
});

/** Figures by key (`<group>:<kind>`), with the bands they were rated by. */
interface Durations {
  bands: readonly RatingBand[];
  byKey: Map<string, KindFigures>;
}

const figuresAt = (durations: Durations, key: string) =>
  durations.byKey.get(key) ?? noFigures(durations.bands);

/** "The agent's cycles": the cycle of `cy` (a cycle) or `m` (a message) has a reply by the agent. */
function repliedBy(agentId: number, alias: 'cy' | 'm'): Prisma.Sql {
  const cycleIndex = Prisma.raw(alias === 'cy' ? 'cy.index' : 'm.cycle_index');
  return Prisma.sql`EXISTS (
    SELECT FROM messages r
    WHERE r.conversation_id = ${Prisma.raw(alias)}.conversation_id AND r.cycle_index = ${cycleIndex}
      AND r.agent_id = ${agentId} AND r.sender = 'AGENT' AND NOT r.is_note)`;
}

/**
 * The starts of the organization's local hours, days, weeks or months that overlap the period,
 * ascending, as a timestamptz[]: a row finds its bucket with width_bucket (a binary search)
 * instead of converting every timestamp to local time. A local hour skipped by a daylight-saving
 * change maps to the same instant as the next one, hence DISTINCT.
 */
function bucketStarts(scope: Scope, { unit, step }: BucketUnit): Prisma.Sql {
  const { timeZone } = scope;
  return Prisma.sql`(
    SELECT array_agg(DISTINCT start ORDER BY start)
    FROM (
      SELECT local AT TIME ZONE ${timeZone} AS start
      FROM generate_series(
        date_trunc(${unit}, ${instant(scope.from)} AT TIME ZONE ${timeZone}),
        ${instant(scope.to)} AT TIME ZONE ${timeZone} - interval '1 millisecond',
        ${step}::interval
      ) AS local
    ) AS local_starts)`;
}

export const ClockEnum = builder.enumType('Clock', {
  values: ['CALENDAR', 'BUSINESS'] as const,
  description:
    'Which seconds a duration counts: all of them, or those inside business hours (see businessHours).',
});

const DurationStats = builder.simpleObject('DurationStats', {
  authScopes: everyRole,
  description: 'Durations in seconds; mean, median and p90 are null when there is no sample.',
  fields: (t) => ({
    count: t.int(),
    mean: t.float({ nullable: true }),
    median: t.float({ nullable: true, description: "PostgreSQL's percentile_cont(0.5)." }),
    p90: t.float({ nullable: true, description: "PostgreSQL's percentile_cont(0.9)." }),
  }),
});

const HitRate = builder.objectRef<HitRateShape>('SlaHitRate').implement({
  authScopes: everyRole,
  description: 'Samples judged by a target and how many met it (seconds ≤ target, on the policy clock).',
  fields: (t) => ({
    met: t.exposeInt('met'),
    total: t.exposeInt('total', {
      description: 'Samples a policy in force when they started had a target for.',
    }),
    rate: t.float({
      nullable: true,
      description: 'met / total, from 0 to 1; null without samples.',
      resolve: ({ met, total }) => (total === 0 ? null : met / total),
    }),
  }),
});

const SlaHitRates = builder
  .objectRef<{ hitRate: (kind: SampleKind) => Promise<HitRateShape> }>('SlaHitRates')
  .implement({
    authScopes: everyRole,
    description: 'Service-level results per target (docs/metrics.md, "Service levels").',
    fields: (t) => ({
      firstResponse: t.field({
        type: HitRate,
        resolve: ({ hitRate }) => hitRate('FIRST_RESPONSE'),
      }),
      nextResponse: t.field({
        type: HitRate,
        description: "Responses other than the cycle's first.",
        resolve: ({ hitRate }) => hitRate('RESPONSE'),
      }),
      resolution: t.field({
        type: HitRate,
        resolve: ({ hitRate }) => hitRate('RESOLUTION'),
      }),
    }),
  });

const Rating = builder.objectRef<RatingShape>('ResponseRating').implement({
  authScopes: everyRole,
  description: 'Response-time samples in one rating band (bands: see ratingBands).',
  fields: (t) => ({
    label: t.exposeString('label'),
    upToSeconds: t.exposeFloat('upToSeconds', {
      nullable: true,
      description: 'Upper bound, included; null for the last, open band.',
    }),
    count: t.exposeInt('count'),
    share: t.exposeFloat('share', {
      nullable: true,
      description: 'count / all samples, 0 to 1; null without samples.',
    }),
  }),
});

const MessageCounts = builder.simpleObject('MessageCounts', {
  authScopes: everyRole,
  description: 'Messages by kind; a note counts as a note whoever wrote it.',
  fields: (t) => ({
    customer: t.int(),
    agent: t.int(),
    bot: t.int(),
    note: t.int(),
    other: t.int(),
  }),
});

interface AgentCounts {
  conversationsHandled: number;
  conversationsResolved: number;
  messagesSent: number;
  notesSent: number;
  assignments: number;
  transfersIn: number;
  transfersOut: number;
}

interface AgentParts {
  messages: () => Promise<
    Map<number, Pick<AgentCounts, 'conversationsHandled' | 'messagesSent' | 'notesSent'>>
  >;
  changes: () => Promise<
    Map<number, Pick<AgentCounts, 'conversationsResolved' | 'assignments' | 'transfersIn' | 'transfersOut'>>
  >;
  durations: () => Promise<Durations>;
  hitRates: () => Promise<Map<string, HitRateShape>>;
}

interface AgentMetricsShape {
  agentId: number;
  parts: AgentParts;
}

/**
 * The per-day tables' reads for a scope they can answer: the whole team (no sector, no agent)
 * over whole local days, kept in the organization's zone. Null: the raw statements answer.
 */
function metricDaysOf(ctx: Context, scope: Scope): () => Promise<MetricDays | null> {
  return once(async () => {
    if (scope.sectorId !== null || scope.agentId !== null) return null;
    const range = wholeDays(scope.from, scope.to, scope.timeZone);
    return range && openMetricDays(ctx.app.db, range, scope.timeZone, scope.clock);
  });
}

/** Durations as the raw statements shape them, from the per-day tables'. */
function durationsFrom(days: DayDurations): Durations {
  const byKey = new Map<string, KindFigures>();
  for (const [key, group] of days.byKey) {
    byKey.set(key, figuresOf({ ...group, kind: key.split(':')[1] as SampleKind }, days.bands));
  }
  return { bands: days.bands, byKey };
}

function agentParts(ctx: Context, scope: Scope): AgentParts {
  const raw = rawAgentParts(ctx, scope);
  const days = metricDaysOf(ctx, scope);
  const counts = once(async () => (await days())?.agents() ?? null);
  return {
    messages: once(async () => (await counts()) ?? raw.messages()),
    changes: once(async () => (await counts()) ?? raw.changes()),
    durations: once(async () => {
      const day = await days();
      return day ? durationsFrom(await day.durations('agent')) : raw.durations();
    }),
    hitRates: once(async () => (await (await days())?.durations('agent'))?.hitRates ?? raw.hitRates()),
  };
}

function rawAgentParts(ctx: Context, scope: Scope): AgentParts {
  const { prisma } = ctx.app.db;
  const from = instant(scope.from);
  const to = instant(scope.to);
  return {
    messages: once(async () => {
      const rows = await prisma.$queryRaw<
        { agentId: number; conversationsHandled: number; messagesSent: number; notesSent: number }[]
      >`
        SELECT agent_id AS "agentId",
               count(*) FILTER (WHERE replies > 0)::int AS "conversationsHandled",
               sum(replies)::int AS "messagesSent",
               sum(notes)::int AS "notesSent"
        FROM (
          SELECT m.agent_id, m.conversation_id, m.cycle_index,
                 count(*) FILTER (WHERE m.sender = 'AGENT' AND NOT m.is_note) AS replies,
                 count(*) FILTER (WHERE m.is_note) AS notes
          FROM messages m
          WHERE m.agent_id IS NOT NULL AND m.sent_at >= ${from} AND m.sent_at < ${to} ${inSector(scope, 'm')}
          GROUP BY m.agent_id, m.conversation_id, m.cycle_index
        ) m
        WHERE ${notInternal}
        GROUP BY agent_id`;
      return new Map(rows.map(({ agentId, ...counts }) => [agentId, counts]));
    }),
    changes: once(async () => {
      const rows = await prisma.$queryRaw<
        {
          agentId: number;
          conversationsResolved: number;
          assignments: number;
          transfersIn: number;
          transfersOut: number;
        }[]
      >`
        SELECT agent_id AS "agentId",
               sum(resolved)::int AS "conversationsResolved",
               sum(assigned)::int AS assignments,
               sum(transfer_in)::int AS "transfersIn",
               sum(transfer_out)::int AS "transfersOut"
        FROM (
          SELECT resolved_by_id AS agent_id, 1 AS resolved, 0 AS assigned, 0 AS transfer_in, 0 AS transfer_out
          FROM cycles
          WHERE resolved_by_id IS NOT NULL AND closed_at >= ${from} AND closed_at < ${to} ${inSector(scope, 'cycles')}
          UNION ALL
          SELECT to_agent_id, 0, 1, is_transfer::int, 0
          FROM assignment_changes
          WHERE to_agent_id IS NOT NULL AND at >= ${from} AND at < ${to} ${inSector(scope, 'assignment_changes')}
          UNION ALL
          SELECT from_agent_id, 0, 0, 0, 1
          FROM assignment_changes
          WHERE is_transfer AND from_agent_id IS NOT NULL AND at >= ${from} AND at < ${to}
            ${inSector(scope, 'assignment_changes')}
        ) per_change
        GROUP BY agent_id`;
      return new Map(rows.map(({ agentId, ...counts }) => [agentId, counts]));
    }),
    durations: once(() =>
      durationsBy(
        prisma,
        scope.clock,
        Prisma.sql`s.agent_id`,
        Prisma.sql`
          FROM samples s
          WHERE s.agent_id IS NOT NULL AND s.kind IN (${kindsIn(allKinds)})
            AND s.ended_at >= ${from} AND s.ended_at < ${to} ${inSector(scope, 's')}
          GROUP BY s.agent_id, s.kind`,
      ),
    ),
    hitRates: once(() =>
      hitRatesBy(
        prisma,
        Prisma.sql`s.agent_id`,
        Prisma.sql`
          FROM samples s
          WHERE s.agent_id IS NOT NULL AND s.sla_target_seconds IS NOT NULL
            AND s.ended_at >= ${from} AND s.ended_at < ${to} ${inSector(scope, 's')}
          GROUP BY s.agent_id, s.kind`,
      ),
    ),
  };
}

async function agentMetrics(ctx: Context, scope: Scope): Promise<AgentMetricsShape[]> {
  const agents = await ctx.app.db.prisma.agent.findMany({
    select: { id: true, name: true, signatureName: true, externalId: true },
  });
  const parts = agentParts(ctx, scope);
  return agents
    .map((agent) => ({ id: agent.id, name: agentDisplayName(agent) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
    .map(({ id }) => ({ agentId: id, parts }));
}

const AgentMetrics = builder.objectRef<AgentMetricsShape>('AgentMetrics').implement({
  authScopes: everyRole,
  description: "One agent's work over a period [from, to).",
  fields: (t) => {
    const count = (part: 'messages' | 'changes', field: keyof AgentCounts, description?: string) =>
      t.int({
        description,
        resolve: async ({ agentId, parts }) => {
          const counts: Partial<AgentCounts> | undefined = (await parts[part]()).get(agentId);
          return counts?.[field] ?? 0;
        },
      });
    const figures =
      ({ agentId, parts }: AgentMetricsShape) =>
      async (kind: SampleKind) =>
        figuresAt(await parts.durations(), `${agentId}:${kind}`);
    const stats = (kind: SampleKind, description?: string) =>
      t.field({
        type: DurationStats,
        description,
        resolve: async (agent) => (await figures(agent)(kind)).stats,
      });
    return {
      agent: t.prismaField({
        type: Agent,
        resolve: (query, { agentId }, _args, ctx) =>
          ctx.app.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agentId } }),
      }),
      conversationsHandled: count(
        'messages',
        'conversationsHandled',
        'Cycles in which the agent sent at least one reply within the period.',
      ),
      conversationsResolved: count(
        'changes',
        'conversationsResolved',
        'Cycles closed within the period while assigned to the agent.',
      ),
      messagesSent: count('messages', 'messagesSent', 'Replies, notes left out.'),
      notesSent: count('messages', 'notesSent'),
      assignments: count('changes', 'assignments', "Times the agent became a conversation's assignee."),
      transfersIn: count('changes', 'transfersIn', 'Conversations handed over directly by another agent.'),
      transfersOut: count('changes', 'transfersOut', 'Conversations handed over directly to another agent.'),
      responseTime: stats('RESPONSE'),
      firstResponseTime: stats('FIRST_RESPONSE'),
      resolutionTime: stats('RESOLUTION', 'Of the cycles the agent resolved.'),
      firstResponseAfterAssignment: stats(
        'FIRST_RESPONSE_AFTER_ASSIGNMENT',
        "The agent's part of each first response: first response time minus queue time, never below 0.",
      ),
      sla: t.field({
        type: SlaHitRates,
        resolve: ({ agentId, parts }) => hitRatesAt(parts, agentId),
      }),
      responseRatings: t.field({
        type: [Rating],
        complexity: { field: 1, multiplier: MAX_RATING_BANDS },
        description: "The agent's response-time samples by rating band.",
        resolve: async (agent) => (await figures(agent)('RESPONSE')).ratings,
      }),
    };
  },
});

interface TotalsParts {
  cycles: () => Promise<Map<number, { started: number; resolved: number }>>;
  messages: () => Promise<Map<number, MessageCountsShape>>;
  durations: () => Promise<Durations>;
  hitRates: () => Promise<Map<string, HitRateShape>>;
}

interface TotalsShape {
  start: Date;
  /**
   * Which group of its query: the 1-based position of a bucket in its series, a sector's id (0:
   * no sector), or 1 for a whole period.
   */
  group: number;
  parts: TotalsParts;
}

/** How totals are grouped: the whole period, buckets starting at `starts`, or sectors. */
type Grouping =
  | { by: 'whole' }
  | { by: 'buckets'; starts: Prisma.Sql }
  | { by: 'sectors' }
  | { by: 'origins' };

/** Origins in the order `originMetrics` lists them; a group is a position here, from 1. */
const originOrder = ['AD', 'WEBSITE', 'OTHER', 'DIRECT'] as const;
/** The group of a cycle's origin (undecided cycles and rows of no cycle are DIRECT). */
const originGroup = (alias: 'cy' | 'gcy') =>
  Prisma.raw(
    `CASE ${alias}.origin::text ${originOrder.map((kind, i) => `WHEN '${kind}' THEN ${i + 1}`).join(' ')} ELSE ${originOrder.length} END`,
  );

/** Totals per group: bucket position, sector id (0 for none), origin position, or 1 for the whole period. */
function totalsParts(
  ctx: Context,
  scope: Scope,
  grouping: Grouping,
  kinds: readonly SampleKind[] = allKinds,
): TotalsParts {
  const raw = rawTotalsParts(ctx, scope, grouping, kinds);
  if (grouping.by !== 'whole') return raw;
  const days = metricDaysOf(ctx, scope);
  const team = once(async () => (await days())?.team() ?? null);
  return {
    cycles: once(async () => {
      const counts = await team();
      return counts ? new Map([[1, { started: counts.started, resolved: counts.resolved }]]) : raw.cycles();
    }),
    messages: once(async () => {
      const counts = await team();
      return counts ? new Map([[1, counts.messages]]) : raw.messages();
    }),
    durations: once(async () => {
      const day = await days();
      return day ? durationsFrom(await day.durations('team')) : raw.durations();
    }),
    hitRates: once(async () => (await (await days())?.durations('team'))?.hitRates ?? raw.hitRates()),
  };
}

function rawTotalsParts(
  ctx: Context,
  scope: Scope,
  grouping: Grouping,
  kinds: readonly SampleKind[],
): TotalsParts {
  const { prisma } = ctx.app.db;
  const { agentId } = scope;
  const from = instant(scope.from);
  const to = instant(scope.to);
  // The sector is the conversation's (the same one its business hours and SLA policy follow).
  const groups = (alias: 'cy' | 'm' | 's') =>
    grouping.by === 'buckets'
      ? Prisma.sql`CROSS JOIN (SELECT ${grouping.starts} AS starts) b`
      : grouping.by === 'sectors'
        ? Prisma.sql`JOIN conversations gc ON gc.id = ${Prisma.raw(alias)}.conversation_id`
        : grouping.by === 'origins' && alias !== 'cy'
          ? Prisma.raw(
              `LEFT JOIN cycles gcy ON gcy.conversation_id = ${alias}.conversation_id AND gcy.index = ${alias}.cycle_index`,
            )
          : Prisma.empty;
  const bucketOf = (column: 'cy.started_at' | 'cy.closed_at' | 'm.sent_at' | 's.ended_at') =>
    grouping.by === 'buckets'
      ? Prisma.sql`width_bucket(${Prisma.raw(column)}, b.starts)`
      : grouping.by === 'sectors'
        ? Prisma.sql`coalesce(gc.sector_id, 0)`
        : grouping.by === 'origins'
          ? originGroup(column.startsWith('cy.') ? 'cy' : 'gcy')
          : Prisma.sql`1`;
  const agentCycle = agentId === null ? Prisma.empty : Prisma.sql`AND ${repliedBy(agentId, 'cy')}`;
  const byAgent = (alias: 'm' | 's') =>
    agentId === null ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(alias)}.agent_id = ${agentId}`;
  return {
    cycles: once(async () => {
      const rows = await prisma.$queryRaw<{ bucket: number; started: number; resolved: number }[]>`
        SELECT bucket, sum(started)::int AS started, sum(resolved)::int AS resolved
        FROM (
          SELECT ${bucketOf('cy.started_at')} AS bucket, 1 AS started, 0 AS resolved
          FROM cycles cy ${groups('cy')}
          WHERE cy.started_at >= ${from} AND cy.started_at < ${to} ${agentCycle} ${inSector(scope, 'cy')}
          UNION ALL
          SELECT ${bucketOf('cy.closed_at')}, 0, 1
          FROM cycles cy ${groups('cy')}
          WHERE cy.closed_at >= ${from} AND cy.closed_at < ${to} ${agentCycle} ${inSector(scope, 'cy')}
        ) per_cycle
        GROUP BY bucket`;
      return new Map(rows.map(({ bucket, ...counts }) => [bucket, counts]));
    }),
    messages: once(async () => {
      const rows = await prisma.$queryRaw<(MessageCountsShape & { bucket: number })[]>`
        SELECT ${bucketOf('m.sent_at')} AS bucket,
               count(*) FILTER (WHERE m.sender = 'CUSTOMER' AND NOT m.is_note)::int AS customer,
               count(*) FILTER (WHERE m.sender = 'AGENT' AND NOT m.is_note)::int AS agent,
               count(*) FILTER (WHERE m.sender = 'BOT' AND NOT m.is_note)::int AS bot,
               count(*) FILTER (WHERE m.is_note)::int AS note,
               count(*) FILTER (WHERE m.sender = 'OTHER' AND NOT m.is_note)::int AS other
        FROM messages m ${groups('m')}
        WHERE m.sent_at >= ${from} AND m.sent_at < ${to} AND ${notInternal} ${byAgent('m')} ${inSector(scope, 'm')}
        GROUP BY 1`;
      return new Map(rows.map(({ bucket, ...counts }) => [bucket, counts]));
    }),
    durations: once(() =>
      durationsBy(
        prisma,
        scope.clock,
        bucketOf('s.ended_at'),
        Prisma.sql`
          FROM samples s ${groups('s')}
          WHERE s.kind IN (${kindsIn(kinds)}) AND s.ended_at >= ${from} AND s.ended_at < ${to} ${byAgent('s')}
            ${inSector(scope, 's')}
          GROUP BY 1, s.kind`,
      ),
    ),
    hitRates: once(() =>
      hitRatesBy(
        prisma,
        bucketOf('s.ended_at'),
        Prisma.sql`
          FROM samples s ${groups('s')}
          WHERE s.sla_target_seconds IS NOT NULL AND s.ended_at >= ${from} AND s.ended_at < ${to} ${byAgent('s')}
            ${inSector(scope, 's')}
          GROUP BY 1, s.kind`,
      ),
    ),
  };
}

const totalsFields = (
  t: PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, TotalsShape>,
) => {
  const cycles = async ({ parts, group }: TotalsShape) => (await parts.cycles()).get(group);
  const figures =
    ({ parts, group }: TotalsShape) =>
    async (kind: SampleKind) =>
      figuresAt(await parts.durations(), `${group}:${kind}`);
  const stats = (kind: SampleKind, description?: string) =>
    t.field({
      type: DurationStats,
      description,
      resolve: async (totals) => (await figures(totals)(kind)).stats,
    });
  return {
    conversationsStarted: t.int({
      description: 'Cycles started (reopens included).',
      resolve: async (totals) => (await cycles(totals))?.started ?? 0,
    }),
    conversationsResolved: t.int({
      description: 'Cycles closed.',
      resolve: async (totals) => (await cycles(totals))?.resolved ?? 0,
    }),
    messages: t.field({
      type: MessageCounts,
      resolve: async ({ parts, group }) => (await parts.messages()).get(group) ?? noMessages,
    }),
    responseTime: stats('RESPONSE'),
    firstResponseTime: stats('FIRST_RESPONSE'),
    resolutionTime: stats('RESOLUTION'),
    queueTime: stats(
      'QUEUE',
      'Per cycle that started with nobody assigned: from its first customer message until an agent became its assignee.',
    ),
    firstResponseAfterAssignment: stats(
      'FIRST_RESPONSE_AFTER_ASSIGNMENT',
      'First response time minus queue time, never below 0.',
    ),
    sla: t.field({
      type: SlaHitRates,
      resolve: ({ parts, group }) => hitRatesAt(parts, group),
    }),
    responseRatings: t.field({
      type: [Rating],
      complexity: { field: 1, multiplier: MAX_RATING_BANDS },
      description: 'Response-time samples by rating band.',
      resolve: async (totals) => (await figures(totals)('RESPONSE')).ratings,
    }),
  };
};

const TeamMetrics = builder.objectRef<TotalsShape>('TeamMetrics').implement({
  authScopes: everyRole,
  description: 'The whole team over a period [from, to), including work no agent is credited with.',
  fields: totalsFields,
});

const MetricsBucket = builder.objectRef<TotalsShape>('MetricsBucket').implement({
  authScopes: everyRole,
  fields: (t) => {
    const { conversationsStarted, messages, responseTime, firstResponseTime } = totalsFields(t);
    return {
      start: t.field({
        type: 'DateTime',
        description:
          "The bucket's start: a local midnight (or hour, Monday, first of month) of the organization.",
        resolve: (bucket) => bucket.start,
      }),
      conversationsStarted,
      messages,
      responseTime,
      firstResponseTime,
    };
  },
});

async function metricsSeries(
  ctx: Context,
  scope: Scope,
  granularity: GranularityValue,
): Promise<TotalsShape[]> {
  const unit = bucketUnits[granularity];
  if ((scope.to.getTime() - scope.from.getTime()) / unit.shortestMs + 1 > maxBuckets) {
    throw badInput(`At most ${maxBuckets} buckets: choose a coarser granularity or a shorter period.`);
  }
  const starts = bucketStarts(scope, unit);
  const rows = await ctx.app.db.prisma.$queryRaw<{ start: Date }[]>`
    SELECT start FROM unnest(${starts}) WITH ORDINALITY AS bucket(start, position) ORDER BY position`;
  const parts = totalsParts(ctx, scope, { by: 'buckets', starts }, ['RESPONSE', 'FIRST_RESPONSE']);
  return rows.map(({ start }, index) => ({ start, group: index + 1, parts }));
}

const SectorMetrics = builder.objectRef<TotalsShape>('SectorMetrics').implement({
  authScopes: everyRole,
  description:
    "The team's figures for the conversations of one sector (their current sector), over [from, to).",
  fields: (t) => ({
    sector: t.prismaField({
      type: Sector,
      nullable: true,
      description: 'Null: conversations with no sector.',
      resolve: (query, { group }, _args, ctx) =>
        group === 0 ? null : ctx.app.db.prisma.sector.findUnique({ ...query, where: { id: group } }),
    }),
    ...totalsFields(t),
  }),
});

/** Every known sector by name, then "no sector" when it has any activity in the period. */
async function sectorMetrics(ctx: Context, scope: Scope): Promise<TotalsShape[]> {
  const parts = totalsParts(ctx, scope, { by: 'sectors' });
  const [sectors, cycles, messages] = await Promise.all([
    ctx.app.db.prisma.sector.findMany({ select: { id: true, name: true, externalId: true } }),
    parts.cycles(),
    parts.messages(),
  ]);
  const named = sectors
    .map((sector) => ({ id: sector.id, name: sector.name ?? sector.externalId }))
    .sort((a, b) => a.name.localeCompare(b.name, 'pt-BR') || a.id - b.id)
    .map(({ id }) => ({ start: scope.from, group: id, parts }));
  const none = cycles.has(0) || messages.has(0) ? [{ start: scope.from, group: 0, parts }] : [];
  return [...named, ...none];
}

const OriginMetrics = builder.objectRef<TotalsShape>('OriginMetrics').implement({
  authScopes: everyRole,
  description:
    "The team's figures for the cycles of one origin over [from, to): messages and samples count with their cycle.",
  fields: (t) => ({
    origin: t.field({
      type: OriginKindEnum,
      resolve: ({ group }) => originOrder[group - 1] ?? 'DIRECT',
    }),
    ...totalsFields(t),
  }),
});

const HeatmapCell = builder.simpleObject('HeatmapCell', {
  authScopes: everyRole,
  description: 'Customer messages in one hour of the week, in the organization time zone.',
  fields: (t) => ({
    weekday: t.int({ description: '1 = Monday … 7 = Sunday.' }),
    hour: t.int({ description: '0 … 23.' }),
    messages: t.int(),
  }),
});

const ResponseTimeBin = builder.simpleObject('ResponseTimeBin', {
  authScopes: everyRole,
  fields: (t) => ({
    upToSeconds: t.float({
      nullable: true,
      description:
        'Samples up to this many seconds (and above the previous bin); null for the last, open bin.',
    }),
    count: t.int(),
  }),
});

async function responseTimeDistribution(ctx: Context, scope: Scope) {
  const bin = Prisma.raw(
    `CASE ${responseTimeBins.map((upTo, index) => `WHEN ${scope.clock === 'BUSINESS' ? 's.business_seconds' : 's.seconds'} <= ${upTo} THEN ${index}`).join(' ')} ELSE ${responseTimeBins.length} END`,
  );
  const rows = await ctx.app.db.prisma.$queryRaw<{ bin: number; count: number }[]>`
    SELECT ${bin} AS bin, count(*)::int AS count
    FROM samples s
    WHERE s.kind = 'RESPONSE' AND s.ended_at >= ${instant(scope.from)} AND s.ended_at < ${instant(scope.to)}
      ${scope.agentId === null ? Prisma.empty : Prisma.sql`AND s.agent_id = ${scope.agentId}`} ${inSector(scope, 's')}
    GROUP BY 1`;
  const counts = new Map(rows.map((row) => [row.bin, row.count]));
  return [...responseTimeBins, null].map((upToSeconds, index) => ({
    upToSeconds,
    count: counts.get(index) ?? 0,
  }));
}

async function activityHeatmap(ctx: Context, scope: Scope) {
  const { agentId, timeZone } = scope;
  const agentCycle = agentId === null ? Prisma.empty : Prisma.sql`AND ${repliedBy(agentId, 'm')}`;
  const rows = await ctx.app.db.prisma.$queryRaw<{ weekday: number; hour: number; messages: number }[]>`
    WITH hours AS (SELECT ${bucketStarts(scope, bucketUnits.HOUR)} AS starts)
    SELECT extract(isodow FROM local)::int AS weekday, extract(hour FROM local)::int AS hour,
           sum(messages)::int AS messages
    FROM (
      SELECT hours.starts[position] AT TIME ZONE ${timeZone} AS local, messages
      FROM (
        SELECT width_bucket(m.sent_at, hours.starts) AS position, count(*) AS messages
        FROM messages m CROSS JOIN hours
        WHERE m.sender = 'CUSTOMER' AND NOT m.is_note
          AND m.sent_at >= ${instant(scope.from)} AND m.sent_at < ${instant(scope.to)}
          AND ${notInternal} ${agentCycle} ${inSector(scope, 'm')}
        GROUP BY 1
      ) per_hour CROSS JOIN hours
    ) per_local_hour
    GROUP BY 1, 2`;
  const counts = new Map(rows.map((row) => [`${row.weekday}:${row.hour}`, row.messages]));
  return Array.from({ length: 7 * 24 }, (_, cell) => {
    const weekday = Math.floor(cell / 24) + 1;
    const hour = cell % 24;
    return { weekday, hour, messages: counts.get(`${weekday}:${hour}`) ?? 0 };
  });
}

function scopeOf(
  ctx: Context,
  args: {
    from: Date;
    to: Date;
    agentId?: { id: string } | null;
    sectorId?: { id: string } | null;
    clock?: Clock | null;
  },
): Scope {
  if (args.from >= args.to) throw badInput('`from` must be before `to`.');
  if (args.to.getTime() - args.from.getTime() > maxPeriodDays * dayMs) {
    throw badInput(`A period can span at most ${maxPeriodDays} days.`);
  }
  return {
    from: args.from,
    to: args.to,
    agentId: args.agentId ? Number(args.agentId.id) : null,
    sectorId: args.sectorId ? Number(args.sectorId.id) : null,
    timeZone: ctx.app.config.timeZone,
    clock: args.clock ?? 'CALENDAR',
  };
}

builder.queryFields((t) => {
  const period = {
    from: t.arg({ type: 'DateTime', required: true, description: 'Start of the period, included.' }),
    to: t.arg({ type: 'DateTime', required: true, description: 'End of the period, excluded.' }),
    clock: t.arg({
      type: ClockEnum,
      defaultValue: 'CALENDAR',
      description:
        'Durations in calendar time, or only the time inside business hours. Counts do not change.',
    }),
  };
  const agentId = t.arg.globalID({
    for: Agent,
    description: "Only this agent's replies, samples and cycles (those in which they replied).",
  });
  const sectorId = t.arg.globalID({
    for: Sector,
    description: 'Only conversations now in this sector (the sector sectorMetrics counts them in).',
  });
  const filtered = { ...period, sectorId };
  return {
    agentMetrics: t.field({
      complexity: metricsCost,
      type: [AgentMetrics],
      description: 'Every known agent, by name, with zeros when idle.',
      args: filtered,
      resolve: (_root, args, ctx) => agentMetrics(ctx, scopeOf(ctx, args)),
    }),
    teamMetrics: t.field({
      complexity: metricsCost,
      type: TeamMetrics,
      args: filtered,
      resolve: (_root, args, ctx) => {
        const scope = scopeOf(ctx, args);
        return { start: scope.from, group: 1, parts: totalsParts(ctx, scope, { by: 'whole' }) };
      },
    }),
    sectorMetrics: t.field({
      complexity: metricsCost,
      type: [SectorMetrics],
      description: "The team's figures per sector: every known sector, then conversations with no sector.",
      args: period,
      resolve: (_root, args, ctx) => sectorMetrics(ctx, scopeOf(ctx, args)),
    }),
    originMetrics: t.field({
      complexity: metricsCost,
      type: [OriginMetrics],
      description:
        "The team's figures per origin of the cycles: AD, WEBSITE, OTHER, DIRECT, always all four.",
      args: filtered,
      resolve: (_root, args, ctx) => {
        const parts = totalsParts(ctx, scopeOf(ctx, args), { by: 'origins' });
        return originOrder.map((_kind, index) => ({ start: args.from, group: index + 1, parts }));
      },
    }),
    metricsSeries: t.field({
      complexity: metricsCost,
      type: [MetricsBucket],
      description:
        'Every bucket of the period in the organization time zone (weeks start on Monday), empty ones included; partial buckets at the ends count only what falls in the period.',
      args: { ...filtered, granularity: t.arg({ type: Granularity, required: true }), agentId },
      resolve: (_root, args, ctx) => metricsSeries(ctx, scopeOf(ctx, args), args.granularity),
    }),
    responseTimeDistribution: t.field({
      complexity: metricsCost,
      type: [ResponseTimeBin],
      description:
        'Response-time samples in fixed bins: up to 1 min, 5 min, 15 min, 30 min, 1 h, 4 h, 24 h, more.',
      args: { ...filtered, agentId },
      resolve: (_root, args, ctx) => responseTimeDistribution(ctx, scopeOf(ctx, args)),
    }),
    activityHeatmap: t.field({
      complexity: metricsCost,
      type: [HeatmapCell],
      description: 'All 168 hours of the week, Monday 00h first.',
      args: { ...filtered, agentId },
      resolve: (_root, args, ctx) => activityHeatmap(ctx, scopeOf(ctx, args)),
    }),
  };
});
