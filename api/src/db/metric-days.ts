import os from 'node:os';
import { type Clock, wallClock } from '../domain/business-hours.js';
import type { SampleKind } from '../domain/timeline.js';
import type { Logger } from '../logger.js';
import type { Database } from './client.js';
import { DEFAULT_RATING_BANDS, RATING_BANDS_KEY, type RatingBand } from './ratings.js';

// The per-day tables the database keeps (prisma/schema.prisma, SampleDay … TeamDay; the
// triggers of migration 20261206223348_metric_days) and how a whole-day period is read from
// them: a few thousand rows instead of every sample, message, cycle and assignment change.

/** The setting naming the zone whose local days the tables are kept in. */
export const METRIC_DAYS_ZONE_KEY = 'metrics.timeZone';

/**
 * Rebuilds the per-day tables for `timeZone` when they were kept for another zone (the migration
 * builds them for America/Sao_Paulo). Writers wait meanwhile: a change written during the
 * rebuild would be counted in neither the old tables nor the new.
 */
export async function prepareMetricDays(db: Database, timeZone: string, logger?: Logger): Promise<void> {
  const [stored] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
    METRIC_DAYS_ZONE_KEY,
  ]);
  if (stored?.value === timeZone) return;
  const started = performance.now();
  await db.withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      await session.exec('SET LOCAL statement_timeout = 0');
      await session.exec(
        'LOCK TABLE messages, cycles, samples, assignment_changes, conversations, settings IN SHARE ROW EXCLUSIVE MODE',
      );
      await session.query('SELECT metric_days_lock()');
      await session.query('SELECT metric_days_rebuild($1)', [timeZone]);
      await session.exec('COMMIT');
    } catch (error) {
      await session.exec('ROLLBACK');
      throw error;
    }
  });
  logger?.info(
    { from: stored?.value ?? null, to: timeZone, ms: Math.round(performance.now() - started) },
    'per-day metrics rebuilt for the time zone',
  );
}

/** A period of whole local days, as dates: [from, to). */
export interface DayRange {
  from: string;
  to: string;
}

