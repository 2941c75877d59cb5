import { describe, expect, it } from 'vitest';
import {
  allHours,
  businessSeconds,
  instantAfterBusiness,
  intervalProblem,
  isOpenAt,
  type Schedule,
} from './business-hours.js';

const SP = 'America/Sao_Paulo'; // UTC-3 all year (no DST since 2019)
const at = (local: string, offset = '-03:00') => Date.parse(`${local}${offset}`);
const HOUR = 3600;

// 2026-03-02 is a Monday.
const office: Schedule = {
  timeZone: SP,
  week: {
    MONDAY: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    TUESDAY: [{ start: '08:00', end: '18:00' }],
    WEDNESDAY: [{ start: '08:00', end: '18:00' }],
    THURSDAY: [{ start: '08:00', end: '18:00' }],
    FRIDAY: [{ start: '08:00', end: '18:00' }],
    SATURDAY: [{ start: '09:00', end: '13:00' }],
  },
  holidays: new Map(),
};

describe('businessSeconds', () => {
  it('counts only the open parts of a split shift', () => {
    expect(businessSeconds(at('2026-03-02T11:30:00'), at('2026-03-02T13:30:00'), office)).toBe(HOUR);
    expect(businessSeconds(at('2026-03-02T12:10:00'), at('2026-03-02T12:50:00'), office)).toBe(0);
    expect(businessSeconds(at('2026-03-02T07:00:00'), at('2026-03-02T19:00:00'), office)).toBe(9 * HOUR);
  });

  it('skips a night and a weekend (Saturday morning is open, Sunday closed)', () => {
    // Friday 17:30 → Monday 08:30: 30 min on Friday, 4 h on Saturday, 30 min on Monday.
    expect(businessSeconds(at('2026-03-06T17:30:00'), at('2026-03-09T08:30:00'), office)).toBe(5 * HOUR);
    expect(businessSeconds(at('2026-03-02T17:00:00'), at('2026-03-03T09:00:00'), office)).toBe(2 * HOUR);
  });

  it('closes a holiday, or gives it its own hours', () => {
    const carnival: Schedule = {
      ...office,
      holidays: new Map([
        ['2026-03-03', []],
        ['2026-03-04', [{ start: '12:00', end: '14:00' }]],
      ]),
    };
    // Monday 17:00 → Thursday 09:00: 1 h Monday, Tuesday closed, 2 h Wednesday, 1 h Thursday.
    expect(businessSeconds(at('2026-03-02T17:00:00'), at('2026-03-05T09:00:00'), carnival)).toBe(4 * HOUR);
    expect(isOpenAt(at('2026-03-03T10:00:00'), carnival)).toBe(false);
    expect(isOpenAt(at('2026-03-04T12:30:00'), carnival)).toBe(true);
    expect(isOpenAt(at('2026-03-05T10:00:00'), carnival)).toBe(true);
  });

  it('equals calendar time with a 24×7 schedule, across midnights and zones', () => {
    const from = at('2026-03-01T22:13:07');
    for (const to of [from + 1_000, from + 3 * 86_400_000 + 4_321, from + 40 * 86_400_000]) {
      expect(businessSeconds(from, to, allHours(SP))).toBe((to - from) / 1000);
      expect(businessSeconds(from, to, allHours('America/New_York'))).toBe((to - from) / 1000);
    }
  });

  it('follows a zone with DST: the spring-forward day has 23 open hours, the fall-back day 25', () => {
    const ny: Schedule = {
      ...allHours('America/New_York'),
      week: { SUNDAY: [{ start: '00:00', end: '24:00' }] },
    };
    // 2026-03-08 and 2026-11-01 are the Sundays of the changes in New York.
    expect(
      businessSeconds(at('2026-03-07T12:00:00', '-05:00'), at('2026-03-09T12:00:00', '-04:00'), ny),
    ).toBe(23 * HOUR);
    expect(
      businessSeconds(at('2026-10-31T12:00:00', '-04:00'), at('2026-11-02T12:00:00', '-05:00'), ny),
    ).toBe(25 * HOUR);
    // 09:00 local is 13:00 UTC in summer, 14:00 UTC in winter.
    const nine: Schedule = {
      timeZone: 'America/New_York',
      week: { MONDAY: [{ start: '09:00', end: '10:00' }] },
      holidays: new Map(),
    };
    expect(isOpenAt(Date.parse('2026-03-09T13:30:00Z'), nine)).toBe(true);
    expect(isOpenAt(Date.parse('2026-11-02T13:30:00Z'), nine)).toBe(false);
    expect(isOpenAt(Date.parse('2026-11-02T14:30:00Z'), nine)).toBe(true);
  });

  it('is 0 for an empty or reversed span', () => {
    expect(businessSeconds(at('2026-03-02T10:00:00'), at('2026-03-02T10:00:00'), office)).toBe(0);
    expect(businessSeconds(at('2026-03-02T11:00:00'), at('2026-03-02T10:00:00'), office)).toBe(0);
  });
});

describe('intervalProblem', () => {
  it('accepts split shifts and a day ending at 24:00', () => {
    expect(
      intervalProblem([
        { start: '13:00', end: '24:00' },
        { start: '08:00', end: '12:00' },
      ]),
    ).toBeNull();
  });

  it('names what is wrong', () => {
    expect(intervalProblem([{ start: '18:00', end: '08:00' }])).toBe('18:00-08:00 ends before it starts');
    expect(
      intervalProblem([
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '14:00' },
      ]),
    ).toBe('11:00-14:00 overlaps the interval before it');
    expect(intervalProblem([{ start: '8h', end: '12:00' }])).toMatch(/"8h" is not a time of day/);
  });
});

describe('instantAfterBusiness', () => {
  it('finds where a business-clock target falls due: inside the schedule, past nights, lunch and weekends', () => {
    // Monday 11:50 + 20 min of business time: 10 min before lunch, 10 after it.
    expect(instantAfterBusiness(at('2026-03-02T11:50:00'), 20 * 60, office)).toBe(at('2026-03-02T13:10:00'));
    // Friday 17:30 + 5 h: 30 min on Friday, 4 h on Saturday, 30 min on Monday.
    expect(instantAfterBusiness(at('2026-03-06T17:30:00'), 5 * HOUR, office)).toBe(at('2026-03-09T08:30:00'));
    // Sunday (closed): the clock starts on Monday morning.
    expect(instantAfterBusiness(at('2026-03-08T10:00:00'), 60, office)).toBe(at('2026-03-09T08:01:00'));
    // An exact fit ends at the interval's end.
    expect(instantAfterBusiness(at('2026-03-02T11:00:00'), HOUR, office)).toBe(at('2026-03-02T12:00:00'));
  });

  it('is the inverse of businessSeconds, and calendar time with a 24×7 schedule', () => {
    for (const start of [at('2026-03-02T07:13:00'), at('2026-03-05T17:59:30'), at('2026-03-07T12:00:00')]) {
      for (const seconds of [1, 600, 4 * HOUR, 30 * HOUR]) {
        const due = instantAfterBusiness(start, seconds, office) as number;
        expect(businessSeconds(start, due, office)).toBeCloseTo(seconds, 6);
        expect(businessSeconds(start, due - 1000, office)).toBeLessThan(seconds);
      }
    }
    expect(instantAfterBusiness(at('2026-03-02T23:00:00'), 7200, allHours(SP))).toBe(
      at('2026-03-03T01:00:00'),
    );
  });

  it('is null for a schedule that never opens', () => {
    expect(instantAfterBusiness(at('2026-03-02T08:00:00'), 60, { ...office, week: {} }, 30)).toBeNull();
  });
});
