import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { type Client, CombinedError, type OperationContext, Provider } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import { AuthProvider, TOKEN_STORAGE_KEY, useAuth } from '../lib/auth';
import { LoginPage } from './LoginPage';

function mockClient(respond: (authorization: string | undefined) => object) {
  const executeQuery = vi.fn((_request: unknown, context?: Partial<OperationContext>) => {
    const init = context?.fetchOptions as RequestInit | undefined;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    return fromValue({ stale: false, hasNext: false, ...respond(headers.authorization) });
  });
  const client = {
    executeQuery,
    executeSubscription: vi.fn(() => never),
    executeMutation: vi.fn(() => never),
  } as unknown as Client;
  return { client, executeQuery };
}

function SessionProbe() {
  const { token } = useAuth();
  return <output data-testid="session">{token ?? 'sem sessão'}</output>;
}

function renderLogin(client: Client) {
  return render(
    <AuthProvider>
      <Provider value={client}>
        <LoginPage />
        <SessionProbe />
      </Provider>
    </AuthProvider>,
  );
}

async function submitToken(token: string) {
  fireEvent.change(screen.getByLabelText('Token de acesso'), { target: { value: token } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Entrar' }));
  });
}

const viewer = {
  data: { viewer: { __typename: 'Viewer', name: 'Supervisão', role: 'SUPERVISOR' } },
};

describe('LoginPage', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('shows "Token inválido" for an HTTP 401 and keeps nothing', async () => {
    const { client, executeQuery } = mockClient(() => ({
      error: new CombinedError({
        networkError: new Error('Unauthorized'),
        response: { status: 401 },
      }),
    }));
    renderLogin(client);
    await submitToken('errado');

    expect(screen.getByRole('alert').textContent).toContain('Token inválido');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(screen.getByTestId('session').textContent).toBe('sem sessão');
    const context = executeQuery.mock.calls[0]?.[1];
    expect(context?.requestPolicy).toBe('network-only');
    expect((context?.fetchOptions as RequestInit | undefined)?.headers).toEqual({
      authorization: 'Bearer errado',
    });
  });

  it('shows "Token inválido" for an UNAUTHENTICATED GraphQL error', async () => {
    const { client } = mockClient(() => ({
      error: new CombinedError({
        graphQLErrors: [{ message: 'Not authenticated', extensions: { code: 'UNAUTHENTICATED' } }],
      }),
    }));
    renderLogin(client);
    await submitToken('revogado');
    expect(screen.getByRole('alert').textContent).toContain('Token inválido');
  });

  it('keeps a valid token in localStorage and opens the session', async () => {
    const { client } = mockClient((authorization) =>
      authorization === 'Bearer certo' ? viewer : { error: new CombinedError({ response: { status: 401 } }) },
    );
    renderLogin(client);
    await submitToken('  certo  ');

    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('certo');
    expect(screen.getByTestId('session').textContent).toBe('certo');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for a token before calling the server', async () => {
    const { client, executeQuery } = mockClient(() => viewer);
    renderLogin(client);
    await submitToken('   ');
    expect(screen.getByRole('alert').textContent).toContain('Informe o token');
    expect(executeQuery).not.toHaveBeenCalled();
  });

  it('restores a stored token after a reload', () => {
    localStorage.setItem(TOKEN_STORAGE_KEY, 'guardado');
    const { client } = mockClient(() => viewer);
    renderLogin(client);
    expect(screen.getByTestId('session').textContent).toBe('guardado');
  });
});
