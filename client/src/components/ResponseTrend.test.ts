import { describe, expect, it } from 'vitest';
import { durationScale } from './ResponseTrend';

describe('durationScale', () => {
  it('on a log axis, gives minutes and days room both', () => {
    const { at, ticks } = durationScale([45, 90, 86_400], 'log');
    expect(ticks[0]).toBe(30);
    expect(ticks.at(-1)).toBe(86_400);
    // On a linear axis 90 s of a day would sit at 0.1 % of the height; here at over a tenth.
    expect(at(90)).toBeGreaterThan(0.1);
    expect(at(86_400)).toBe(1);
    expect(at(0)).toBe(0);
    expect(at(60)).toBeLessThan(at(90));
  });

  it('keeps two ticks when every value is the same', () => {
    const { at, ticks } = durationScale([0, 0], 'log');
    expect(ticks).toEqual([1, 5]);
    expect(at(0)).toBe(0);
  });

  it('on a linear axis, counts from zero in nice steps', () => {
    const { at, ticks } = durationScale([45, 90, 86_400], 'linear');
    expect(ticks[0]).toBe(0);
    expect(at(90)).toBeLessThan(0.01);
    expect(at(ticks.at(-1) as number)).toBe(1);
  });
});
