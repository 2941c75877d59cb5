import { describe, expect, it } from 'vitest';
import { formatDuration, secondsSince } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.4, '< 1 s'],
    [1, '1 s'],
    [45, '45 s'],
    [45.9, '45 s'],
    [60, '1 min'],
    [200, '3 min 20 s'],
    [3599, '59 min 59 s'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
    [7559, '2 h 5 min'],
    [86_399, '23 h 59 min'],
    [86_400, '1 d'],
    [97_200, '1 d 3 h'],
    [30 * 86_400 + 3_600, '30 d 1 h'],
  ])('formats %s seconds as "%s"', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it('shows a dash when there is no value', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('never shows negative durations', () => {
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('secondsSince', () => {
  it('measures from an ISO instant and clamps clock skew to zero', () => {
    const now = Date.parse('2025-03-12T12:03:20.000Z');
    expect(secondsSince('2025-03-12T12:00:00.000Z', now)).toBe(200);
    expect(secondsSince('2025-03-12T12:05:00.000Z', now)).toBe(0);
  });
});
