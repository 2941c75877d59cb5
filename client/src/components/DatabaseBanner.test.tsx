import { act, cleanup, render, screen } from '@testing-library/react';
import { CombinedError, Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseStatus } from '../lib/database';
import { clientAnswering } from '../test/fixtures';
import { DatabaseBanner } from './DatabaseBanner';

const unavailable = new CombinedError({
  graphQLErrors: [{ message: 'The database is unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }],
});

describe('DatabaseBanner', () => {
  afterEach(() => {
    databaseStatus.observe(undefined);
    cleanup();
  });

  it('appears when the server says its database is unavailable, and goes once an answer comes back', () => {
    render(
      <Provider value={clientAnswering({ viewer: { __typename: 'Viewer', name: 'Admin' } })}>
        <DatabaseBanner />
      </Provider>,
    );
    expect(screen.queryByTestId('database-unavailable')).toBeNull();
    act(() => databaseStatus.observe(unavailable));
    expect(screen.getByTestId('database-unavailable').textContent).toMatch(
      /^Banco de dados indisponível desde \d\d:\d\d: os números na tela podem estar desatualizados\./,
    );
    // Another error (a bad filter, say) says nothing about the database: the banner stays.
    act(() => databaseStatus.observe(new CombinedError({ graphQLErrors: [{ message: 'bad' }] })));
    expect(screen.queryByTestId('database-unavailable')).not.toBeNull();
    act(() => databaseStatus.observe(undefined));
    expect(screen.queryByTestId('database-unavailable')).toBeNull();
  });
});
