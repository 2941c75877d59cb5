import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Change, previousPeriod } from './AgentsPage';

describe('previousPeriod', () => {
  it('is as long as the period and, while it runs, cut at the same point', () => {
    const from = '2026-03-02T03:00:00.000Z';
    const to = '2026-03-03T03:00:00.000Z';
    // Today until 10:00 in São Paulo (13:00 UTC): yesterday until 10:00.
    expect(previousPeriod(from, to, Date.parse('2026-03-02T13:00:00.000Z'))).toEqual({
      from: '2026-03-01T03:00:00.000Z',
      to: '2026-03-01T13:00:00.000Z',
    });
    // A period in the past: the whole period before.
    expect(previousPeriod(from, to, Date.parse('2026-04-01T00:00:00.000Z'))).toEqual({
      from: '2026-03-01T03:00:00.000Z',
      to: '2026-03-02T03:00:00.000Z',
    });
  });
});

describe('Change', () => {
  afterEach(cleanup);
  const shown = (props: Parameters<typeof Change>[0]) => {
    const { container } = render(<Change {...props} />);
    const dd = container.querySelector('dd') as HTMLElement;
    return { text: dd.textContent, tone: dd.className };
  };

  it('says up or down in percent, green when it is good news and red when it is not', () => {
    expect(shown({ now: 30, before: 20, better: 'higher' })).toEqual({
      text: '▲ +50 % em relação ao período anterior',
      tone: 'change change-good',
    });
    expect(shown({ now: 90, before: 60, better: 'lower' })).toEqual({
      text: '▲ +50 % em relação ao período anterior',
      tone: 'change change-bad',
    });
    expect(shown({ now: 45, before: 60, better: 'lower' })).toEqual({
      text: '▼ −25 % em relação ao período anterior',
      tone: 'change change-good',
    });
    expect(shown({ now: 10, before: 20, better: 'neither' }).tone).toBe('change');
  });

  it('compares nothing with nothing', () => {
    expect(shown({ now: 5, before: 0, better: 'higher' }).text).toBe('sem comparação');
    expect(shown({ now: null, before: 3, better: 'lower' }).text).toBe('sem comparação');
    expect(shown({ now: 7, before: 7, better: 'lower' }).text).toBe('= período anterior');
  });
});
