import type { Clock } from '../domain/business-hours.js';
import { Prisma } from '../generated/prisma/client.js';

/** One version of a service-level policy (docs/metrics.md, "Service levels"). */
export interface SlaPolicyVersion {
  id: number;
  sectorId: number | null;
  version: number;
  effectiveFrom: Date;
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  clock: Clock;
  createdAt: Date;
}

/** Every version, by scope, newest effective first. */
export interface SlaPolicies {
  organization: SlaPolicyVersion[];
  sectors: ReadonlyMap<number, SlaPolicyVersion[]>;
}

/** Versions by scope, newest effective first; dates may come as ISO strings (from JSON). */
export function groupPolicies(
  rows: (Omit<SlaPolicyVersion, 'clock' | 'effectiveFrom' | 'createdAt'> & {
    clock: string;
    effectiveFrom: Date | string;
    createdAt: Date | string;
  })[],
): SlaPolicies {
  const organization: SlaPolicyVersion[] = [];
  const sectors = new Map<number, SlaPolicyVersion[]>();
  const sorted = rows
    .map((row) => ({
      ...row,
      clock: row.clock as Clock,
      effectiveFrom: new Date(row.effectiveFrom),
      createdAt: new Date(row.createdAt),
    }))
    .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.version - a.version);
  for (const policy of sorted) {
    if (policy.sectorId === null) organization.push(policy);
    else sectors.set(policy.sectorId, [...(sectors.get(policy.sectorId) ?? []), policy]);
  }
  return { organization, sectors };
}

/**
 * The version in force at `at` for a conversation of this sector: the sector's own when it had one
 * then, else the organization's; null when none was.
 */
export function policyAt(
  policies: SlaPolicies,
  sectorId: number | null,
  at: number,
): SlaPolicyVersion | null {
  const inForce = (versions: readonly SlaPolicyVersion[] | undefined) =>
    versions?.find((policy) => policy.effectiveFrom.getTime() <= at) ?? null;
  return (
    (sectorId === null ? null : inForce(policies.sectors.get(sectorId))) ?? inForce(policies.organization)
  );
}

/** What a sample is judged by: the version in force when it started, and its target for the sample's kind. */
export interface Judgement {
  policyId: number | null;
  targetSeconds: number | null;
  business: boolean;
}

export function judge(
  policies: SlaPolicies,
  sectorId: number | null,
  sample: { kind: string; startedAt: Date | string; firstInCycle?: boolean },
): Judgement {
  const policy = policyAt(policies, sectorId, new Date(sample.startedAt).getTime());
  if (!policy) return { policyId: null, targetSeconds: null, business: false };
  return {
    policyId: policy.id,
    targetSeconds: targetOf(policy, sample),
    business: policy.clock === 'BUSINESS',
  };
}

/** First response, next response (a RESPONSE other than the cycle's first) or resolution. */
function targetOf(policy: SlaPolicyVersion, sample: { kind: string; firstInCycle?: boolean }): number | null {
  switch (sample.kind) {
    case 'FIRST_RESPONSE':
      return policy.firstResponseSeconds;
    case 'RESPONSE':
      return sample.firstInCycle ? null : policy.nextResponseSeconds;
    case 'RESOLUTION':
      return policy.resolutionSeconds;
    default:
      return null;
  }
}

/** A judgement as the samples table's columns. */
export const judgementColumns = (j: Judgement) => ({
  sla_policy_id: j.policyId,
  sla_target_seconds: j.targetSeconds,
  sla_business: j.business,
});

/** A judged sample (alias `s`) met its target: its seconds on its policy's clock, at most the target. */
export const slaMet = Prisma.sql`(CASE WHEN s.sla_business THEN s.business_seconds ELSE s.seconds END) <= s.sla_target_seconds`;
