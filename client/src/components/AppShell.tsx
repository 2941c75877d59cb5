import { useMemo } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useAuth } from '../lib/auth';
import { type Role, SessionProvider } from '../lib/session';
import { DEFAULT_TIME_ZONE } from '../lib/time';
import { ConnectionIndicator } from './ConnectionIndicator';
import { DatabaseBanner } from './DatabaseBanner';
import { Icon } from './Icon';
import { IngestLagBanner } from './IngestLagBanner';
import { LiveUpdates } from './LiveUpdates';
import { StaleDataBanner } from './StaleDataBanner';
import { ErrorState, LoadingState } from './States';

export const shellQuery = graphql(`
  query Shell {
    viewer {
      name
      role
    }
    serverInfo {
      timeZone
    }
  }
`);

const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Administrador',
  SUPERVISOR: 'Supervisor',
  INTEGRATOR: 'Integração',
};

const NAV = [
  { to: '/', label: 'Tempo real', end: true },
  { to: '/conversations', label: 'Conversas', end: false },
  { to: '/agents', label: 'Desempenho', end: false },
];
const SETTINGS = { to: '/settings', label: 'Configurações', end: false };

export function AppShell() {
  const { logout } = useAuth();
  const signOut = () => logout();
  const [result, reexecute] = useQuery({ query: shellQuery });
  const data = result.data;
  const session = useMemo(
    () => ({
      viewerName: data?.viewer.name ?? null,
      role: (data?.viewer.role as Role | undefined) ?? null,
      timeZone: data?.serverInfo?.timeZone || DEFAULT_TIME_ZONE,
    }),
    [data],
  );

  if (!data) {
    return (
      <main className="boot">
        {result.error ? (
          <>
            <ErrorState
              error={result.error}
              title="Não foi possível abrir o Radar"
              onRetry={() => reexecute({ requestPolicy: 'network-only' })}
            />
            <p className="boot-actions">
              <button type="button" className="button button-ghost" onClick={signOut}>
                <Icon name="logout" /> Sair
              </button>
            </p>
          </>
        ) : (
          <LoadingState label="Abrindo o Radar…" rows={3} />
        )}
      </main>
    );
  }

  return (
    <SessionProvider value={session}>
      <LiveUpdates />
      <div className="app">
        <a className="skip-link" href="#main">
          Pular para o conteúdo
        </a>
        <header className="topbar">
          <div className="topbar-inner">
            <NavLink to="/" className="brand" aria-label="Radar, início">
              <span className="brand-mark" aria-hidden="true" />
              Radar
            </NavLink>
            <nav className="nav" aria-label="Principal">
              {[...NAV, ...(data.viewer.role === 'ADMIN' ? [SETTINGS] : [])].map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) => (isActive ? 'nav-link is-active' : 'nav-link')}
                >
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <div className="topbar-side">
              <ConnectionIndicator />
              <span className="viewer" data-testid="viewer">
                <span className="viewer-name">{data.viewer.name}</span>
                <span className="viewer-role">
                  {ROLE_LABELS[data.viewer.role as Role] ?? data.viewer.role}
                </span>
              </span>
              <button type="button" className="button button-ghost" onClick={signOut}>
                <Icon name="logout" /> Sair
              </button>
            </div>
          </div>
        </header>
        <DatabaseBanner />
        <StaleDataBanner />
        {data.viewer.role === 'ADMIN' && <IngestLagBanner />}
        <main id="main" className="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </SessionProvider>
  );
}
