import { type FormEvent, useId, useState } from 'react';
import { type Client, createRequest, useClient } from 'urql';
import { filter, pipe, take, toPromise } from 'wonka';
import { Icon } from '../components/Icon';
import { graphql } from '../gql';
import { useAuth } from '../lib/auth';
import { isUnauthenticated } from '../lib/errors';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export const validateTokenQuery = graphql(`
  query ValidateToken {
    viewer {
      name
      role
    }
  }
`);

type Check = 'valid' | 'invalid' | 'unreachable';

/** Runs `viewer` with the candidate token, before it becomes the session's token. */
async function checkToken(client: Client, token: string): Promise<Check> {
  const result = await pipe(
    client.executeQuery(createRequest(validateTokenQuery, {}), {
      requestPolicy: 'network-only',
      fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    }),
    filter((r) => !r.stale),
    take(1),
    toPromise,
  );
  if (result.data?.viewer) return 'valid';
  if (isUnauthenticated(result.error)) return 'invalid';
  return result.error?.networkError ? 'unreachable' : 'invalid';
}

const MESSAGES: Record<Exclude<Check, 'valid'>, string> = {
  invalid: 'Token inválido. Confira e tente de novo.',
  unreachable: 'Não foi possível falar com o servidor. Tente de novo em instantes.',
};

export function LoginPage() {
  useDocumentTitle('Entrar');
  const client = useClient();
  const { login, notice } = useAuth();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) {
      setError('Informe o token de acesso.');
      return;
    }
    setPending(true);
    setError(null);
    let check: Check;
    try {
      check = await checkToken(client, candidate);
    } catch {
      check = 'unreachable';
    }
    setPending(false);
    if (check === 'valid') login(candidate);
    else setError(MESSAGES[check]);
  };

  const message = error ?? notice;

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Radar
        </div>
        <h1 id="login-title">Entrar</h1>
        <p className="muted">
          Use o token de acesso criado pelo administrador do Radar para acompanhar o atendimento.
        </p>
        <div className="field">
          <label htmlFor={inputId}>Token de acesso</label>
          <input
            id={inputId}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            data-testid="token-input"
          />
        </div>
        {message ? (
          <p id={errorId} className="form-error" role="alert" data-testid="login-error">
            <Icon name="alert" size={14} /> {message}
          </p>
        ) : null}
        <button type="submit" className="button button-primary button-block" disabled={pending}>
          {pending ? 'Entrando…' : 'Entrar'}
        </button>
      </form>
    </main>
  );
}
