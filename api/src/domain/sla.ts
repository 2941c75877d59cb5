import { type Clock, instantAfterBusiness, type Schedule } from './business-hours.js';

// Service levels, live (docs/metrics.md, "Service levels"): which targets run on an open
// conversation, and the instants at which each one crosses 75 % (AT_RISK) and 100 % (BREACHED).
// Pure: the crossings are computed once from due times, so an alert needs no polling.

export type SlaKind = 'FIRST_RESPONSE' | 'NEXT_RESPONSE' | 'RESOLUTION';
export type SlaState = 'OK' | 'AT_RISK' | 'BREACHED';

export const AT_RISK_SHARE = 0.75;

export interface SlaTargets {
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  clock: Clock;
}

/** What the clocks of an open conversation start from. */
export interface SlaSubject {
  open: boolean;
  /** The latest cycle already has an agent reply. */
  answered: boolean;
  /** The earliest customer message not yet followed by an agent reply. */
  waitingSince: Date | null;
  /** The first message of the latest cycle. */
  cycleStartedAt: Date | null;
}

/** One running target. Instants in epoch ms; null when the schedule never reaches them. */
export interface SlaClock {
  kind: SlaKind;
  targetSeconds: number;
  business: boolean;
  startedAt: number;
  atRiskAt: number | null;
  dueAt: number | null;
}

/** Each target that applies now, with its start: chosen per start, by the policy then in force. */
export function runningTargets(subject: SlaSubject): { kind: SlaKind; startedAt: Date }[] {
  if (!subject.open) return [];
  const running: { kind: SlaKind; startedAt: Date }[] = [];
  if (subject.waitingSince) {
    running.push({
      kind: subject.answered ? 'NEXT_RESPONSE' : 'FIRST_RESPONSE',
      startedAt: subject.waitingSince,
    });
  }
  if (subject.cycleStartedAt) running.push({ kind: 'RESOLUTION', startedAt: subject.cycleStartedAt });
  return running;
}

const targetOf = (targets: SlaTargets, kind: SlaKind) =>
  kind === 'FIRST_RESPONSE'
    ? targets.firstResponseSeconds
    : kind === 'NEXT_RESPONSE'
      ? targets.nextResponseSeconds
      : targets.resolutionSeconds;

/** The clock of one running target under a policy; null when the policy sets no such target. */
export function clockOf(
  kind: SlaKind,
  startedAt: Date,
  targets: SlaTargets,
  schedule: Schedule,
): SlaClock | null {
  const targetSeconds = targetOf(targets, kind);
  if (targetSeconds === null) return null;
  const start = startedAt.getTime();
  const business = targets.clock === 'BUSINESS';
  const after = (seconds: number) =>
    business ? instantAfterBusiness(start, seconds, schedule) : start + seconds * 1000;
  return {
    kind,
    targetSeconds,
    business,
    startedAt: start,
    atRiskAt: after(targetSeconds * AT_RISK_SHARE),
    dueAt: after(targetSeconds),
  };
}

export function stateAt(clock: SlaClock, now: number): SlaState {
  if (clock.dueAt !== null && now >= clock.dueAt) return 'BREACHED';
  if (clock.atRiskAt !== null && now >= clock.atRiskAt) return 'AT_RISK';
  return 'OK';
}

/** The next crossing after `now`, if any. */
export function nextCrossing(clock: SlaClock, now: number): number | null {
  for (const at of [clock.atRiskAt, clock.dueAt]) if (at !== null && at > now) return at;
  return null;
}
