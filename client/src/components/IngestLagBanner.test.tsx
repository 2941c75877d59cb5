import { cleanup, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAnswering } from '../test/fixtures';
import { IngestLagBanner } from './IngestLagBanner';

function renderWith(pending: number, oldestSecondsAgo: number | null) {
  const oldestPendingAt =
    oldestSecondsAgo === null ? null : new Date(Date.now() - oldestSecondsAgo * 1000).toISOString();
  const client = clientAnswering({ ingestStatus: { __typename: 'IngestStatus', pending, oldestPendingAt } });
  render(
    <Provider value={client}>
      <IngestLagBanner />
    </Provider>,
  );
}

describe('IngestLagBanner', () => {
  afterEach(cleanup);

  it('says how many events wait and for how long once the oldest is over a minute old', () => {
    renderWith(1234, 5 * 60 + 3);
    expect(screen.getByTestId('ingest-lag').textContent).toBe(
      'Processamento atrasado: 1.234 eventos, há 5 min 3 s',
    );
  });

  it('stays hidden while processing keeps up', () => {
    renderWith(40, 12);
    expect(screen.queryByTestId('ingest-lag')).toBeNull();
    cleanup();
    renderWith(0, null);
    expect(screen.queryByTestId('ingest-lag')).toBeNull();
  });
});
