import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionProvider, createConnectionStore } from '../lib/connection';
import { STALE_AFTER_MS, StaleDataBanner } from './StaleDataBanner';

describe('StaleDataBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T13:05:00.000Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says since when the data is stale once the link has been lost a moment, and goes when it is back', () => {
    const store = createConnectionStore('connecting');
    render(
      <ConnectionProvider store={store}>
        <StaleDataBanner />
      </ConnectionProvider>,
    );
    // Opening the first connection is not a loss.
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS * 2));
    expect(screen.queryByTestId('stale-data')).toBeNull();
    act(() => store.set('connected'));
    act(() => store.set('reconnecting'));
    // A short blip passes unannounced.
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS - 100));
    expect(screen.queryByTestId('stale-data')).toBeNull();
    // Retries switching states do not put it off: it is counted from the loss.
    act(() => store.set('connecting'));
    act(() => vi.advanceTimersByTime(200));
    // Since the moment it was lost (10:05 in São Paulo), not since the last state change.
    expect(screen.getByTestId('stale-data').textContent).toMatch(/^Dados desatualizados desde 10:05:/);
    act(() => store.set('connected'));
    expect(screen.queryByTestId('stale-data')).toBeNull();
  });
});
