import { describe, expect, it } from 'vitest';
import { computePeriod } from './period';
import { calendarDateIn, startOfDay } from './time';

const SP = 'America/Sao_Paulo';

describe('computePeriod', () => {
  it('"Hoje" is the local day in the organization time zone', () => {
    // 01:30 UTC on the 13th is still the 12th in São Paulo (UTC-3).
    const today = calendarDateIn(Date.parse('2025-03-13T01:30:00Z'), SP);
    expect(today).toBe('2025-03-12');
    const period = computePeriod('today', SP, today);
    expect(period.from).toBe('2025-03-12T03:00:00.000Z');
    expect(period.to).toBe('2025-03-13T03:00:00.000Z');
    expect(period.granularity).toBe('HOUR');
  });

  it('"7 dias" and "30 dias" end with today and use daily buckets', () => {
    const week = computePeriod('7d', SP, '2025-03-12');
    expect(week.from).toBe('2025-03-06T03:00:00.000Z');
    expect(week.to).toBe('2025-03-13T03:00:00.000Z');
    expect(week.granularity).toBe('DAY');
    expect(computePeriod('30d', SP, '2025-03-12').from).toBe('2025-02-11T03:00:00.000Z');
  });

  it('a custom period includes both ends, in any order, hourly up to two days', () => {
    const period = computePeriod('custom', SP, '2025-03-12', {
      from: '2025-03-02',
      to: '2025-03-01',
    });
    expect(period.firstDay).toBe('2025-03-01');
    expect(period.from).toBe('2025-03-01T03:00:00.000Z');
    expect(period.to).toBe('2025-03-03T03:00:00.000Z');
    expect(period.granularity).toBe('HOUR');
  });

  it('follows daylight saving time changes', () => {
    expect(startOfDay('2025-03-09', 'America/New_York').toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(startOfDay('2025-03-10', 'America/New_York').toISOString()).toBe('2025-03-10T04:00:00.000Z');
  });
});
