import { useEffect, useMemo, useRef } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Provider } from 'urql';
import { AppShell } from './components/AppShell';
import { EmptyState } from './components/States';
import { AuthProvider, useAuth } from './lib/auth';
import { ConnectionProvider } from './lib/connection';
import { AgentsPage } from './pages/AgentsPage';
import { ConversationPage } from './pages/ConversationPage';
import { ConversationsPage } from './pages/ConversationsPage';
import { LivePage } from './pages/LivePage';
import { LoginPage } from './pages/LoginPage';
import { SettingsPage } from './pages/SettingsPage';
import { createRadarClient, type RadarClient } from './urql';

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Session />
      </BrowserRouter>
    </AuthProvider>
  );
}

const EXPIRED = 'Sessão encerrada: o token foi revogado ou não vale mais. Entre novamente.';

/** One urql client per token: logging in or out starts from an empty cache and a new socket. */
function Session() {
  const { token, logout } = useAuth();
  const radar = useMemo(
    () => createRadarClient({ token, onUnauthenticated: () => logout(EXPIRED) }),
    [token, logout],
  );
  const previous = useRef<RadarClient | null>(null);
  useEffect(() => {
    if (previous.current && previous.current !== radar) previous.current.dispose();
    previous.current = radar;
  }, [radar]);

  return (
    <Provider value={radar.client}>
      <ConnectionProvider store={radar.connection}>
        <Routes>
          <Route path="/login" element={token ? <AfterLogin /> : <LoginPage />} />
          <Route element={token ? <AppShell /> : <ToLogin />}>
            <Route index element={<LivePage />} />
            <Route path="conversations" element={<ConversationsPage />} />
            <Route path="conversations/:id" element={<ConversationPage />} />
            <Route path="agents" element={<AgentsPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </ConnectionProvider>
    </Provider>
  );
}

/** Sends a visitor to the login page, remembering where to return unless they chose "Sair". */
function ToLogin() {
  const location = useLocation();
  const { signedOut } = useAuth();
  const next = `${location.pathname}${location.search}`;
  const target = signedOut || next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  return <Navigate to={target} replace />;
}

function AfterLogin() {
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  return <Navigate to={next?.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
}

function NotFound() {
  return (
    <div className="page">
      <EmptyState title="Página não encontrada" icon="search">
        O endereço não existe. Use o menu acima para continuar.
      </EmptyState>
    </div>
  );
}
