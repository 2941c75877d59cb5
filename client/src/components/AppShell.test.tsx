import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthProvider, TOKEN_STORAGE_KEY, useAuth } from '../lib/auth';
import { ConnectionProvider, createConnectionStore } from '../lib/connection';
import { clientAnswering } from '../test/fixtures';
import { AppShell } from './AppShell';

function Token() {
  return <output data-testid="token">{useAuth().token ?? 'sem sessão'}</output>;
}

describe('AppShell', () => {
  afterEach(cleanup);

  it('shows the viewer and the real connection state, and "Sair" clears the session', () => {
    localStorage.setItem(TOKEN_STORAGE_KEY, 'abc');
    const client = clientAnswering({
      viewer: { __typename: 'Viewer', name: 'Carla', role: 'ADMIN' },
      serverInfo: { __typename: 'ServerInfo', timeZone: 'America/Sao_Paulo' },
    });
    const store = createConnectionStore('connecting');

    render(
      <AuthProvider>
        <Provider value={client}>
          <ConnectionProvider store={store}>
            <MemoryRouter>
              <Routes>
                <Route element={<AppShell />}>
                  <Route index element={<p>conteúdo</p>} />
                </Route>
              </Routes>
            </MemoryRouter>
          </ConnectionProvider>
          <Token />
        </Provider>
      </AuthProvider>,
    );

    expect(screen.getByTestId('viewer').textContent).toContain('Carla');
    expect(screen.getByRole('link', { name: 'Tempo real' })).toBeTruthy();
    const status = screen.getByTestId('connection-status');
    expect(status.textContent).toBe('Conectando');

    act(() => store.set('connected'));
    expect(status.textContent).toBe('Conectado');
    act(() => store.set('offline'));
    expect(status.textContent).toBe('Offline');
    act(() => store.set('reconnecting'));
    expect(status.textContent).toBe('Reconectando');

    fireEvent.click(screen.getByRole('button', { name: 'Sair' }));
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(screen.getByTestId('token').textContent).toBe('sem sessão');
  });
});
