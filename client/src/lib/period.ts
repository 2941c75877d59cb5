import { addDays, type CalendarDate, daysBetween, startOfDay } from './time';

export type PeriodPreset = 'today' | '7d' | '30d' | 'custom';
export type Granularity = 'HOUR' | 'DAY';

export interface Period {
  preset: PeriodPreset;
  /** First calendar day included. */
  firstDay: CalendarDate;
  /** Last calendar day included. */
  lastDay: CalendarDate;
  /** Inclusive start instant, ISO. */
  from: string;
  /** Exclusive end instant, ISO. */
  to: string;
  granularity: Granularity;
}

const PRESET_DAYS: Record<Exclude<PeriodPreset, 'custom'>, number> = {
  today: 1,
  '7d': 7,
  '30d': 30,
};

/**
 * Computes [from, to) in the organization's time zone: whole local days, from the start of
 * `firstDay` to the start of the day after `lastDay`. `today` is the calendar date in that zone.
 */
export function computePeriod(
  preset: PeriodPreset,
  timeZone: string,
  today: CalendarDate,
  custom?: { from?: CalendarDate | null; to?: CalendarDate | null },
): Period {
  let firstDay: CalendarDate;
  let lastDay: CalendarDate;
  if (preset === 'custom') {
    const a = custom?.from ?? today;
    const b = custom?.to ?? a;
    [firstDay, lastDay] = a <= b ? [a, b] : [b, a];
  } else {
    lastDay = today;
    firstDay = addDays(today, 1 - PRESET_DAYS[preset]);
  }
  const from = startOfDay(firstDay, timeZone);
  const to = startOfDay(addDays(lastDay, 1), timeZone);
  const days = daysBetween(firstDay, lastDay) + 1;
  return {
    preset,
    firstDay,
    lastDay,
    from: from.toISOString(),
    to: to.toISOString(),
    granularity: days <= 2 ? 'HOUR' : 'DAY',
  };
}
