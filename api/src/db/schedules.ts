import { allHours, type Schedule, type TimeInterval, type Weekday } from '../domain/business-hours.js';
import { inRuleOrder, type OriginRule } from '../domain/origins.js';
import type { Prisma } from '../generated/prisma/client.js';
import { groupPolicies, type SlaPolicies } from './sla.js';

type Reader = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** The organization's schedule and the sectors' own, holidays included. */
export interface Schedules {
  organization: Schedule;
  sectors: ReadonlyMap<number, Schedule>;
}

export const ORGANIZATION_SCOPE = 'organization';

/** The scope key of a schedule or an SLA policy: the organization's, or a sector's own. */
export const scopeOf = (sectorId: number | null) =>
  sectorId === null ? ORGANIZATION_SCOPE : `sector:${sectorId}`;

/** What derivation follows: schedules with their holidays, SLA policies, first-message rules. */
export interface Rules {
  schedules: Schedules;
  policies: SlaPolicies;
  /** In the order they are tried. */
  origins: OriginRule[];
}

/** One statement: every schedule, holiday, SLA policy version and origin rule (the tables are small). */
export async function loadRules(db: Reader, timeZone: string): Promise<Rules> {
  const [row] = await db.$queryRaw<
    {
      schedules: { scope: string; sectorId: number | null; week: Partial<Record<Weekday, TimeInterval[]>> }[];
      holidays: { date: string; intervals: TimeInterval[] }[];
      policies: Parameters<typeof groupPolicies>[0];
      origins: OriginRule[];
    }[]
  >`
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('scope', scope, 'sectorId', sector_id, 'week', week)), '[]'::jsonb)
         FROM business_schedules) AS schedules,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('date', to_char(date, 'YYYY-MM-DD'), 'intervals', intervals)), '[]'::jsonb)
         FROM holidays) AS holidays,
      (SELECT coalesce(jsonb_agg(jsonb_build_object(
          'id', id, 'sectorId', sector_id, 'version', version, 'effectiveFrom', effective_from,
          'firstResponseSeconds', first_response_seconds, 'nextResponseSeconds', next_response_seconds,
          'resolutionSeconds', resolution_seconds, 'clock', clock, 'createdAt', created_at)), '[]'::jsonb)
         FROM sla_policies) AS policies,
      (SELECT coalesce(jsonb_agg(jsonb_build_object(
          'id', id, 'position', position, 'pattern', pattern, 'origin', origin, 'name', name)), '[]'::jsonb)
         FROM origin_rules) AS origins`;
  return {
    schedules: schedulesOf(row, timeZone),
    policies: groupPolicies(row?.policies ?? []),
    origins: inRuleOrder(row?.origins ?? []),
  };
}

function schedulesOf(
  row:
    | {
        schedules: {
          scope: string;
          sectorId: number | null;
          week: Partial<Record<Weekday, TimeInterval[]>>;
        }[];
        holidays: { date: string; intervals: TimeInterval[] }[];
      }
    | undefined,
  timeZone: string,
): Schedules {
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
