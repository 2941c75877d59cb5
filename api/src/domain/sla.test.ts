import { describe, expect, it } from 'vitest';
import { allHours, type Schedule } from './business-hours.js';
import { clockOf, nextCrossing, runningTargets, stateAt } from './sla.js';

const SP = 'America/Sao_Paulo';
const at = (local: string) => Date.parse(`${local}-03:00`);
const office: Schedule = {
  timeZone: SP,
  week: Object.fromEntries(
    ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((d) => [
      d,
      [{ start: '08:00', end: '18:00' }],
    ]),
  ),
  holidays: new Map(),
};
const targets = {
  firstResponseSeconds: 600,
  nextResponseSeconds: 120,
  resolutionSeconds: 3600,
  clock: 'CALENDAR' as const,
};

describe('live service levels', () => {
  it('runs the first-response target until the first agent reply, then the next-response one while a customer waits', () => {
    const waitingSince = new Date(at('2026-03-02T10:00:00'));
    const cycleStartedAt = new Date(at('2026-03-02T09:59:00'));
    const base = { open: true, waitingSince, cycleStartedAt };
    expect(runningTargets({ ...base, answered: false }).map((t) => t.kind)).toEqual([
      'FIRST_RESPONSE',
      'RESOLUTION',
    ]);
    expect(runningTargets({ ...base, answered: true }).map((t) => t.kind)).toEqual([
      'NEXT_RESPONSE',
      'RESOLUTION',
    ]);
    expect(runningTargets({ ...base, answered: true, waitingSince: null }).map((t) => t.kind)).toEqual([
      'RESOLUTION',
    ]);
    expect(runningTargets({ ...base, answered: false, open: false })).toEqual([]);
  });

  it('crosses at 75 % and 100 % of the target on the calendar clock', () => {
    const start = new Date(at('2026-03-02T10:00:00'));
    const clock = clockOf('FIRST_RESPONSE', start, targets, allHours(SP));
    expect(clock).toMatchObject({ atRiskAt: at('2026-03-02T10:07:30'), dueAt: at('2026-03-02T10:10:00') });
    if (!clock) throw new Error('no clock');
    expect(stateAt(clock, at('2026-03-02T10:07:29'))).toBe('OK');
    expect(stateAt(clock, at('2026-03-02T10:07:30'))).toBe('AT_RISK');
    expect(stateAt(clock, at('2026-03-02T10:10:00'))).toBe('BREACHED');
    expect(nextCrossing(clock, at('2026-03-02T10:00:00'))).toBe(at('2026-03-02T10:07:30'));
    expect(nextCrossing(clock, at('2026-03-02T10:08:00'))).toBe(at('2026-03-02T10:10:00'));
    expect(nextCrossing(clock, at('2026-03-02T10:11:00'))).toBeNull();
    // No target of that kind in the policy: no clock.
    expect(
      clockOf('NEXT_RESPONSE', start, { ...targets, nextResponseSeconds: null }, allHours(SP)),
    ).toBeNull();
  });

  it('on the business clock, lets the night and the weekend pass: crossings fall inside the schedule', () => {
    // Friday 17:55 with a 10 min target: 5 min on Friday, the rest on Monday morning.
    const clock = clockOf(
      'FIRST_RESPONSE',
      new Date(at('2026-03-06T17:55:00')),
      { ...targets, clock: 'BUSINESS' },
      office,
    );
    expect(clock).toMatchObject({
      business: true,
      atRiskAt: at('2026-03-09T08:02:30'),
      dueAt: at('2026-03-09T08:05:00'),
    });
  });
});