/** The local dates of a period whose ends are both local midnights in `timeZone`, else null. */
export function wholeDays(from: Date, to: Date, timeZone: string): DayRange | null {
  const start = wallClock(from.getTime(), timeZone);
  const end = wallClock(to.getTime(), timeZone);
  const midnight = (local: Date) => local.getTime() % 86_400_000 === 0;
  if (!midnight(start) || !midnight(end)) return null;
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** One group's durations, as the raw statements give them (see schema/metrics.ts durationsBy). */
export interface GroupDurations {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  /** Samples at or under each closed band's bound. */
  upTo: number[];
}

export interface DayDurations {
  bands: RatingBand[];
  /** By `<agent>:<kind>` (agents), or `1:<kind>` (the team). */
  byKey: Map<string, GroupDurations>;
  hitRates: Map<string, { met: number; total: number }>;
}

export interface AgentDayCounts {
  conversationsHandled: number;
  messagesSent: number;
  notesSent: number;
  conversationsResolved: number;
  assignments: number;
  transfersIn: number;
  transfersOut: number;
}

export interface TeamDayCounts {
  started: number;
  resolved: number;
  messages: { customer: number; agent: number; bot: number; note: number; other: number };
}

/** Reads of one whole-day period; null when the tables are kept for another zone. */
export interface MetricDays {
  durations(by: 'agent' | 'team'): Promise<DayDurations>;
  agents(): Promise<Map<number, AgentDayCounts>>;
  team(): Promise<TeamDayCounts>;
}

export async function openMetricDays(
  db: Database,
  range: DayRange,
  timeZone: string,
  clock: Clock,
): Promise<MetricDays | null> {
  const settings = await db.query<{ key: string; value: string }>(
    'SELECT key, value FROM settings WHERE key = ANY($1)',
    [[METRIC_DAYS_ZONE_KEY, RATING_BANDS_KEY]],
  );
  const setting = (key: string) => settings.find((row) => row.key === key)?.value;
  if (setting(METRIC_DAYS_ZONE_KEY) !== timeZone) return null;
  const storedBands = setting(RATING_BANDS_KEY);
  const bands: RatingBand[] = storedBands ? JSON.parse(storedBands) : [...DEFAULT_RATING_BANDS];
  const days = [range.from, range.to];
  const durations = new Map<'agent' | 'team', Promise<DayDurations>>();
  const read = async (by: 'agent' | 'team') =>
    durationsOf(await sampleDays(db, days, clock, by === 'agent'), by, bands);
  return {
    durations(by) {
      let result = durations.get(by);
      if (!result) {
        result = read(by);
        durations.set(by, result);
      }
      return result;
    },
    async agents() {
      const rows = await db.query<{ agent_id: number } & Record<keyof AgentDayCounts, number>>(
        `SELECT agent_id, sum(replies)::int AS "messagesSent", sum(notes)::int AS "notesSent",
                sum(resolved)::int AS "conversationsResolved", sum(assigned)::int AS assignments,
                sum(transfers_in)::int AS "transfersIn", sum(transfers_out)::int AS "transfersOut",
                0 AS "conversationsHandled"
         FROM agent_days WHERE day >= $1::date AND day < $2::date GROUP BY agent_id
         UNION ALL
         -- A cycle counts on its first reply day in the period.
         SELECT agent_id, 0, 0, 0, 0, 0, 0, sum(cycles)::int
         FROM handled_days
         WHERE day >= $1::date AND day < $2::date AND (gap = 0 OR day - gap < $1::date)
         GROUP BY agent_id`,
        days,
      );
      const counts = new Map<number, AgentDayCounts>();
      for (const { agent_id, ...row } of rows) {
        const sum = counts.get(agent_id);
        if (!sum) counts.set(agent_id, row);
        else for (const key of Object.keys(row) as (keyof AgentDayCounts)[]) sum[key] += row[key];
      }
      return counts;
    },
    async team() {
      const [row] = await db.query<{ started: number; resolved: number } & TeamDayCounts['messages']>(
        `SELECT coalesce(sum(started), 0)::int AS started, coalesce(sum(resolved), 0)::int AS resolved,
                coalesce(sum(customer), 0)::int AS customer, coalesce(sum(agent), 0)::int AS agent,
                coalesce(sum(bot), 0)::int AS bot, coalesce(sum(note), 0)::int AS note,
                coalesce(sum(other), 0)::int AS other
         FROM team_days WHERE day >= $1::date AND day < $2::date`,
        days,
      );
      // An aggregate over no rows still gives one row (of zeros, coalesced).
      const { started, resolved, ...messages } = row as NonNullable<typeof row>;
      return { started, resolved, messages };
    },
  };
}

interface SampleDayRow {
  day: string;
  agent_key: number;
  kind: SampleKind;
  /** Changes whenever the row does (PostgreSQL's xmin). */
  version: string;
  count: number;
  sum: number;
  sla_total: number;
  sla_met: number;
}

interface SampleDay extends SampleDayRow {
  /** The day's seconds, ascending. */
  values: Float64Array;
}

/**
 * Decoded and sorted days, by database, clock and day key, with the row version they were read
 * at: a past day does not change, so its bytes cross the wire once, and a day that changed (on
 * any instance) is read again. At most `cachedValues` values are kept.
 */
const cache = new WeakMap<Database, Map<string, SampleDay>>();
const cachedValues = 8_000_000;

async function sampleDays(
  db: Database,
  days: string[],
  clock: Clock,
  agentsOnly: boolean,
): Promise<SampleDay[]> {
  const sum = clock === 'BUSINESS' ? 'sum_business_seconds' : 'sum_seconds';
  const values = clock === 'BUSINESS' ? 'business_seconds' : 'seconds';
  const columns = `day::text AS day, agent_key, kind::text AS kind, xmin::text AS version, count, sla_total, sla_met, ${sum} AS sum`;
  const rows = await db.query<SampleDayRow>(
    `SELECT ${columns} FROM sample_days
     WHERE day >= $1::date AND day < $2::date ${agentsOnly ? 'AND agent_key > 0' : ''}`,
    days,
  );
  let known = cache.get(db);
  if (!known) {
    known = new Map();
    cache.set(db, known);
  }
  const keyOf = (row: SampleDayRow) => `${clock}|${row.day}|${row.agent_key}|${row.kind}`;
  const missing = rows.filter((row) => known.get(keyOf(row))?.version !== row.version);
  if (missing.length > 0) {
    const fetched = await db.query<SampleDayRow & { bytes: Uint8Array }>(
      `SELECT ${columns}, ${values} AS bytes FROM sample_days
       WHERE (day, agent_key, kind::text) IN (SELECT * FROM unnest($1::date[], $2::int[], $3::text[]))`,
      [missing.map((row) => row.day), missing.map((row) => row.agent_key), missing.map((row) => row.kind)],
    );
    let size = 0;
    for (const day of known.values()) size += day.values.length;
    for (const { bytes, ...row } of fetched) {
      if (size > cachedValues) {
        known.clear();
        size = 0;
      }
      const day = { ...row, values: decode(bytes) };
      known.set(keyOf(row), day);
      size += day.values.length;
    }
  }
  // A row that changed between the two reads is as the second read it; one gone since counts as gone.
  return rows.flatMap((row) => known.get(keyOf(row)) ?? []);
}

const littleEndian = os.endianness() === 'LE';

/** Big-endian float8s, in no order, as an ascending Float64Array. */
function decode(bytes: Uint8Array): Float64Array {
  const values = new Float64Array(bytes.length / 8);
  new Uint8Array(values.buffer).set(bytes);
  if (littleEndian) Buffer.from(values.buffer).swap64();
  return values.sort();
}

function durationsOf(rows: SampleDay[], by: 'agent' | 'team', bands: readonly RatingBand[]): DayDurations {
  const groups = new Map<string, SampleDay[]>();
  const hitRates = new Map<string, { met: number; total: number }>();
  for (const row of rows) {
    const key = `${by === 'agent' ? row.agent_key : 1}:${row.kind}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
    const rate = hitRates.get(key) ?? { met: 0, total: 0 };
    rate.met += row.sla_met;
    rate.total += row.sla_total;
    hitRates.set(key, rate);
  }
  const bounds = bands.flatMap((band) => (band.upToSeconds === null ? [] : [band.upToSeconds]));
  const byKey = new Map<string, GroupDurations>();
  for (const [key, group] of groups) byKey.set(key, groupDurations(group, bounds));
  return { bands: [...bands], byKey, hitRates };
}

function groupDurations(days: SampleDay[], bounds: readonly number[]): GroupDurations {
  let count = 0;
  let sum = 0;
  for (const day of days) {
    count += day.values.length;
    sum += day.sum;
  }
  // Each day is sorted: the band counts are binary searches, before selection reorders the copy.
  const upTo = bounds.map((bound) => days.reduce((n, day) => n + upperBound(day.values, bound), 0));
  if (count === 0) return { count, mean: null, median: null, p90: null, upTo };
  const values = new Float64Array(count);
  let at = 0;
  for (const day of days) {
    values.set(day.values, at);
    at += day.values.length;
  }
  const p90 = percentileCont(values, 0.9, count - 1);
  const median = percentileCont(values, 0.5, Math.floor(0.9 * (count - 1)));
  return { count, mean: sum / count, median, p90, upTo };
}

/** How many of the ascending `values` are at most `bound`. */
function upperBound(values: Float64Array, bound: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) <= bound) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * PostgreSQL's percentile_cont: between the values at floor and ceil of fraction × (n - 1),
 * interpolated as it does. Selection reorders `values`, keeping within [0, limit] the smallest
 * limit + 1 of them when limit is at least the row asked (a larger fraction's row, selected first).
 */
function percentileCont(values: Float64Array, fraction: number, limit: number): number {
  const row = fraction * (values.length - 1);
  const first = Math.floor(row);
  select(values, first, 0, Math.max(first, limit));
  const low = values[first] as number;
  if (row === first) return low;
  let high = Number.POSITIVE_INFINITY;
  for (let i = first + 1; i < values.length; i++) high = Math.min(high, values[i] as number);
  return low + (row - first) * (high - low);
}

/** Hoare's selection: afterwards values[k] is the k-th smallest of [left, right], with none larger before it and none smaller after it. */
function select(values: Float64Array, k: number, left: number, right: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const a = values[lo] as number;
    const b = values[(lo + hi) >>> 1] as number;
    const c = values[hi] as number;
    // The median of three.
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
